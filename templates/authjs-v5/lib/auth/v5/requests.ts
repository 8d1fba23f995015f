import type { IncomingHttpHeaders } from 'node:http';
import type { ServerResponse } from 'node:http';
import { NextRequest } from 'next/server';
import { bridgeV4Cookies, clearV4Cookies, wroteV5Session } from './v4-session-bridge';

type RouteHandler = (req: NextRequest) => Promise<Response>;

/**
 * v5's route handlers (`handlers.GET`, `handlers.POST`), handing a v4 session cookie to v5 and
 * clearing it once v5 wrote its own: a person signed in under v4 whose first request after the
 * deploy is `/api/auth/session` (`useSession`) stays signed in. Remove with ./v4-session-bridge.ts.
 */
export function withV4CookiesInRoute(handler: RouteHandler, secure: boolean): RouteHandler {
  return async (req) => {
    const bridged = bridgeV4Cookies(req.headers.get('cookie'), secure);
    if (!bridged) return handler(req);
    const headers = new Headers(req.headers);
    headers.set('cookie', bridged.cookie);
    // From its parts: Next's request object may not pass as the `input` of another Request.
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new NextRequest(req.url, {
      method: req.method,
      headers,
      ...(hasBody ? { body: await req.arrayBuffer() } : {}),
    });
    const response = await handler(request);
    if (!wroteV5Session(response.headers.getSetCookie(), secure)) return response;
    // A copy: a redirect's headers cannot be changed.
    const moved = new Response(response.body, response);
    for (const line of clearV4Cookies(bridged.v4CookieNames, secure)) {
      moved.headers.append('set-cookie', line);
    }
    return moved;
  };
}

/** A Pages request's headers as v5 should read them (the same, when there is no v4 cookie). */
export interface PagesBridge {
  headers: IncomingHttpHeaders;
  /** After v5 answered on `res`: clears the v4 cookies if v5 wrote its own. */
  settle(res: Pick<ServerResponse, 'getHeader' | 'appendHeader'>): void;
}

/**
 * The bridge for `auth(req, res)` in `getServerSideProps` and API routes: v5 reads the headers
 * given here, writes its cookie on `res`, and `settle(res)` then clears the v4 cookies.
 */
export function bridgePagesRequest(headers: IncomingHttpHeaders, secure: boolean): PagesBridge {
  const bridged = bridgeV4Cookies(headers.cookie, secure);
  if (!bridged) return { headers, settle: () => undefined };
  return {
    headers: { ...headers, cookie: bridged.cookie },
    settle(res) {
      // Stryker disable next-line ArrayDeclaration: a line that is no Set-Cookie of v5's changes nothing either
      const written = res.getHeader('set-cookie') ?? [];
      const lines = Array.isArray(written) ? written : [String(written)];
      if (wroteV5Session(lines, secure)) {
        res.appendHeader('set-cookie', clearV4Cookies(bridged.v4CookieNames, secure));
      }
    },
  };
}
