/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser } from '@bookstore/mock-logto/next-auth';

let server: Server;
let origin: string;
/** What the server answers, per path: status, headers; it echoes the Cookie header it got. */
const routes: Record<string, { status?: number; headers?: Record<string, string | string[]> }> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname] ?? {};
    res.writeHead(route.status ?? 200, route.headers ?? {});
    res.end(req.headers.cookie ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

it('sends a cookie only under the path it was set for', async () => {
  routes['/interaction/abc'] = {
    headers: { 'set-cookie': ['_interaction=abc; path=/interaction/abc', 'session=s; path=/'] },
  };
  const browser = new Browser(origin);
  await browser.request('/interaction/abc');

  expect((await browser.request('/interaction/abc/code')).text).toBe('_interaction=abc; session=s');
  expect((await browser.request('/interaction/abcdef')).text).toBe('session=s');
  expect((await browser.request('/')).text).toBe('session=s');
});

it('forgets a cookie deleted with Max-Age=0 or an Expires in the past', async () => {
  routes['/set'] = { headers: { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] } };
  routes['/clear'] = {
    headers: {
      'set-cookie': ['a=; Path=/; Max-Age=0', 'b=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
    },
  };
  const browser = new Browser(origin);
  await browser.request('/set');
  await browser.request('/clear');
  expect([...browser.cookies.keys()]).toEqual([]);
});

it('keeps values as the server meant them: decoded for reading, sent back as they came', async () => {
  routes['/csrf'] = { headers: { 'set-cookie': 'csrf=token%7Chash; Path=/' } };
  const browser = new Browser(origin);
  await browser.request('/csrf');
  expect(browser.cookies.get('csrf')?.value).toBe('token|hash');
  expect((await browser.request('/')).text).toBe('csrf=token|hash');
});

it('follows redirects on its own origin and stops where one leaves it', async () => {
  routes['/a'] = { status: 302, headers: { location: '/b' } };
  routes['/b'] = { status: 303, headers: { location: 'https://tenant.logto.app/oidc/auth?x=1' } };
  const { url, body, response } = await new Browser(origin).follow('/a');
  expect(url.href).toBe('https://tenant.logto.app/oidc/auth?x=1');
  expect(body).toBe('');
  expect(response.url.pathname).toBe('/b');
});

it('refuses to carry its cookies to another origin', async () => {
  await expect(new Browser(origin).request('https://elsewhere.example/')).rejects.toThrow(
    `mock-logto: this Browser is on ${origin}; it cannot request https://elsewhere.example/`,
  );
});
