/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { cancelRevocationRetries } from '@/lib/auth/core/revocation-retries';
import { setupServer } from 'msw/node';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  type Browser,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { csrfToken, fetchSession, signInWithLogto } from '../support/logto-sign-in';
import { copyBrowser, readSessionCookie, SESSION_COOKIE, startTokenApp } from './support/token-app';

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

/** Asks the mocked Logto to refresh with `refreshToken`, as the app would. */
async function logtoRefreshes(refreshToken: string): Promise<number> {
  const response = await fetch(`${logto.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${logto.clientId}:${logto.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return response.status;
}

describe('federated sign-out', () => {
  it('revokes the refresh token, clears the session cookie and sends the browser to Logto’s end-session URL', async () => {
    const browser = await signedIn();
    const stored = (await readSessionCookie(browser))!;

    const response = await browser.request(SIGN_OUT, {
      form: { csrfToken: await csrfToken(browser) },
    });

    expect(response.status).toBe(303);
    const location = new URL(response.location!);
    expect(`${location.origin}${location.pathname}`).toBe(`${logto.issuer}/session/end`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      id_token_hint: stored.idToken,
      post_logout_redirect_uri: `${app.origin}/`,
      client_id: logto.clientId,
    });
    expect(logto.requests.revocation).toBe(1);
    expect(await logtoRefreshes(stored.refreshToken!)).toBe(400);
    const cleared = response.setCookies.find((cookie) => cookie.name === SESSION_COOKIE);
    expect(cleared).toMatchObject({ value: '', attributes: { 'max-age': '0', path: '/' } });
    expect(await fetchSession(browser)).toBeNull();
  });

  it('refuses a copy of the cookie on every read once the session signed out, and clears it', async () => {
    const browser = await signedIn();
    const copy = copyBrowser(browser);
    expect((await copy.request('/api/me')).status).toBe(200);

    await browser.request(SIGN_OUT, { form: { csrfToken: await csrfToken(browser) } });

    // Each read with its own copy: the first one already clears the cookie it was sent.
    const me = await copyBrowser(copy).request('/api/me');
    expect(me.status).toBe(401);
    expect(me.headers.get('cache-control')).toBe('private, no-store');
    const session = await copyBrowser(copy).request('/api/auth/session');
    expect(session.text).toBe('{}');
    expect(session.setCookies.find((cookie) => cookie.name === SESSION_COOKIE)).toMatchObject({
      value: '',
    });
  });

  it('comes back to the home page after Logto ends its session', async () => {
    const browser = await signedIn();
    const response = await browser.request(SIGN_OUT, {
      form: { csrfToken: await csrfToken(browser) },
    });

    const atLogto = await fetch(response.location!, { redirect: 'manual' });

    expect(atLogto.status).toBe(303);
    expect(atLogto.headers.get('location')).toBe(`${app.origin}/`);
  });

  it('clears every chunk of a chunked session cookie', async () => {
    const browser = await signedIn();
    const value = browser.cookies.get(SESSION_COOKIE)!.value;
    browser.cookies.delete(SESSION_COOKIE);
    for (const [index, part] of [value.slice(0, 100), value.slice(100)].entries()) {
      const name = `${SESSION_COOKIE}.${index}`;
      browser.cookies.set(name, { name, value: part, attributes: {} });
    }

    const response = await browser.request(SIGN_OUT, {
      form: { csrfToken: await csrfToken(browser) },
    });

    expect(logto.requests.revocation).toBe(1);
    expect(response.setCookies.map((cookie) => cookie.name).sort()).toEqual([
      SESSION_COOKIE,
      `${SESSION_COOKIE}.0`,
      `${SESSION_COOKIE}.1`,
    ]);
    expect([...browser.cookies.keys()].filter((name) => name.startsWith(SESSION_COOKIE))).toEqual(
      [],
    );
  });

  it('still signs out here, and says so on the home page, when Logto is unreachable', async () => {
    const browser = await signedIn();
    const csrf = await csrfToken(browser);
    logto.goOffline();

    const response = await browser.request(SIGN_OUT, { form: { csrfToken: csrf } });

    expect(response.status).toBe(303);
    expect(response.location).toBe('/?signedOut=local');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await fetchSession(browser)).toBeNull();
  });
});

describe('federated sign-out refuses', () => {
  it('a GET, which any site could trigger with an image tag', async () => {
    const browser = await signedIn();

    const response = await browser.request(SIGN_OUT);

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(logto.requests.revocation).toBe(0);
    expect(await fetchSession(browser)).not.toBeNull();
  });

  it('a POST without the CSRF token or with another one', async () => {
    const browser = await signedIn();

    const missing = await browser.request(SIGN_OUT, { form: {} });
    const wrong = await browser.request(SIGN_OUT, { form: { csrfToken: 'forged' } });

    for (const response of [missing, wrong]) {
      expect(response.status).toBe(403);
      expect(JSON.parse(response.text)).toMatchObject({
        error: 'csrf_token_mismatch',
        message: expect.stringContaining('press Sign out again'),
      });
    }
    expect(logto.requests.revocation).toBe(0);
    expect(await fetchSession(browser)).not.toBeNull();
  });

  it('a CSRF cookie the server did not sign, even when the form repeats it', async () => {
    const browser = await signedIn();
    const name = 'next-auth.csrf-token';
    browser.cookies.set(name, { name, value: 'chosen|0000', attributes: {} });

    const response = await browser.request(SIGN_OUT, { form: { csrfToken: 'chosen' } });

    expect(response.status).toBe(403);
    expect(await fetchSession(browser)).not.toBeNull();
  });

  it('a POST from another origin', async () => {
    const browser = await signedIn();

    const response = await browser.request(SIGN_OUT, {
      form: { csrfToken: await csrfToken(browser) },
      headers: { origin: 'https://evil.example' },
    });

    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ error: 'foreign_origin' });
    expect(await fetchSession(browser)).not.toBeNull();
  });
});

// A sign-out that could not reach Logto retries later; this file's Logto is gone by then.
afterAll(cancelRevocationRetries);
