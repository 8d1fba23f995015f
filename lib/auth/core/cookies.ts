import type { NextApiRequest, NextApiResponse } from 'next';

/**
 * next-auth v4's cookie names for an app served at `appUrl`: with the `__Secure-` and `__Host-`
 * prefixes on https, as next-auth names them when `useSecureCookies` is set, which the options
 * set from the same URL (./options.ts). Checked against next-auth 4.24.15; the integration suite
 * reads the names next-auth itself sets and fails if they change.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/lib/cookie.ts
 */
export function authCookieNames(appUrl: string) {
  const secure = appUrl.startsWith('https://');
  return {
    secure,
    sessionToken: `${secure ? '__Secure-' : ''}next-auth.session-token`,
    csrfToken: `${secure ? '__Host-' : ''}next-auth.csrf-token`,
  };
}

/**
 * The names of the session cookie and its chunks (`name.0`, `name.1`, …) among `cookieNames`,
 * in next-auth's order: it splits a session that outgrows one 4 KB cookie into chunks, and its
 * `SessionStore` joins them sorted by the number after the last dot.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/lib/cookie.ts
 */
export function sessionCookieParts(cookieNames: string[], sessionToken: string): string[] {
  return cookieNames
    .filter((name) => name === sessionToken || name.startsWith(`${sessionToken}.`))
    .sort((a, b) => chunkIndex(a) - chunkIndex(b));
}

/**
 * The most session cookie chunks a request is read with. next-auth's own session stays within
 * two (the JWT is kept lean, ./options.ts), and Node refuses headers over 16 KB anyway; a request
 * with hundreds of junk `name.N` cookies would otherwise get one `Set-Cookie` clearing each, an
 * answer a proxy with small buffers turns into a 502.
 */
export const MAX_SESSION_CHUNKS = 10;

/**
 * `cookies` without the session chunks past the first {@link MAX_SESSION_CHUNKS}: what next-auth
 * reads, and so clears, is bounded. A real session is read as before.
 */
export function boundSessionChunks<T extends Partial<Record<string, string>>>(
  cookies: T,
  sessionToken: string,
): T {
  const parts = sessionCookieParts(Object.keys(cookies), sessionToken);
  if (parts.length <= MAX_SESSION_CHUNKS) return cookies;
  const bounded = { ...cookies };
  parts.slice(MAX_SESSION_CHUNKS).forEach((name) => delete bounded[name]);
  return bounded;
}

/** The number after the last dot (`name.12` → 12); NaN for the unchunked cookie, as in next-auth. */
function chunkIndex(name: string): number {
  return parseInt(name.slice(name.lastIndexOf('.') + 1));
}

/** Expires the session cookie and every chunk of it (`.0`, `.1`, …) the browser sent. */
export function clearSessionCookies(req: NextApiRequest, res: NextApiResponse, appUrl: string) {
  const { secure, sessionToken } = authCookieNames(appUrl);
  const sent = sessionCookieParts(
    Object.keys(boundSessionChunks(req.cookies, sessionToken)),
    sessionToken,
  );
  const names = sent.indexOf(sessionToken) === -1 ? [sessionToken].concat(sent) : sent;
  const attributes = `Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  res.setHeader(
    'Set-Cookie',
    names.map((name) => `${name}=; ${attributes}`),
  );
}
