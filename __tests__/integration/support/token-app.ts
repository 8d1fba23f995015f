/**
 * The app's real routes — the NextAuth catch-all, /api/me and the federated sign-out — on one
 * test server, configured through the same env variables as in production and pointed at a
 * mocked Logto, plus the clock and cookie helpers the token-lifecycle tests share.
 */
import { decode, encode, type JWT } from 'next-auth/jwt';
import type { NextApiHandler } from 'next';
import type { MockLogto } from '@bookstore/mock-logto';
import { Browser, startNextApiServer, type NextApiServer } from '@bookstore/mock-logto/next-auth';

export const SECRET = 'token-lifecycle-test-secret-token-lifecycle';
export const SESSION_COOKIE = 'next-auth.session-token';

/**
 * Starts the routes. NEXTAUTH_URL is the server's own origin (the driver sets it), and the
 * routes are loaded only then, since lib/auth reads its env once per process. Call it once per
 * test file (Jest gives each file its own modules).
 */
export async function startTokenApp(logto: MockLogto): Promise<NextApiServer> {
  const routes: Record<string, NextApiHandler> = {};
  const server = await startNextApiServer({
    '/api/auth/[...nextauth]': (req, res) => routes.nextAuth!(req, res),
    '/api/me': (req, res) => routes.me!(req, res),
    '/api/auth/federated-sign-out': (req, res) => routes.signOut!(req, res),
  });
  Object.assign(process.env, {
    AUTH_LOGTO_ISSUER: logto.issuer,
    AUTH_LOGTO_ID: logto.clientId,
    AUTH_LOGTO_SECRET: logto.clientSecret,
    NEXTAUTH_SECRET: SECRET,
  });
  routes.nextAuth = (await import('@/pages/api/auth/[...nextauth]')).default;
  routes.me = (await import('@/pages/api/me')).default;
  routes.signOut = (await import('@/pages/api/auth/federated-sign-out')).default;
  return server;
}

/** What the encrypted session cookie holds (tests read it as the server would). */
export async function readSessionCookie(browser: Browser): Promise<JWT | null> {
  const cookie = browser.cookies.get(SESSION_COOKIE);
  if (!cookie) return null;
  return decode({ token: cookie.value, secret: SECRET });
}

/** Puts a session cookie holding `token` into the browser, as if next-auth had set it. */
export async function writeSessionCookie(browser: Browser, token: JWT): Promise<void> {
  const value = await encode({ token, secret: SECRET });
  browser.cookies.set(SESSION_COOKIE, { name: SESSION_COOKIE, value, attributes: {} });
}

/** A second browser holding a copy of this one's cookies (another tab, or a stale request). */
export function copyBrowser(browser: Browser): Browser {
  const copy = new Browser(browser.origin);
  for (const [name, cookie] of browser.cookies) copy.cookies.set(name, { ...cookie });
  return copy;
}

/**
 * Moves the clock of this process (the app and the mocked Logto alike) forward. Real time keeps
 * running underneath, so timeouts and sockets behave as usual.
 */
export function controlClock() {
  const realNow = Date.now.bind(Date);
  let offsetMs = 0;
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
  return {
    advance(seconds: number) {
      offsetMs += seconds * 1000;
    },
  };
}
