import type { NextAuthOptions, Session } from 'next-auth';
import { decode as nextAuthDecode, type JWT } from 'next-auth/jwt';
import { sessionCookieParts } from '../core/cookies';
import { isRefreshDue } from '../core/tokens';

/** next-auth v4's default `session.updateAge` (one day), used when the options set none. */
const DEFAULT_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/**
 * The fast path of a session read: the `Session` built from the cookie alone, `null` when there
 * is no session cookie (signed out), or `undefined` when only next-auth's full read can tell
 * (and may need to set a cookie).
 *
 * next-auth's full read (`getServerSession`, `/api/auth/session`) runs all of next-auth on every
 * read: options and providers, the CSRF cookie, the decryption, the callbacks, and a fresh
 * encryption of the cookie to slide its expiry. When the cookie decrypts, the access token is
 * not due for refresh (or can no longer be refreshed) and the cookie was issued less than
 * `session.updateAge` ago, that re-issue would change nothing a person relies on: this builds
 * the same `Session` with the app's own callbacks, in the order next-auth's session route calls
 * them, and sets no cookie. Every other read goes the full way: no cookie that decrypts
 * (next-auth clears it), a refresh that is due, a cookie old enough to slide, a `jwt` callback
 * that changes the token.
 *
 * A copy of what next-auth's session route does for a JWT session, checked against next-auth
 * 4.22–4.24.15: `__tests__/integration/session-fast-path.test.ts` reads the same cookies both
 * ways through the real next-auth and fails if the two `Session`s differ.
 *
 * `session.updateAge` is next-auth's knob for how often a database session's expiry is written;
 * here it is how often an active person's cookie is re-issued. Its expiry then trails what a
 * re-issue on every read would give by less than `updateAge`, so someone active at least once per
 * `updateAge` is never signed out by `maxAge`.
 * @see https://next-auth.js.org/configuration/options#session
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/routes/session.ts
 */
export async function sessionFromCookie(
  cookies: Partial<Record<string, string>>,
  options: NextAuthOptions,
  sessionToken: string,
): Promise<Session | null | undefined> {
  const parts = sessionCookieParts(Object.keys(cookies), sessionToken);
  if (parts.length === 0) return null;
  const value = parts.map((name) => cookies[name]).join('');

  const secret = options.jwt?.secret ?? options.secret;
  if (!secret) return undefined;
  const decode = options.jwt?.decode ?? nextAuthDecode;
  let token: JWT | null;
  try {
    token = await decode({ token: value, secret });
  } catch {
    return undefined;
  }
  if (!token || !isSettled(token, options)) return undefined;

  // The same calls, with the same arguments, that next-auth's session route makes.
  const callbacks = options.callbacks ?? {};
  if (callbacks.jwt) {
    const jwt = callbacks.jwt as (params: { token: JWT }) => Promise<JWT> | JWT;
    const next = await Promise.resolve()
      .then(() => jwt({ token }))
      .catch(() => undefined);
    // A callback that returns a new token wants it stored, and one that throws (a signed-out
    // session) wants the cookie cleared: both are next-auth's job.
    if (next !== token) return undefined;
  }
  const expires = new Date((token.exp as number) * 1000).toISOString();
  const defaultSession = {
    user: { name: token.name, email: token.email, image: token.picture },
    expires,
  } as Session;
  const session = callbacks.session
    ? await (callbacks.session as (params: { session: Session; token: JWT }) => Promise<Session>)({
        session: defaultSession,
        token,
      })
    : defaultSession;
  await options.events?.session?.({ session, token });
  return session;
}

/**
 * Whether re-issuing the cookie now would change nothing: no refresh is due (see
 * `isRefreshDue` in ../core/tokens.ts), the token carries a refresh time or is past refreshing
 * (`error`), and the cookie is younger than `session.updateAge`. Tokens without the fields go
 * the full way.
 */
function isSettled(token: JWT, options: NextAuthOptions): boolean {
  const now = Math.floor(Date.now() / 1000);
  const updateAge = options.session?.updateAge ?? DEFAULT_UPDATE_AGE_SECONDS;
  if (typeof token.iat !== 'number' || typeof token.exp !== 'number') return false;
  if (now - token.iat >= updateAge) return false;
  if (token.error) return true;
  return typeof token.accessTokenRefreshAt === 'number' && !isRefreshDue(token, now);
}
