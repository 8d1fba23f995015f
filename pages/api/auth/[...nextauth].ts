import { nextAuthHandler } from '@/auth';

/** next-auth's catch-all, with the app's options (lib/auth/core/logto-auth.ts). */
export default nextAuthHandler;
