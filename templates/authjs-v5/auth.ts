import { createLogtoAuth } from '@/lib/auth/v5/logto-auth';

/**
 * The app's auth under Auth.js v5, with the names it had under v4: pages and API routes that
 * import `requireSession`, `withSession`, `federatedSignOut` and the rest from here stay as they
 * are, and so do `app/` pages and routes that import `getAppSession`, `requireAppSession` and
 * `refreshSessionRoute`.
 * @see README.md#moving-to-authjs-v5
 */
export const {
  env,
  handlers,
  auth,
  signIn,
  signOut,
  requireSession,
  withSession,
  federatedSignOut,
  authErrorPageProps,
  phoneChangeUrl,
  refreshAfterAccountCenter,
  getAppSession,
  requireAppSession,
  refreshSessionRoute,
} = createLogtoAuth();
