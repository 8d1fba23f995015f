import type { IncomingMessage } from 'node:http';
import type { NextAuthOptions, Session } from 'next-auth';
import { decode as nextAuthDecode, type JWT } from 'next-auth/jwt';

/** next-auth v4's default `session.updateAge` (one day), used when the options set none. */
const DEFAULT_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/** Reads the session the plain way; the fast path falls back to it. */
export type ServerSessionReader<Context> = (ctx: Context) => Promise<Session | null>;

type RequestWithCookies = Pick<IncomingMessage, 'headers'> & {
  cookies: Partial<Record<string, string>>;
};

/**
 * Wraps the plain session read (`getServerSession`) with a fast path for reads that change
 * nothing. `getServerSession` runs all of next-auth on every read: options and providers, the
 * CSRF cookie, the decryption, the callbacks, and a fresh encryption of the cookie to slide its
 * expiry. When the cookie decrypts, the access token is not due for refresh (or can no longer
 * be refreshed) and the cookie was issued less than `session.updateAge` ago, its re-issue would
 * change nothing a person relies on: this builds the same `Session` from the decrypted token with
 * the app's own callbacks and sets no cookie. Every other read goes to `read` as before: no
 * cookie or one that does not decrypt (next-auth clears it), a refresh that is due, a cookie old
 * enough to slide, a `jwt` callback that changes the token.
 *
 * `session.updateAge` is next-auth's own knob for how often a database session's expiry is
 * written ("throttle how frequently to write to database to extend a session"); here it is how
 * often an active person's cookie is re-issued. Its expiry then trails what a re-issue on every
 * read would give by less than `updateAge`, so someone active at least once per `updateAge` is
 * never signed out by `maxAge`.
 * @see https://next-auth.js.org/configuration/options#session
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/routes/session.ts
 */
export function withSessionFastPath<Context extends { req: RequestWithCookies }>(
  read: ServerSessionReader<Context>,
  options: NextAuthOptions,
): ServerSessionReader<Context> {
  return async (ctx) => {
    const session = await sessionWithoutReissue(ctx.req, options);
    return session === undefined ? read(ctx) : session;
  };
}

/**
 * The session built from the cookie alone (`null`: no session cookie, signed out), or
 * `undefined` when only next-auth's full read can tell (and may need to set a cookie).
 */
export async function sessionWithoutReissue(
  req: RequestWithCookies,
  options: NextAuthOptions,
): Promise<Session | null | undefined> {
  const cookieName = sessionCookieName(options);
  if (!cookieName) return undefined;
  const value = sessionCookieValue(req.cookies, cookieName);
  if (!value) return null;

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
    const next = await (callbacks.jwt as (params: { token: JWT }) => Promise<JWT> | JWT)({
      token,
    });
    // A callback that returns a new token wants it stored: that is next-auth's job.
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
 * Whether re-issuing the cookie now would change nothing: the access token is not due for
 * refresh (see `refreshTokenIfDue` in ./tokens.ts), or it is past refreshing (`error`), and the
 * cookie is younger than `session.updateAge`. Tokens without the fields go the full way.
 */
function isSettled(token: JWT, options: NextAuthOptions): boolean {
  const now = Math.floor(Date.now() / 1000);
  const updateAge = options.session?.updateAge ?? DEFAULT_UPDATE_AGE_SECONDS;
  if (typeof token.iat !== 'number' || typeof token.exp !== 'number') return false;
  if (now - token.iat >= updateAge) return false;
  if (token.error) return true;
  return typeof token.accessTokenRefreshAt === 'number' && now < token.accessTokenRefreshAt;
}

/**
 * The session cookie's name as next-auth chooses it: `__Secure-` prefixed when the site is
 * served over https (`NEXTAUTH_URL`), unless the options say otherwise. Without `NEXTAUTH_URL`
 * next-auth would look at the request's host: `undefined` leaves that to it.
 */
function sessionCookieName(options: NextAuthOptions): string | undefined {
  const configured = options.cookies?.sessionToken?.name;
  if (configured) return configured;
  let secure = options.useSecureCookies;
  if (secure === undefined) {
    const url = process.env.NEXTAUTH_URL;
    if (!url) return undefined;
    // next-auth reads a URL without a scheme as https.
    secure = url.startsWith('https://') || !url.startsWith('http');
  }
  return `${secure ? '__Secure-' : ''}next-auth.session-token`;
}

/**
 * The cookie's value, joined from its chunks (`name.0`, `name.1`, …) as next-auth's
 * `SessionStore` joins them when the JWE outgrows one 4 KB cookie.
 */
function sessionCookieValue(
  cookies: Partial<Record<string, string>>,
  name: string,
): string | undefined {
  const chunks = Object.keys(cookies)
    .filter((key) => key.startsWith(name))
    .sort((a, b) => chunkIndex(a) - chunkIndex(b));
  return chunks.map((key) => cookies[key]).join('') || undefined;
}

/** The number after the last dot (`name.12` → 12); NaN for the unchunked cookie, as in next-auth. */
function chunkIndex(key: string): number {
  return parseInt(key.slice(key.lastIndexOf('.') + 1));
}
