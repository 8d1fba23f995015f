/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { NextRequest } from 'next/server';
import {
  bridgePagesRequest,
  withV4CookiesInRoute,
} from '@/templates/authjs-v5/lib/auth/v5/requests';

const CLEARED_V4 =
  'next-auth.session-token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax';

/** A v5 handler that answers as v5's session route does, and says which cookie it was given. */
function v5Handler(setCookie: string[]) {
  const seen: (string | null)[] = [];
  const handler = async (req: NextRequest) => {
    seen.push(req.headers.get('cookie'));
    const headers = new Headers({ 'content-type': 'application/json' });
    for (const line of setCookie) headers.append('set-cookie', line);
    return new Response('{}', { status: 200, headers });
  };
  return { handler, seen };
}

function routeRequest(cookie?: string) {
  return new NextRequest('http://localhost:3000/api/auth/session', {
    headers: cookie ? { cookie } : {},
  });
}

describe("v5's route handlers behind the bridge", () => {
  it('hand v5 the v4 cookie under its name and clear the v4 one once v5 wrote its own', async () => {
    const { handler, seen } = v5Handler(['authjs.session-token=v5; Path=/; HttpOnly']);
    const response = await withV4CookiesInRoute(
      handler,
      false,
    )(routeRequest('next-auth.session-token=v4'));
    expect(seen).toEqual(['authjs.session-token=v4']);
    expect(response.headers.getSetCookie()).toEqual([
      'authjs.session-token=v5; Path=/; HttpOnly',
      CLEARED_V4,
    ]);
    expect(response.status).toBe(200);
    await expect(response.text()).resolves.toBe('{}');
  });

  it('keep the v4 cookie when v5 answered without touching its session', async () => {
    const { handler } = v5Handler(['authjs.csrf-token=a%7Cb; Path=/']);
    const response = await withV4CookiesInRoute(
      handler,
      false,
    )(routeRequest('next-auth.session-token=v4'));
    expect(response.headers.getSetCookie()).toEqual(['authjs.csrf-token=a%7Cb; Path=/']);
  });

  it('pass a request without a v4 cookie through unchanged', async () => {
    const { handler, seen } = v5Handler(['authjs.session-token=v5; Path=/']);
    const request = routeRequest('authjs.session-token=v5');
    const response = await withV4CookiesInRoute(handler, false)(request);
    expect(seen).toEqual(['authjs.session-token=v5']);
    expect(response.headers.getSetCookie()).toEqual(['authjs.session-token=v5; Path=/']);
  });

  it('hand v5 the body of a POST as it came', async () => {
    let body = '';
    const handler = async (req: NextRequest) => {
      body = await req.text();
      return new Response(null, { status: 200 });
    };
    await withV4CookiesInRoute(
      handler,
      false,
    )(
      new NextRequest('http://localhost:3000/api/auth/signout', {
        method: 'POST',
        headers: { cookie: 'next-auth.session-token=v4' },
        body: 'csrfToken=abc',
      }),
    );
    expect(body).toBe('csrfToken=abc');
  });

  it('hand v5 a HEAD request without a body', async () => {
    const { handler, seen } = v5Handler([]);
    const response = await withV4CookiesInRoute(
      handler,
      false,
    )(
      new NextRequest('http://localhost:3000/api/auth/session', {
        method: 'HEAD',
        headers: { cookie: 'next-auth.session-token=v4' },
      }),
    );
    expect(seen).toEqual(['authjs.session-token=v4']);
    expect(response.status).toBe(200);
  });

  it('clear a redirect answer too', async () => {
    const redirect = Response.redirect('http://localhost:3000/', 302);
    const response = await withV4CookiesInRoute(async () => {
      const headers = new Headers(redirect.headers);
      headers.append('set-cookie', 'authjs.session-token=; Max-Age=0');
      return new Response(null, { status: 302, headers });
    }, false)(routeRequest('next-auth.session-token=v4'));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://localhost:3000/');
    expect(response.headers.getSetCookie()).toContain(CLEARED_V4);
  });
});

function pagesResponse(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

describe('a Pages request behind the bridge', () => {
  it('gives v5 the v4 token and clears the v4 chunks after v5 wrote its cookie', () => {
    const bridge = bridgePagesRequest(
      { host: 'localhost', cookie: 'next-auth.session-token.0=a; next-auth.session-token.1=b' },
      false,
    );
    expect(bridge.headers).toEqual({ host: 'localhost', cookie: 'authjs.session-token=ab' });
    const res = pagesResponse();
    res.appendHeader('set-cookie', 'authjs.session-token=v5; Path=/');
    bridge.settle(res);
    expect(res.getHeader('set-cookie')).toEqual([
      'authjs.session-token=v5; Path=/',
      CLEARED_V4.replace('next-auth.session-token=', 'next-auth.session-token.0='),
      CLEARED_V4.replace('next-auth.session-token=', 'next-auth.session-token.1='),
    ]);
  });

  it('finds the v5 cookie among several Set-Cookie lines', () => {
    const bridge = bridgePagesRequest({ cookie: 'next-auth.session-token=a' }, false);
    const res = pagesResponse();
    res.setHeader('set-cookie', ['authjs.csrf-token=x; Path=/', 'authjs.session-token=v5; Path=/']);
    bridge.settle(res);
    expect(res.getHeader('set-cookie')).toContain(CLEARED_V4);
  });

  it('reads a single Set-Cookie string as v5 may leave it', () => {
    const bridge = bridgePagesRequest({ cookie: 'next-auth.session-token=a' }, false);
    const res = pagesResponse();
    res.setHeader('set-cookie', 'authjs.session-token=v5; Path=/');
    bridge.settle(res);
    expect(res.getHeader('set-cookie')).toEqual(['authjs.session-token=v5; Path=/', CLEARED_V4]);
  });

  it('leaves the v4 cookie when v5 wrote nothing', () => {
    const bridge = bridgePagesRequest({ cookie: 'next-auth.session-token=a' }, false);
    const res = pagesResponse();
    bridge.settle(res);
    expect(res.getHeader('set-cookie')).toBeUndefined();
  });

  it('changes nothing for a request without a v4 cookie', () => {
    const headers = { cookie: 'authjs.session-token=v5' };
    const bridge = bridgePagesRequest(headers, false);
    expect(bridge.headers).toBe(headers);
    const res = pagesResponse();
    res.setHeader('set-cookie', ['authjs.session-token=v5; Path=/']);
    bridge.settle(res);
    expect(res.getHeader('set-cookie')).toEqual(['authjs.session-token=v5; Path=/']);
  });
});
