import type { NextRouter } from 'next/router';

/** Where a person lands after signing in when no usable `callbackUrl` was given. */
export const DEFAULT_CALLBACK_URL = '/books';

/** A fixed base to resolve relative paths against; only used to check they stay on it. */
const PROBE_ORIGIN = 'http://same-origin.invalid';

/**
 * Keeps a `callbackUrl` only when it stays on this site, as a path (`/ja/books?x=1#y`).
 * Absolute URLs are accepted only when their origin is `ownOrigin` (next-auth sends those back);
 * protocol-relative (`//evil.example`), backslash tricks and other origins fall back, so a crafted
 * link can never send the browser off-site after sign-in.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html
 */
export function safeCallbackUrl(
  raw: string | string[] | undefined,
  ownOrigin?: string,
  fallback: string = DEFAULT_CALLBACK_URL,
): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return fallback;
  // The URL parser decides, as the browser will: it reads `//host`, `/\host` and
  // `/<tab>/host` as another origin.
  const relative = value.startsWith('/');
  const url = relative ? parseUrl(value, PROBE_ORIGIN) : parseUrl(value);
  if (!url || url.origin !== (relative ? PROBE_ORIGIN : ownOrigin)) return fallback;
  return sameOriginPath(`${url.pathname}${url.search}${url.hash}`) ?? fallback;
}

/**
 * The URL, or undefined where the parser throws: a crafted link such as `//a:b` (a port that is
 * not a number) or `//[` (an unclosed IPv6 host) must fall back, never crash the page.
 * @see https://url.spec.whatwg.org/#port-state
 */
function parseUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/**
 * The resolved path itself must read as a path: resolving dot segments turns `/..//evil.example`,
 * `/.//evil.example`, `/%2e%2e//evil.example` and `/./\evil.example` into `//evil.example`, a
 * protocol-relative URL that a browser would follow off-site. Such a path is refused, not repaired.
 * @see https://url.spec.whatwg.org/#path-state
 */
function sameOriginPath(path: string): string | undefined {
  return parseUrl(path, PROBE_ORIGIN)?.origin === PROBE_ORIGIN ? path : undefined;
}

/** This site's origin in the browser; undefined while rendering on the server. */
export function browserOrigin(): string | undefined {
  return typeof window === 'undefined' ? undefined : window.location.origin;
}

/**
 * The page a person is on, with its locale prefix (`/ja/books`), for `callbackUrl`.
 * `router.asPath` leaves the locale out, and the default locale has no prefix.
 */
export function currentPathWithLocale(
  router: Pick<NextRouter, 'asPath' | 'locale' | 'defaultLocale'>,
): string {
  const prefix = router.locale && router.locale !== router.defaultLocale ? `/${router.locale}` : '';
  return `${prefix}${router.asPath}`;
}

/** The sign-in page, remembering where to come back to. */
export function signInPath(callbackUrl: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}
