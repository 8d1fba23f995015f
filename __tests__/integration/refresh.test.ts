/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { forgetRefreshes, RETRY_AFTER_UNAVAILABLE_MS } from '@/lib/auth/tokens';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  type Browser,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { fetchSession, signInWithLogto } from '../support/logto-sign-in';
import {
  controlClock,
  copyBrowser,
  readSessionCookie,
  startTokenApp,
  writeSessionCookie,
} from './support/token-app';

const TOKEN_TTL = 3600;
let logto: MockLogto;
let app: NextApiServer;
let network: ReturnType<typeof setupServer>;

beforeAll(async () => {
  logto = createMockLogto({ tokenTtlSeconds: TOKEN_TTL });
  // Handlers given here survive resetHandlers(); per-test overrides do not.
  network = setupServer(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startTokenApp(logto);
});
beforeEach(() => {
  // Refresh failures are logged (without tokens); the outcome is what these tests check.
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  network.resetHandlers();
  logto.reset();
  forgetRefreshes();
  jest.restoreAllMocks();
});
afterAll(async () => {
  await app.close();
  network.close();
});

async function signedIn(): Promise<Browser> {
  const { browser, session } = await signInWithLogto(app.origin, logto);
  expect(session?.error).toBeNull();
  return browser;
}

/** Token endpoint requests made while `action` runs. */
async function tokenRequestsDuring(action: () => Promise<unknown>): Promise<number> {
  const before = logto.requests.token;
  await action();
  return logto.requests.token - before;
}

describe('refreshing the access token', () => {
  it('leaves a fresh access token alone', async () => {
    const browser = await signedIn();
    const clock = controlClock();
    clock.advance(TOKEN_TTL - 120);
    const before = await readSessionCookie(browser);

    expect(await tokenRequestsDuring(() => fetchSession(browser))).toBe(0);
    expect((await readSessionCookie(browser))?.accessToken).toBe(before?.accessToken);
  });

  it('refreshes within a minute of expiry, stores the rotated refresh token and stays signed in', async () => {
    const browser = await signedIn();
    const before = (await readSessionCookie(browser))!;
    const clock = controlClock();
    clock.advance(TOKEN_TTL - 30);

    let session: Awaited<ReturnType<typeof fetchSession>> = null;
    const requests = await tokenRequestsDuring(async () => {
      session = await fetchSession(browser);
    });

    const after = (await readSessionCookie(browser))!;
    expect(requests).toBe(1);
    expect(session!.error).toBeNull();
    expect(after.refreshToken).toEqual(expect.any(String));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.accessTokenExpiresAt).toBeGreaterThan(
      before.accessTokenExpiresAt! + TOKEN_TTL - 60,
    );
    // The stored refresh token is the live one: the next refresh, an hour on, works with it.
    clock.advance(TOKEN_TTL);
    expect(await tokenRequestsDuring(() => fetchSession(browser))).toBe(1);
    expect((await fetchSession(browser))?.error).toBeNull();
  });

  it('makes one token request for 20 concurrent session reads at expiry, and all 20 stay signed in', async () => {
    const browser = await signedIn();
    controlClock().advance(TOKEN_TTL - 10);

    const responses: { status: number; text: string }[] = [];
    const requests = await tokenRequestsDuring(async () => {
      const reads = Array.from({ length: 20 }, (_, index) =>
        copyBrowser(browser).request(index % 2 === 0 ? '/api/auth/session' : '/api/me'),
      );
      responses.push(...(await Promise.all(reads)));
    });

    expect(requests).toBe(1);
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    for (const response of responses) {
      const body = JSON.parse(response.text) as { user?: { id: string }; id?: string };
      expect(body.user?.id ?? body.id).toEqual(expect.any(String));
      expect(response.text).not.toMatch(/session_expired|RefreshAccessTokenError/);
    }
  });

  it('gives a request that arrives just after a refresh with the old cookie the same new tokens', async () => {
    const browser = await signedIn();
    controlClock().advance(TOKEN_TTL - 10);
    const staleTab = copyBrowser(browser);

    await fetchSession(browser);
    const requests = await tokenRequestsDuring(() => fetchSession(staleTab));

    expect(requests).toBe(0);
    expect((await readSessionCookie(staleTab))?.refreshToken).toBe(
      (await readSessionCookie(browser))?.refreshToken,
    );
  });
});

describe('a session that can no longer be refreshed', () => {
  it('is marked RefreshAccessTokenError when Logto answers invalid_grant, and /api/me says session_expired', async () => {
    const browser = await signedIn();
    controlClock().advance(TOKEN_TTL - 10);
    logto.failTokenEndpoint(400, { error: 'invalid_grant', error_description: 'grant revoked' });

    const session = await fetchSession(browser);
    const me = await browser.request('/api/me');

    expect(session?.error).toBe('RefreshAccessTokenError');
    expect(me.status).toBe(401);
    expect(JSON.parse(me.text)).toEqual({ error: 'session_expired' });
  });

  it('ends, and logs why, when Logto refreshes it with an ID token for another person', async () => {
    const browser = await signedIn();
    controlClock().advance(TOKEN_TTL - 10);
    logto.setClaims({ sub: 'someoneelse1' });
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});

    const session = await fetchSession(browser);

    expect(session?.error).toBe('RefreshAccessTokenError');
    expect(session?.user.id).not.toBe('someoneelse1');
    expect(error).toHaveBeenCalledWith(
      '[auth] Logto refreshed the session with an ID token for another user.',
    );
  });

  it('stays errored without asking Logto again', async () => {
    const browser = await signedIn();
    controlClock().advance(TOKEN_TTL - 10);
    logto.failTokenEndpoint(400, { error: 'invalid_grant' });
    await fetchSession(browser);
    forgetRefreshes();

    expect(await tokenRequestsDuring(() => fetchSession(browser))).toBe(0);
    expect((await fetchSession(browser))?.error).toBe('RefreshAccessTokenError');
  });

  it('is marked RefreshAccessTokenError when the session has no refresh token, without a token request', async () => {
    const browser = await signedIn();
    const token = (await readSessionCookie(browser))!;
    delete token.refreshToken;
    await writeSessionCookie(browser, token);
    controlClock().advance(TOKEN_TTL - 10);

    let error: string | null | undefined;
    const requests = await tokenRequestsDuring(async () => {
      error = (await fetchSession(browser))?.error;
    });

    expect(requests).toBe(0);
    expect(error).toBe('RefreshAccessTokenError');
    expect((await browser.request('/api/me')).status).toBe(401);
  });
});

describe('when Logto cannot be reached', () => {
  it('keeps the current token until it expires, then retries and refreshes', async () => {
    const browser = await signedIn();
    const before = (await readSessionCookie(browser))!;
    const clock = controlClock();
    clock.advance(TOKEN_TTL - 30);
    network.use(http.post(`${logto.issuer}/token`, () => HttpResponse.error(), { once: true }));

    const duringOutage = await fetchSession(browser);
    expect(duringOutage?.error).toBeNull();
    expect((await readSessionCookie(browser))?.accessToken).toBe(before.accessToken);
    expect((await browser.request('/api/me')).status).toBe(200);

    clock.advance(RETRY_AFTER_UNAVAILABLE_MS / 1000 + 1);
    const afterOutage = await fetchSession(browser);
    expect(afterOutage?.error).toBeNull();
    expect((await readSessionCookie(browser))?.refreshToken).not.toBe(before.refreshToken);
  });

  it('ends the session only once the access token has really expired', async () => {
    const browser = await signedIn();
    const clock = controlClock();
    clock.advance(TOKEN_TTL - 30);
    logto.goOffline();

    expect((await fetchSession(browser))?.error).toBeNull();
    clock.advance(31 + RETRY_AFTER_UNAVAILABLE_MS / 1000);
    expect((await fetchSession(browser))?.error).toBe('RefreshAccessTokenError');
    expect(JSON.parse((await browser.request('/api/me')).text)).toEqual({
      error: 'session_expired',
    });
  });
});
