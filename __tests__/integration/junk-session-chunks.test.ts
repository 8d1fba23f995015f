/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { setupServer } from 'msw/node';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import { allowLocalServers, Browser, type NextApiServer } from '@bookstore/mock-logto/next-auth';
import { MAX_SESSION_CHUNKS } from '@/lib/auth/core/cookies';
import { csrfToken, signInWithLogto } from '../support/logto-sign-in';
import { SESSION_COOKIE, startTokenApp } from './support/token-app';

// A crafted request with 400 session cookie chunks (`next-auth.session-token.0` … `.399`): each
// one cleared in a Set-Cookie of its own made an answer of 402 headers (28.5 KB), which a proxy
// with small buffers answers with 502.
let logto: MockLogto;
let app: NextApiServer;
const network = setupServer();

beforeAll(async () => {
  logto = createMockLogto();
  network.use(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startTokenApp(logto);
});
beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => {});
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  await app.close();
  network.close();
});

function withJunkChunks(browser: Browser, count = 400): Browser {
  for (let index = 0; index < count; index += 1) {
    const name = `${SESSION_COOKIE}.${index}`;
    browser.cookies.set(name, { name, value: 'x', attributes: {} });
  }
  return browser;
}

const clearedChunks = (setCookies: { name: string; value: string }[]) =>
  setCookies.filter(({ name, value }) => name.startsWith(SESSION_COOKIE) && value === '');

it.each(['/api/auth/session', '/api/me'])(
  'clears at most ten of 400 junk session chunks on %s, and answers as signed out',
  async (path) => {
    const response = await withJunkChunks(new Browser(app.origin)).request(path);

    expect(response.status).toBe(path === '/api/me' ? 401 : 200);
    expect(clearedChunks(response.setCookies)).toHaveLength(MAX_SESSION_CHUNKS);
    expect(response.setCookies.length).toBeLessThanOrEqual(MAX_SESSION_CHUNKS + 2);
  },
);

it('clears at most that many at sign-out too', async () => {
  const browser = withJunkChunks(new Browser(app.origin));
  const response = await browser.request('/api/auth/federated-sign-out', {
    form: { csrfToken: await csrfToken(browser) },
  });
  expect(response.status).toBe(303);
  expect(clearedChunks(response.setCookies).length).toBeLessThanOrEqual(MAX_SESSION_CHUNKS + 1);
});

it('still reads a real session sent in chunks', async () => {
  const { browser } = await signInWithLogto(app.origin, logto);
  const whole = browser.cookies.get(SESSION_COOKIE)!.value;
  browser.cookies.delete(SESSION_COOKIE);
  const half = Math.ceil(whole.length / 2);
  [whole.slice(0, half), whole.slice(half)].forEach((value, index) => {
    const name = `${SESSION_COOKIE}.${index}`;
    browser.cookies.set(name, { name, value, attributes: {} });
  });

  expect((await browser.request('/api/me')).status).toBe(200);
});
