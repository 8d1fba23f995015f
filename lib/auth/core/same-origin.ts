/**
 * `url` (absolute, or a path resolved against the app) when it stays on the app's origin;
 * `undefined` for another origin (`//evil.example`, `/\evil.example` and `https://evil.example`
 * alike: the URL parser decides, as the browser will) or for text that is not a URL.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html
 */
export function sameOriginUrl(url: string, appUrl: string): URL | undefined {
  // canParse is false too when appUrl itself is not a URL.
  if (!URL.canParse(url, appUrl)) return undefined;
  const target = new URL(url, appUrl);
  return target.origin === new URL(appUrl).origin ? target : undefined;
}

/**
 * `url` as a path on this site (`/books?x=1#y`), or `fallback` when it would leave the site.
 * The resolved path must itself read as a path: `/..//evil.example` resolves to
 * `//evil.example`, which a browser follows off-site.
 */
export function sameOriginPath(url: unknown, appUrl: string, fallback = '/'): string {
  if (typeof url !== 'string' || url === '') return fallback;
  const target = sameOriginUrl(url, appUrl);
  if (!target) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  return sameOriginUrl(path, appUrl) ? path : fallback;
}

/** Whether a request's `Origin` header names this app's origin exactly. */
export function isAppOrigin(origin: string, appUrl: string): boolean {
  // canParse: an `Origin` is absolute (or "null"); a path must not resolve onto the app.
  return URL.canParse(origin) && sameOriginUrl(origin, appUrl)?.origin === origin;
}
