/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 *
 * The App Router readers (`getAppSession`, `requireAppSession`, the refresh route) on the real
 * next-auth against the mocked Logto. `next/headers` is what Next hands a server component (a
 * cookie store that throws on `set`) or a route handler and a server action (one that keeps what
 * is set); `redirect()` throws as Next's does. The cookies come from a real sign-in.
 */
import type { Session } from 'next-auth';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { setupServer } from 'msw/node';
import { createLogtoAuth } from '@/lib/auth/core/logto-auth';
import { forgetRefreshes } from '@/lib/auth/core/tokens';
import { speedLayer } from '@/lib/auth/speed';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import { allowLocalServers, type NextApiServer } from '@bookstore/mock-logto/next-auth';
import { appRequest, onAppRequest, redirectOf } from '../support/app-router-request';
import { csrfToken, fetchSession, signInWithLogto } from '../support/logto-sign-in';
import { readSessionCookie, SECRET, SESSION_COOKIE, startTokenApp } from './support/token-app';

jest.mock('next/headers', () => jest.requireActual('../support/app-router-request').nextHeaders);
jest.mock(
  'next/navigation',
  () => jest.requireActual('../support/app-router-request').nextNavigation,
);

/** A server component (`render`) or a route handler / server action (`handler`) on this cookie. */
function onRequest(where: 'render' | 'handler', sessionCookie: string | undefined) {
  onAppRequest(where, sessionCookie ? { [SESSION_COOKIE]: sessionCookie } : {});
}

const TOKEN_TTL = 3600;
let logto: MockLogto;
let app: NextApiServer;
let network: ReturnType<typeof setupServer>;
/** What the `jwt` callback stored at sign-in, without next-auth's own claims. */
let signedInToken: JWT;
/** What `/api/auth/session` answered right after sign-in. */
let pagesSession: Session;

beforeAll(async () => {
  logto = createMockLogto({ tokenTtlSeconds: TOKEN_TTL });
  network = setupServer(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startTokenApp(logto);
  const { browser } = await signInWithLogto(app.origin, logto);
  pagesSession = (await fetchSession(browser))!;
  signedInToken = { ...(await readSessionCookie(browser))! };
  delete signedInToken.iat;
  delete signedInToken.exp;
  delete signedInToken.jti;
});
beforeEach(() => {
  // next-auth logs a cookie that does not decrypt; the outcome is what counts.
  jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  logto.reset();
  tokenBaseline = 0;
  forgetRefreshes();
  jest.restoreAllMocks();
});
afterAll(async () => {
  await app.close();
  network.close();
});

const now = () => Math.floor(Date.now() / 1000);
/** Token requests the mocked Logto had seen before the code under test ran. */
let tokenBaseline = 0;
const tokenRequests = () => logto.requests.token - tokenBaseline;
const cookieOf = (token: JWT) => encode({ token, secret: SECRET, maxAge: 14 * 24 * 60 * 60 });
/**
 * A session whose access token reached its refresh time a second ago, from a sign-in of its own:
 * the mocked Logto forgets its refresh tokens after each test.
 */
async function dueCookie(): Promise<string> {
  const { browser } = await signInWithLogto(app.origin, logto);
  const token = (await readSessionCookie(browser))!;
  tokenBaseline = logto.requests.token;
  return cookieOf({ ...token, accessTokenRefreshAt: now() - 1 });
}

/** What the request set as the session cookie, decrypted. */
async function storedToken(): Promise<JWT | null> {
  const cookie = appRequest.set.filter(({ name }) => name === SESSION_COOKIE).pop();
  return cookie ? decode({ token: cookie.value, secret: SECRET }) : null;
}

describe.each([
  ['the core alone', () => createLogtoAuth({ env: appEnv() })],
  ['the core with the speed layer', () => createLogtoAuth({ env: appEnv(), speed: speedLayer() })],
])('the App Router readers, with %s', (_, auth) => {
  it('give a server component the same Session that getServerSession gives in pages/', async () => {
    onRequest('render', await cookieOf(signedInToken));

    const session = await auth().getAppSession();

    expect(session).toEqual({ ...pagesSession, expires: expect.any(String) });
    expect(Date.parse(session!.expires)).toBeGreaterThan(Date.now());
  });

  it('never spend the refresh token in a server component, however often it renders', async () => {
    const cookie = await dueCookie();
    const { getAppSession } = auth();

    for (let render = 0; render < 4; render += 1) {
      onRequest('render', cookie);
      expect(await getAppSession()).toMatchObject({ error: null });
    }

    expect(tokenRequests()).toBe(0);
  });

  it("refresh a due session in a route handler or a server action, and write the new tokens into the person's cookie", async () => {
    onRequest('handler', await dueCookie());

    const session = await auth().getAppSession();

    expect(session).toMatchObject({ error: null });
    expect(tokenRequests()).toBe(1);
    const stored = await storedToken();
    expect(stored?.accessToken).not.toBe(signedInToken.accessToken);
    expect(stored?.accessTokenRefreshAt).toBeGreaterThan(now());
    expect(appRequest.set.pop()).toMatchObject({
      name: SESSION_COOKIE,
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      expires: expect.any(Date),
    });
    for (const cookie of appRequest.set)
      expect(cookie).toMatchObject({ path: '/', httpOnly: true });
  });

  it("write a refreshed session too large for one cookie in chunks, every chunk, and only next-auth's cookies", async () => {
    const due = (await decode({ token: await dueCookie(), secret: SECRET }))!;
    // Random text: a JWE does not compress, so the cookie needs several chunks of 4 kB.
    const padding = Array.from({ length: 500 }, () => Math.random().toString(36).slice(2)).join('');
    onRequest('handler', await cookieOf({ ...due, padding }));

    expect(await auth().getAppSession()).toMatchObject({ error: null });

    // next-auth also sets its CSRF and callback-URL cookies on a read.
    for (const { name } of appRequest.set) expect(name).toMatch(/^next-auth\.[a-z-]+(\.\d)?$/);
    const written = appRequest.set.filter(({ name }) =>
      /^next-auth\.session-token\.\d$/.test(name),
    );
    expect(written.length).toBeGreaterThan(1);
    expect(written.map(({ name }) => name)).toEqual(
      written.map((_, i) => `${SESSION_COOKIE}.${i}`),
    );
    const token = await decode({
      token: written.map(({ value }) => value).join(''),
      secret: SECRET,
    });
    expect(token).toMatchObject({ padding, accessTokenRefreshAt: expect.any(Number) });
    expect(token!.accessTokenRefreshAt).toBeGreaterThan(now());
  });

  it('clear a cookie that does not decrypt, where the cookie can be written', async () => {
    onRequest('handler', 'not-a-session-cookie');

    expect(await auth().getAppSession()).toBeNull();
    expect(appRequest.set.pop()).toMatchObject({ name: SESSION_COOKIE, value: '', maxAge: 0 });
  });

  it('clear it as a Secure cookie on a site served over https', async () => {
    const secureAuth = createLogtoAuth({ env: { ...appEnv(), appUrl: 'https://books.example' } });
    appRequest.cookies = { [`__Secure-${SESSION_COOKIE}`]: 'not-a-session-cookie' };
    appRequest.writable = true;
    appRequest.set = [];

    expect(await secureAuth.getAppSession()).toBeNull();
    expect(appRequest.set.pop()).toMatchObject({
      name: `__Secure-${SESSION_COOKIE}`,
      value: '',
      secure: true,
      httpOnly: true,
    });
  });

  it("refuse a copy of a signed-out session's cookie, in a server component and where the cookie can be written", async () => {
    const { browser } = await signInWithLogto(app.origin, logto);
    const copy = browser.cookies.get(SESSION_COOKIE)!.value;
    const signOut = await browser.request('/api/auth/federated-sign-out', {
      form: { csrfToken: await csrfToken(browser) },
    });
    expect(signOut.status).toBe(303);
    const { getAppSession, requireAppSession } = auth();

    onRequest('render', copy);
    expect(await getAppSession()).toBeNull();
    expect(await redirectOf(() => requireAppSession('/app/books'))).toBe(
      '/signin?callbackUrl=%2Fapp%2Fbooks',
    );
    onRequest('handler', copy);
    expect(await getAppSession()).toBeNull();
    expect(appRequest.set.pop()).toMatchObject({ name: SESSION_COOKIE, value: '', maxAge: 0 });
  });

  it('say no session when there is no cookie, writing nothing', async () => {
    onRequest('handler', undefined);

    expect(await auth().getAppSession()).toBeNull();
    expect(appRequest.set).toEqual([]);
  });

  describe("an app/ page's gate", () => {
    it('sends a signed-out visitor to sign in, coming back to the page', async () => {
      onRequest('render', undefined);

      expect(await redirectOf(() => auth().requireAppSession('/app/books?page=2'))).toBe(
        '/signin?callbackUrl=%2Fapp%2Fbooks%3Fpage%3D2',
      );
    });

    it('sends a person whose refresh is due through the refresh route, without asking Logto', async () => {
      onRequest('render', await dueCookie());

      expect(await redirectOf(() => auth().requireAppSession('/app/books'))).toBe(
        '/api/auth/refresh?callbackUrl=%2Fapp%2Fbooks',
      );
      expect(tokenRequests()).toBe(0);
    });

    it('hands the page a live session', async () => {
      onRequest('render', await cookieOf(signedInToken));

      expect(await auth().requireAppSession('/app/books')).toMatchObject({
        user: { id: signedInToken.sub },
        error: null,
      });
    });

    it('hands the page an ended session, for the notice, without sending anyone round', async () => {
      const ended: JWT = { ...signedInToken, error: 'RefreshAccessTokenError' };
      delete ended.accessTokenRefreshAt;
      onRequest('render', await cookieOf(ended));

      expect(await auth().requireAppSession('/app/books')).toMatchObject({
        error: 'RefreshAccessTokenError',
      });
    });

    it('keeps a callbackUrl that would leave the site on the site', async () => {
      onRequest('render', undefined);

      expect(await redirectOf(() => auth().requireAppSession('//evil.example/x'))).toBe(
        '/signin?callbackUrl=%2F',
      );
    });
  });

  describe('the refresh route', () => {
    it('refreshes once, writes the cookie, and sends the person back to the page', async () => {
      onRequest('handler', await dueCookie());

      const response = await auth().refreshSessionRoute(
        new Request(`${app.origin}/api/auth/refresh?callbackUrl=%2Fapp%2Fbooks%3Fx%3D1`),
      );

      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/app/books?x=1');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(tokenRequests()).toBe(1);
      expect((await storedToken())?.accessToken).not.toBe(signedInToken.accessToken);
    });

    it('sends a callbackUrl on another site home instead', async () => {
      onRequest('handler', await cookieOf(signedInToken));

      const response = await auth().refreshSessionRoute(
        new Request(`${app.origin}/api/auth/refresh?callbackUrl=https%3A%2F%2Fevil.example%2F`),
      );

      expect(response.headers.get('location')).toBe('/');
    });

    it('lets the gate through afterwards: the page renders on the new cookie', async () => {
      onRequest('handler', await dueCookie());
      const { refreshSessionRoute, requireAppSession } = auth();
      await refreshSessionRoute(new Request(`${app.origin}/api/auth/refresh?callbackUrl=%2Fx`));
      const refreshed = appRequest.set.filter(({ name }) => name === SESSION_COOKIE).pop()!;

      onRequest('render', refreshed.value);

      expect(await requireAppSession('/x')).toMatchObject({ error: null });
      expect(tokenRequests()).toBe(1);
    });
  });
});

function appEnv() {
  return {
    issuer: logto.issuer,
    clientId: logto.clientId,
    clientSecret: logto.clientSecret,
    appUrl: app.origin,
    secret: SECRET,
  };
}
