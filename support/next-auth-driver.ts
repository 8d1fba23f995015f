/**
 * Runs real Next.js API route handlers (the NextAuth catch-all, /api/me, …) on a real HTTP
 * server on 127.0.0.1, and drives them like a browser with a cookie jar.
 *
 * The adapter does what Next's API resolver does for these routes and nothing more: query
 * (with `[param]` and `[...catchAll]` segments), urlencoded/JSON body, cookies, and the
 * `res.status/json/send/redirect` helpers.
 * @see https://nextjs.org/docs/pages/building-your-application/routing/api-routes
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import { http, passthrough } from 'msw';

/** MSW handler that lets requests to servers the tests started on 127.0.0.1 through. */
export const localServersPassThrough = http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () =>
  passthrough(),
);

export interface NextApiServer {
  /** e.g. `http://127.0.0.1:53211`; also set as NEXTAUTH_URL while the server runs. */
  origin: string;
  /** The last error a handler threw (the response was a 500). */
  lastError: unknown;
  close(): Promise<void>;
}

/** Routes keyed by their file path under `pages`, e.g. `/api/auth/[...nextauth]`. */
export type ApiRoutes = Record<string, NextApiHandler>;

/**
 * Starts the routes on 127.0.0.1 on a free port and points NEXTAUTH_URL at it (restored on
 * close), so next-auth builds its callback URL on this server.
 */
export async function startNextApiServer(routes: ApiRoutes): Promise<NextApiServer> {
  const previousNextAuthUrl = process.env.NEXTAUTH_URL;
  const state: NextApiServer = {
    origin: '',
    lastError: undefined,
    close: async () => {},
  };
  const server = createServer((req, res) => {
    void dispatch(routes, req, res).catch((error: unknown) => {
      state.lastError = error;
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  process.env.NEXTAUTH_URL = state.origin;
  state.close = () =>
    new Promise<void>((resolve, reject) => {
      if (previousNextAuthUrl === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = previousNextAuthUrl;
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return state;
}

async function dispatch(routes: ApiRoutes, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const match = matchRoute(routes, url.pathname);
  if (!match) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: 'not_found' }));
    return;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  Object.assign(query, match.params);
  const apiReq = Object.assign(req, {
    query,
    cookies: parseCookieHeader(req.headers.cookie),
    body: await readBody(req),
    env: {},
  }) as unknown as NextApiRequest;
  await match.handler(apiReq, withResponseHelpers(res));
}

function matchRoute(routes: ApiRoutes, pathname: string) {
  const segments = pathname.split('/').filter(Boolean);
  // Static routes win over dynamic ones, as in Next.
  const ordered = Object.entries(routes).sort(
    ([a], [b]) => Number(a.includes('[')) - Number(b.includes('[')),
  );
  for (const [pattern, handler] of ordered) {
    const params = matchPattern(pattern.split('/').filter(Boolean), segments);
    if (params) return { handler, params };
  }
  return undefined;
}

function matchPattern(
  pattern: string[],
  segments: string[],
): Record<string, string | string[]> | undefined {
  const params: Record<string, string | string[]> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const part = pattern[index] ?? '';
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(part);
    if (catchAll?.[1]) {
      const rest = segments.slice(index).map(decodeURIComponent);
      if (rest.length === 0) return undefined;
      params[catchAll[1]] = rest;
      return params;
    }
    const segment = segments[index];
    if (segment === undefined) return undefined;
    const dynamic = /^\[(\w+)\]$/.exec(part);
    if (dynamic?.[1]) params[dynamic[1]] = decodeURIComponent(segment);
    else if (part !== segment) return undefined;
  }
  return pattern.length === segments.length ? params : undefined;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type.includes('application/json')) return JSON.parse(text) as unknown;
  return text;
}

function withResponseHelpers(res: ServerResponse): NextApiResponse {
  const api = res as ServerResponse & Record<string, unknown>;
  api.status = (code: number) => {
    res.statusCode = code;
    return api;
  };
  api.json = (body: unknown) => {
    if (!res.getHeader('Content-Type'))
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  };
  api.send = (body: unknown) => {
    if (body === undefined || body === null) return void res.end();
    if (typeof body === 'string' || Buffer.isBuffer(body)) return void res.end(body);
    return (api.json as (value: unknown) => void)(body);
  };
  api.redirect = (statusOrUrl: number | string, maybeUrl?: string) => {
    const [status, location] =
      typeof statusOrUrl === 'number' ? [statusOrUrl, maybeUrl ?? '/'] : [307, statusOrUrl];
    res.statusCode = status;
    res.setHeader('Location', location);
    res.end();
    return api;
  };
  return api as unknown as NextApiResponse;
}

/** Parses a `Cookie` request header into name → value. */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 1) continue;
    const name = pair.slice(0, at).trim();
    if (!(name in cookies)) cookies[name] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return cookies;
}

/** One `Set-Cookie` header, parsed. */
export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names in lower case → value (`''` for flags like HttpOnly). */
  attributes: Record<string, string>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...attributeParts] = header.split(';');
  const at = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const part of attributeParts) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    attributes[key] = eq === -1 ? '' : part.slice(eq + 1).trim();
  }
  return {
    name: pair.slice(0, at).trim(),
    value: decodeURIComponent(pair.slice(at + 1).trim()),
    attributes,
  };
}

export interface BrowserResponse {
  status: number;
  /** The Location header, as sent. */
  location: string | null;
  headers: Headers;
  setCookies: SetCookie[];
  text: string;
}

/**
 * A browser for one origin: keeps cookies (honouring deletion by Max-Age/Expires), never
 * follows redirects on its own.
 */
export class Browser {
  /** name → cookie as last set. */
  readonly cookies = new Map<string, SetCookie>();

  constructor(readonly origin: string) {}

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<BrowserResponse> {
    const headers: Record<string, string> = { ...init.headers };
    const cookie = [...this.cookies.values()]
      .map(({ name, value }) => `${name}=${encodeURIComponent(value)}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(new URL(path, this.origin), {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    const setCookies = response.headers.getSetCookie().map(parseSetCookie);
    for (const set of setCookies) {
      const expired =
        set.attributes['max-age'] === '0' ||
        (set.attributes.expires !== undefined && Date.parse(set.attributes.expires) <= Date.now());
      if (expired) this.cookies.delete(set.name);
      else this.cookies.set(set.name, set);
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      headers: response.headers,
      setCookies,
      text: await response.text(),
    };
  }

  /**
   * Follows redirects while they stay inside `/api/` on this origin (next-auth's own hops),
   * and returns where the browser finally lands: a page path like `/auth/error?error=…`, or
   * an absolute URL on another origin.
   */
  async followApiRedirects(
    response: BrowserResponse,
  ): Promise<{ landing: string | null; last: BrowserResponse }> {
    let current = response;
    for (let hops = 0; hops < 10; hops += 1) {
      if (current.status < 300 || current.status >= 400 || !current.location) {
        return { landing: null, last: current };
      }
      const target = new URL(current.location, this.origin);
      if (target.origin !== this.origin) return { landing: target.toString(), last: current };
      const relative = `${target.pathname}${target.search}`;
      if (!target.pathname.startsWith('/api/')) return { landing: relative, last: current };
      current = await this.request(relative);
    }
    throw new Error('next-auth-driver: more than 10 redirects');
  }
}
