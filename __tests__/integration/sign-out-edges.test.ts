/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { cancelRevocationRetries } from '@/lib/auth/core/revocation-retries';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  type Browser,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { csrfToken, fetchSession, signInWithLogto } from '../support/logto-sign-in';
import { startTokenApp } from './support/token-app';

const SIGN_OUT = '/api/auth/federated-sign-out';
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

it('signs out a POST whose Origin header is this site, as browsers send it', async () => {
  const browser = await signedIn();

  const response = await browser.request(SIGN_OUT, {
    form: { csrfToken: await csrfToken(browser) },
    headers: { origin: app.origin },
  });

  expect(response.status).toBe(303);
  expect(response.location).toMatch(`${logto.issuer}/session/end?`);
  expect(await fetchSession(browser)).toBeNull();
});

it('still ends the Logto session when Logto refuses the revocation, since Logto was reached', async () => {
  const browser = await signedIn();
  network.use(
    http.post(`${logto.issuer}/token/revocation`, () =>
      HttpResponse.json({ error: 'invalid_token' }, { status: 400 }),
    ),
  );

  const response = await browser.request(SIGN_OUT, {
    form: { csrfToken: await csrfToken(browser) },
  });

  expect(response.status).toBe(303);
  expect(response.location).toMatch(`${logto.issuer}/session/end?`);
  expect(console.warn).not.toHaveBeenCalled();
  expect(await fetchSession(browser)).toBeNull();
});

it('signs out here only, and says why in the log, when the revocation request never reaches Logto', async () => {
  const browser = await signedIn();
  network.use(http.post(`${logto.issuer}/token/revocation`, () => HttpResponse.error()));

  const response = await browser.request(SIGN_OUT, {
    form: { csrfToken: await csrfToken(browser) },
  });

  expect(response.status).toBe(303);
  expect(response.location).toBe('/?signedOut=local');
  expect(console.warn).toHaveBeenCalledWith(
    expect.stringMatching(/^\[auth\] Could not revoke the refresh token at Logto: \w+/),
  );
  expect(await fetchSession(browser)).toBeNull();
});

// A sign-out that could not reach Logto retries later; this file's Logto is gone by then.
afterAll(cancelRevocationRetries);
