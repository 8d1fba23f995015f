/**
 * `@bookstore/mock-logto/next-auth`: drives a real NextAuth v4 handler (your `[...nextauth]`
 * route) like a browser with a cookie jar: sign in through the mocked Logto, read the session,
 * refresh, sign out.
 */
export {
  allowLocalServers,
  startNextApiServer,
  type ApiRoute,
  type ApiRoutes,
  type NextApiServer,
} from './api-server.js';
export {
  Browser,
  parseCookieHeader,
  parseSetCookie,
  type BrowserRequestInit,
  type BrowserResponse,
  type SetCookie,
} from './browser.js';
export {
  csrfToken,
  fetchSession,
  refresh,
  signIn,
  signOut,
  type SignInOptions,
  type SignInOutcome,
} from './sign-in.js';
