/** One `Set-Cookie` header, parsed. */
export interface SetCookie {
  name: string;
  /** The value, percent-decoded. */
  value: string;
  /** Attribute names in lower case → value (`''` for flags like HttpOnly). */
  attributes: Record<string, string>;
}

/** Parses a `Set-Cookie` header. */
export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...attributeParts] = header.split(';');
  const at = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const part of attributeParts) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    attributes[key] = eq === -1 ? '' : part.slice(eq + 1).trim();
  }
  return { name: pair.slice(0, at).trim(), value: decode(pair.slice(at + 1).trim()), attributes };
}

/** Parses a `Cookie` request header into name → value (the first of a name wins). */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 1) continue;
    const name = pair.slice(0, at).trim();
    if (!(name in cookies)) cookies[name] = decode(pair.slice(at + 1).trim());
  }
  return cookies;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Percent-encodes only what a cookie value may not hold (RFC 6265 cookie-octet) and `%`. */
function encodeCookieValue(value: string): string {
  return value.replace(/[^\x21\x23-\x24\x26-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]/g, (char) =>
    encodeURIComponent(char),
  );
}

/** Whether a cookie set with `path` goes with a request for `pathname` (RFC 6265 §5.1.4). */
function pathMatches(path: string, pathname: string): boolean {
  if (pathname === path) return true;
  if (!pathname.startsWith(path)) return false;
  return path.endsWith('/') || pathname[path.length] === '/';
}

export interface BrowserRequestInit {
  method?: string;
  /** Sent as `application/x-www-form-urlencoded` (and the method defaults to POST). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface BrowserResponse {
  /** The URL that answered. */
  url: URL;
  status: number;
  /** The Location header, as sent. */
  location: string | null;
  headers: Headers;
  setCookies: SetCookie[];
  text: string;
}

/**
 * A browser on one origin, without JavaScript: a cookie jar (paths, Max-Age and Expires
 * honoured), plain requests and form posts, and redirects followed only when asked.
 */
export class Browser {
  /** The cookies this origin set, by name (each with its attributes, `path` among them). */
  readonly cookies = new Map<string, SetCookie>();
  readonly origin: string;

  constructor(origin: string) {
    this.origin = new URL(origin).origin;
  }

  /** The `Cookie` header this browser sends with a request for `url`. */
  cookieHeader(url: URL): string {
    return [...this.cookies.values()]
      .filter(({ attributes }) => pathMatches(attributes.path || '/', url.pathname))
      .map(({ name, value }) => `${name}=${encodeCookieValue(value)}`)
      .join('; ');
  }

  /** One request with this browser's cookies; a redirect is returned, not followed. */
  async request(target: string | URL, init: BrowserRequestInit = {}): Promise<BrowserResponse> {
    const url = new URL(target, this.origin);
    if (url.origin !== this.origin) {
      throw new Error(
        `mock-logto: this Browser is on ${this.origin}; it cannot request ${url.href}`,
      );
    }
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(url);
    if (cookie && headers.cookie === undefined) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    const setCookies = response.headers.getSetCookie().map(parseSetCookie);
    for (const set of setCookies) this.keep(set);
    return {
      url,
      status: response.status,
      location: response.headers.get('location'),
      headers: response.headers,
      setCookies,
      text: await response.text(),
    };
  }

  /**
   * Requests `target` and follows redirects while they stay on this origin. Returns the last
   * response and its URL, or, when a redirect leaves the origin, the URL it points to (`response`
   * is then the redirect and `body` is empty).
   */
  async follow(
    target: string | URL,
    init: BrowserRequestInit = {},
  ): Promise<{ response: BrowserResponse; url: URL; body: string }> {
    let response = await this.request(target, init);
    for (let hops = 0; hops < 10; hops += 1) {
      if (!isRedirect(response)) return { response, url: response.url, body: response.text };
      const next = new URL(response.location!, response.url);
      if (next.origin !== this.origin) return { response, url: next, body: '' };
      response = await this.request(next);
    }
    throw new Error(`mock-logto: more than 10 redirects from ${new URL(target, this.origin).href}`);
  }

  /**
   * Follows redirects while they stay inside `/api/` on this origin (next-auth's own hops), and
   * returns where the browser lands: a page path like `/auth/error?error=…`, an absolute URL on
   * another origin (Logto's authorize URL), or the `/api/` path that answered last. `landing` is
   * null when `response` was no redirect at all.
   */
  async followApiRedirects(
    response: BrowserResponse,
  ): Promise<{ landing: string | null; last: BrowserResponse }> {
    let current = response;
    let landing: string | null = null;
    for (let hops = 0; hops < 10; hops += 1) {
      if (!isRedirect(current)) return { landing, last: current };
      const target = new URL(current.location!, this.origin);
      if (target.origin !== this.origin) return { landing: target.toString(), last: current };
      landing = `${target.pathname}${target.search}`;
      if (!target.pathname.startsWith('/api/')) return { landing, last: current };
      current = await this.request(landing);
    }
    throw new Error('mock-logto: more than 10 redirects');
  }

  private keep(cookie: SetCookie): void {
    const maxAge = cookie.attributes['max-age'];
    const expires = cookie.attributes.expires;
    const expired =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && Date.parse(expires) <= Date.now());
    if (expired) this.cookies.delete(cookie.name);
    else this.cookies.set(cookie.name, cookie);
  }
}

function isRedirect(response: BrowserResponse): boolean {
  return response.status >= 300 && response.status < 400 && response.location !== null;
}
