import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { parseCookieHeader } from './browser.js';

/**
 * An MSW handler that lets requests to servers on 127.0.0.1 through: the routes
 * `startNextApiServer` serves, and anything else a test started on loopback.
 */
export const allowLocalServers = http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough());

/**
 * A Next.js API route handler: `NextApiHandler`, or what `NextAuth(options)` returns. Typed
 * loosely so any Next version's handler fits.
 */
export type ApiRoute = (req: never, res: never) => unknown;

/** Routes keyed by their file path under `pages`, e.g. `/api/auth/[...nextauth]`. */
export type ApiRoutes = Record<string, ApiRoute>;

export interface NextApiServer {
  /** e.g. `http://127.0.0.1:53211`; NEXTAUTH_URL while the server runs. */
  origin: string;
  /** The last error a route threw (its response was a 500). */
  lastError: unknown;
  /** Stops the server and puts NEXTAUTH_URL back. */
  close(): Promise<void>;
}

/**
 * Serves Next.js API routes (your `[...nextauth]` route, and any other) on 127.0.0.1 on a free
 * port, and points NEXTAUTH_URL at it until `close()`, so next-auth builds its callback URL on
 * this server. It does what Next's API resolver does for these routes and nothing more: the
 * query (with `[param]` and `[...catchAll]` segments), urlencoded and JSON bodies, cookies, and
 * `res.status/json/send/redirect`.
 * @see https://nextjs.org/docs/pages/building-your-application/routing/api-routes
 */
export async function startNextApiServer(routes: ApiRoutes): Promise<NextApiServer> {
  const previousNextAuthUrl = process.env.NEXTAUTH_URL;
  const state: NextApiServer = { origin: '', lastError: undefined, close: async () => {} };
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
  });
  await (match.handler as (req: unknown, res: unknown) => unknown)(
    apiReq,
    withResponseHelpers(res),
  );
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

function withResponseHelpers(res: ServerResponse) {
  const api = res as ServerResponse & Record<string, unknown>;
  api.status = (code: number) => {
    res.statusCode = code;
    return api;
  };
  api.json = (body: unknown) => {
    if (!res.getHeader('Content-Type')) {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
    }
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
  return api;
}
