import { handlers } from '@/auth';

/** Auth.js v5's catch-all, in place of pages/api/auth/[...nextauth].ts (delete that one). */
export const { GET, POST } = handlers;
