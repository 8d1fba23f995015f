/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 *
 * What the federated sign-out asks of Logto, and what the person is told, on the paths the other
 * sign-out suites do not take: the revocation request itself, a session without a refresh
 * token, a Logto the app cannot even look up, and the words a foreign site's request gets.
 */
import type { NextApiHandler } from 'next';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { inProcessAuthStore } from '@/lib/auth/core/auth-store';
import { federatedSignOut } from '@/lib/auth/core/sign-out';
import { signedOutSessions } from '@/lib/auth/core/signed-out';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  startNextApiServer,
  type Browser,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { csrfToken, fetchSession, signInWithLogto } from '../support/logto-sign-in';
import { readSessionCookie, SECRET, writeSessionCookie } from './support/token-app';

const SIGN_OUT = '/api/auth/federated-sign-out';
let logto: MockLogto;
let app: NextApiServer;
const routes: Record<string, NextApiHandler> = {};
const network = setupServer();
/** The app's own sign-out route and wiring, loaded once the env points at the mocked Logto. */
let appSignOut: NextApiHandler;
let wiring: typeof import('@/auth');

beforeAll(async () => {
  logto = createMockLogto();
  network.use(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startNextApiServer({
    '/api/auth/[...nextauth]': (req, res) => routes.nextAuth!(req, res),
    [SIGN_OUT]: (req, res) => routes.signOut!(req, res),
  });
  Object.assign(process.env, {
    AUTH_LOGTO_ISSUER: logto.issuer,
    AUTH_LOGTO_ID: logto.clientId,
    AUTH_LOGTO_SECRET: logto.clientSecret,
    NEXTAUTH_SECRET: SECRET,
  });
  routes.nextAuth = (await import('@/pages/api/auth/[...nextauth]')).default;
  appSignOut = (await import('@/pages/api/auth/federated-sign-out')).default;
  wiring = await import('@/auth');
});
beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  network.resetHandlers(allowLocalServers, ...logto.handlers);
  logto.reset();
  jest.restoreAllMocks();
});
afterAll(async () => {
  await app.close();
  network.close();
});

async function signedIn(): Promise<Browser> {
  const { browser, session } = await signInWithLogto(app.origin, logto);
  expect(session).not.toBeNull();
  return browser;
}

it("revokes the session's refresh token at Logto, named as a refresh token", async () => {
  routes.signOut = appSignOut;
  const browser = await signedIn();
  const { refreshToken } = (await readSessionCookie(browser))!;
  let revocation: URLSearchParams | undefined;
  network.use(
    http.post(`${logto.issuer}/token/revocation`, async ({ request }) => {
      revocation = new URLSearchParams(await request.text());
      return new HttpResponse(null, { status: 200 });
    }),
  );

  const response = await browser.request(SIGN_OUT, {
    form: { csrfToken: await csrfToken(browser) },
  });

  expect(response.status).toBe(303);
  expect(revocation?.get('token')).toBe(refreshToken);
  expect(revocation?.get('token_type_hint')).toBe('refresh_token');
});

it("ends Logto's session too when the session holds no refresh token to revoke", async () => {
  routes.signOut = appSignOut;
  const browser = await signedIn();
  const withoutRefreshToken = { ...(await readSessionCookie(browser))! };
  delete withoutRefreshToken.refreshToken;
  await writeSessionCookie(browser, withoutRefreshToken);

  const response = await browser.request(SIGN_OUT, {
    form: { csrfToken: await csrfToken(browser) },
  });

  expect(response.status).toBe(303);
  expect(response.location).toMatch(`${logto.issuer}/session/end?`);
  expect(logto.requests.revocation).toBe(0);
  expect(await fetchSession(browser)).toBeNull();
});

it('signs out here, and says why in the log, when Logto cannot even be looked up', async () => {
  routes.signOut = federatedSignOut(
    {
      env: wiring.env,
      authOptions: wiring.authOptions,
      logtoClient: () =>
        Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { name: 'TypeError' })),
      signedOut: signedOutSessions(inProcessAuthStore(), 60),
    },
    { revocationRetryDelaysMs: [] },
  );
  const browser = await signedIn();

  const response = await browser.request(SIGN_OUT, {
    form: { csrfToken: await csrfToken(browser) },
  });

  expect(response.status).toBe(303);
  expect(response.location).toBe('/?signedOut=local');
  // The cookie is cleared, not only refused by the signed-out list.
  expect([...browser.cookies.keys()].filter((name) => name.includes('session-token'))).toEqual([]);
  expect(await fetchSession(browser)).toBeNull();
  expect(console.warn).toHaveBeenCalledWith('[auth] Could not reach Logto to sign out: TypeError');
});

it('tells a request from another site where it came from and how to sign out instead', async () => {
  routes.signOut = appSignOut;
  const browser = await signedIn();

  const response = await browser.request(SIGN_OUT, {
    form: { csrfToken: await csrfToken(browser) },
    headers: { origin: 'https://evil.example' },
  });

  expect(response.status).toBe(403);
  expect(JSON.parse(response.text)).toEqual({
    error: 'foreign_origin',
    message:
      'Sign-out was requested from https://evil.example, not from this site. Use the Sign out button on the site.',
  });
  expect(await fetchSession(browser)).not.toBeNull();
});
