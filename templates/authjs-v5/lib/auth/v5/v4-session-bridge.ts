import { hkdfSync } from 'node:crypto';
import { jwtDecrypt, type JWTPayload } from 'jose';

/**
 * The bridge from next-auth v4's session cookie to Auth.js v5's: the one file that lets people who
 * signed in before the move to v5 stay signed in after it. A read of a v4 cookie is answered by
 * v5 as if the cookie were its own; v5 then writes its own cookie, and the old one is cleared in
 * the same response. After that every read is pure v5.
 *
 * Delete this file and ./requests.ts (the same bridge at the request's edge), and their uses in
 * ./config.ts, ./logto-auth.ts, ./pages-session.ts and ./sign-out.ts, once every v4 cookie has
 * expired: `SESSION_MAX_AGE_SECONDS` (14 days) after the v5 deploy.
 * @see ../../../../../README.md#moving-to-authjs-v5
 */

/** Seconds of clock skew both versions tolerate on `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 15;

/**
 * next-auth v4's session cookie key: HKDF-SHA256 of the secret with an empty salt and this info,
 * 32 bytes for A256GCM (v5 salts with the cookie name and says "Auth.js").
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/jwt/index.ts
 */
function v4Key(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32));
}

/** The cookie names of both versions; `__Secure-` on https, as both name them. */
export function sessionCookieNames(secure: boolean) {
  const prefix = secure ? '__Secure-' : '';
  return { v4: `${prefix}next-auth.session-token`, v5: `${prefix}authjs.session-token` };
}

interface DecodeParams {
  token?: string;
  secret: string | string[];
  salt: string;
}

/** Auth.js v5's `jwt.decode` (`decode` of `next-auth/jwt`), or any with its parameters. */
type Decode = (params: DecodeParams) => Promise<JWTPayload | null>;

/**
 * v5's `jwt.decode`, reading next-auth v4's session cookies too: a token v5 cannot read is tried
 * with v4's key (empty salt, v4's info, `dir` + `A256GCM` only), for each of v5's secrets, so a
 * rotation list (`AUTH_SECRET` first) reads v4 cookies made with any of them. A token neither
 * reads (another secret, tampered, expired) fails with v5's own error, so v5 refuses it exactly
 * as it refuses its own: no session, and the cookie cleared.
 * @see https://authjs.dev/reference/core/jwt#decode
 */
export function withV4Sessions(decode: Decode): Decode {
  return async (params) => {
    try {
      return await decode(params);
    } catch (v5Error) {
      if (!params.token) throw v5Error;
      const secrets = Array.isArray(params.secret) ? params.secret : [params.secret];
      for (const secret of secrets) {
        try {
          const { payload } = await jwtDecrypt(params.token, v4Key(secret), {
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            keyManagementAlgorithms: ['dir'],
            contentEncryptionAlgorithms: ['A256GCM'],
          });
          return payload;
        } catch {
          // Not a v4 cookie of this secret.
        }
      }
      throw v5Error;
    }
  };
}

/** The `name=value` pairs of a Cookie header, in order. */
function parseCookies(header: string): [string, string][] {
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]);
}

/** A session cookie's chunk number: `name.3` is 3, `name` itself 0 (`Number('')`). */
function chunkIndex(name: string, base: string): number {
  return Number(name.slice(base.length + 1));
}

function isChunkOf(name: string, base: string): boolean {
  return name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1));
}

/** The cookies that hold the session `base`, its chunks `base.0`, `base.1`… sorted. */
function sessionParts(cookies: [string, string][], base: string): [string, string][] {
  return cookies
    .filter(([name]) => name === base || isChunkOf(name, base))
    .sort(([a], [b]) => chunkIndex(a, base) - chunkIndex(b, base));
}

/** What a request looks like to v5 while it still carries a v4 session cookie. */
export interface BridgedCookies {
  /** The Cookie header v5 reads: the v4 session (chunks joined) under v5's name. */
  cookie: string;
  /** The v4 cookies (every chunk) to clear once v5 has written its own. */
  v4CookieNames: string[];
}

/**
 * The Cookie header for v5 when the request carries a v4 session cookie: when v5 has no cookie
 * of its own yet, the v4 token (its chunks joined in order, as v4 joins them) is handed to v5
 * under v5's name, for `withV4Sessions` to read. `undefined` when there is no v4 cookie: the
 * request goes to v5 unchanged, and this costs one scan of the header.
 */
export function bridgeV4Cookies(
  cookieHeader: string | null | undefined,
  secure: boolean,
): BridgedCookies | undefined {
  const names = sessionCookieNames(secure);
  // Stryker disable next-line StringLiteral: any text without "=" parses to no cookies, as none does
  const cookies = parseCookies(cookieHeader ?? '');
  const v4Parts = sessionParts(cookies, names.v4);
  if (v4Parts.length === 0) return undefined;
  const v4CookieNames = v4Parts.map(([name]) => name);
  const hasV5 = sessionParts(cookies, names.v5).length > 0;
  const others = cookies.filter(([name]) => !v4CookieNames.includes(name));
  const v4Token = v4Parts.map(([, value]) => value).join('');
  const handed = hasV5 ? others : [...others, [names.v5, v4Token] as [string, string]];
  return { cookie: handed.map(([name, value]) => `${name}=${value}`).join('; '), v4CookieNames };
}

/**
 * Whether v5's answer wrote (or cleared) its session cookie: only then may the v4 cookies go. An
 * answer that does not read the session (the CSRF token, a sign-in redirect) leaves them for the
 * next one that does.
 */
export function wroteV5Session(setCookies: readonly string[], secure: boolean): boolean {
  const { v5 } = sessionCookieNames(secure);
  return setCookies.some((line) => line.startsWith(`${v5}=`) || line.startsWith(`${v5}.`));
}

/** `Set-Cookie` values that clear the v4 cookies, with the attributes v4 set them with. */
export function clearV4Cookies(v4CookieNames: readonly string[], secure: boolean): string[] {
  const attributes = `Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return v4CookieNames.map((name) => `${name}=; ${attributes}`);
}
