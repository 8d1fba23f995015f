/** A cookie as `cookies().set()` takes it. */
export interface CookieToSet {
  name: string;
  value: string;
  path?: string;
  expires?: Date;
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
}

/** The request as next/headers shows it, and its cookie store (writable only where Next allows). */
export interface AppRequest {
  cookies: Record<string, string>;
  headers: Record<string, string>;
  store: { set(cookie: CookieToSet): unknown };
}

/**
 * next/headers, loaded when an App Router reader runs: a static import would make `next build`
 * refuse every page of `pages/` that imports the same module (it is for the App Router only).
 * `await` works on Next 14, where cookies() and headers() return the value, and on Next 15+,
 * where they return a promise.
 * @see https://nextjs.org/docs/app/api-reference/functions/cookies
 */
export async function appRequest(): Promise<AppRequest> {
  const { cookies, headers } = await import('next/headers');
  const store = await cookies();
  const headerList = await headers();
  const request: AppRequest = { cookies: {}, headers: {}, store };
  store.getAll().forEach(({ name, value }) => (request.cookies[name] = value));
  // Stryker disable next-line ArrowFunction: next-auth reads the headers only for the origin when NEXTAUTH_URL is unset, and the env requires it; a faithful request all the same
  headerList.forEach((value, name) => (request.headers[name] = value));
  return request;
}

/**
 * One `Set-Cookie` header as next-auth serialises its session cookie (with the `cookie` package:
 * attributes joined by `; `, no `Domain` as the options set none), back into `cookies().set()`'s
 * shape.
 * @see https://github.com/jshttp/cookie#cookieserializename-value-options
 */
function parseSetCookie(header: string): CookieToSet {
  const [pair, ...attributes] = header.split('; ') as [string, ...string[]];
  const equals = pair.indexOf('=');
  const cookie: CookieToSet = {
    name: pair.slice(0, equals),
    value: decodeURIComponent(pair.slice(equals + 1)),
  };
  attributes.forEach((attribute) => {
    // `HttpOnly` and `Secure` have no value.
    const valueAt = attribute.indexOf('=');
    const value = attribute.slice(valueAt + 1);
    switch ((valueAt === -1 ? attribute : attribute.slice(0, valueAt)).toLowerCase()) {
      case 'path':
        cookie.path = value;
        break;
      case 'expires':
        cookie.expires = new Date(value);
        break;
      case 'max-age':
        cookie.maxAge = Number(value);
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'samesite':
        cookie.sameSite = value.toLowerCase() as CookieToSet['sameSite'];
    }
  });
  return cookie;
}

/** Writes next-auth's `Set-Cookie` headers through `cookies().set()`, in order. */
export function setCookies(request: AppRequest, setCookieHeaders: readonly string[]): void {
  setCookieHeaders.forEach((header) => request.store.set(parseSetCookie(header)));
}

/**
 * Whether this request may set cookies, asked of the session cookie `name` it carries. Setting
 * it to the value it already has tells, and changes nothing: the read that follows writes it
 * again. Next throws in a server component ("Cookies can only be modified in a Server Action or
 * Route Handler").
 */
export function canWriteCookies(request: AppRequest, name: string, secure: boolean): boolean {
  try {
    const value = request.cookies[name]!;
    request.store.set({ name, value, path: '/', httpOnly: true, sameSite: 'lax', secure });
    return true;
  } catch {
    return false;
  }
}
