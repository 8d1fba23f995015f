/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The refresh rules on their own: the `jwt` callback's work, against the mocked Logto's real
// discovery and a token endpoint each test answers, on a clock held still.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { JWT } from 'next-auth/jwt';
import type { AuthEnv } from '@/lib/auth/env';
import { getLogtoClient } from '@/lib/auth/logto-client';
import { forgetRefreshes, refreshTokenIfDue } from '@/lib/auth/tokens';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import { authEnvFor } from '../../support/auth-env';

const NOW = 1_900_000_000;
let logto: MockLogto;
let env: AuthEnv;
const network = setupServer();
let tokenRequests: number;
let clockSeconds: number;

beforeAll(async () => {
  logto = createMockLogto();
  network.use(...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  env = authEnvFor(logto);
});
beforeEach(() => {
  tokenRequests = 0;
  clockSeconds = NOW;
  jest.spyOn(Date, 'now').mockImplementation(() => clockSeconds * 1000);
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  network.resetHandlers(...logto.handlers);
  forgetRefreshes();
  jest.restoreAllMocks();
});
afterAll(() => network.close());

/** The token endpoint answers every refresh with this status and body. */
function tokenEndpointAnswers(body: Record<string, unknown>, status = 200) {
  network.use(
    http.post(`${logto.issuer}/token`, () => {
      tokenRequests += 1;
      return HttpResponse.json(body, { status });
    }),
  );
}

const ROTATED = { access_token: 'access-2', token_type: 'Bearer', refresh_token: 'refresh-2' };

/** A signed-in session whose access token expires in `expiresIn` s and is due in `dueIn` s. */
function session(expiresIn: number, dueIn: number, overrides: Partial<JWT> = {}): JWT {
  return {
    sub: 'a1b2c3d4e5f6',
    accessToken: 'access-1',
    accessTokenExpiresAt: NOW + expiresIn,
    accessTokenRefreshAt: NOW + dueIn,
    refreshToken: 'refresh-1',
    idToken: 'id-token-1',
    ...overrides,
  };
}

const refresh = (token: JWT) => refreshTokenIfDue(token, () => getLogtoClient(env));

describe('when the session refreshes', () => {
  it('refreshes at the very second it is due, and not a second before', async () => {
    tokenEndpointAnswers({ ...ROTATED, expires_in: 3600 });

    expect(await refresh(session(60, 1))).toMatchObject({ accessToken: 'access-1' });
    expect(tokenRequests).toBe(0);
    expect(await refresh(session(60, 0))).toMatchObject({ accessToken: 'access-2' });
    expect(tokenRequests).toBe(1);
  });

  it('is due a minute before expiry for a session stored without its due time', async () => {
    tokenEndpointAnswers({ ...ROTATED, expires_in: 3600 });

    const early = await refresh(session(61, 0, { accessTokenRefreshAt: undefined }));
    expect(early.accessToken).toBe('access-1');
    const due = await refresh(session(60, 0, { accessTokenRefreshAt: undefined }));
    expect(due.accessToken).toBe('access-2');
  });

  it('stores the new tokens, the expiry Logto gave and the next due time', async () => {
    tokenEndpointAnswers({ ...ROTATED, expires_in: 1800 });

    expect(await refresh(session(30, 0))).toEqual({
      sub: 'a1b2c3d4e5f6',
      accessToken: 'access-2',
      accessTokenExpiresAt: NOW + 1800,
      accessTokenRefreshAt: NOW + 1800 - 60,
      refreshToken: 'refresh-2',
      idToken: 'id-token-1',
    });
  });

  it("assumes Logto's one-hour lifetime when a refresh leaves out expires_in", async () => {
    tokenEndpointAnswers(ROTATED);

    expect(await refresh(session(30, 0))).toMatchObject({
      accessTokenExpiresAt: NOW + 3600,
      accessTokenRefreshAt: NOW + 3600 - 60,
    });
  });

  it('keeps the ID token sign-out needs, and the refresh token, when Logto sends none back', async () => {
    tokenEndpointAnswers({ access_token: 'access-2', token_type: 'Bearer', expires_in: 3600 });

    expect(await refresh(session(30, 0))).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-1',
      idToken: 'id-token-1',
    });
  });

  it('hands a request that still carries the old refresh token 20 s later the same new tokens, without asking Logto', async () => {
    tokenEndpointAnswers({ ...ROTATED, expires_in: 3600 });
    await refresh(session(30, 0));
    clockSeconds += 20;

    expect(await refresh(session(10, -20))).toMatchObject({ refreshToken: 'refresh-2' });
    expect(tokenRequests).toBe(1);
  });

  it('leaves a session without an access-token expiry, or already errored, alone', async () => {
    tokenEndpointAnswers({ ...ROTATED, expires_in: 3600 });
    const noExpiry = session(0, 0, { accessTokenExpiresAt: undefined });
    const errored = session(0, 0, { error: 'RefreshAccessTokenError' });

    expect(await refresh(noExpiry)).toBe(noExpiry);
    expect(await refresh(errored)).toBe(errored);
    expect(tokenRequests).toBe(0);
  });
});

describe('when Logto cannot refresh right now', () => {
  it('keeps the session through a 503 while the access token is still valid, and logs no token', async () => {
    tokenEndpointAnswers({ error: 'server_error' }, 503);
    const token = session(1, 0);

    expect(await refresh(token)).toBe(token);
    expect(console.warn).toHaveBeenCalledWith(
      '[auth] Could not refresh the access token at Logto: server_error (HTTP 503)',
    );
  });

  it('ends the session through a 503 once the access token has expired, keeping the ID token for sign-out', async () => {
    tokenEndpointAnswers({ error: 'server_error' }, 503);

    expect(await refresh(session(0, -60))).toEqual({
      sub: 'a1b2c3d4e5f6',
      accessTokenExpiresAt: NOW,
      idToken: 'id-token-1',
      error: 'RefreshAccessTokenError',
    });
  });

  it('keeps the session when the network fails, and names the failure without the request', async () => {
    network.use(http.post(`${logto.issuer}/token`, () => HttpResponse.error()));
    const token = session(30, 0);

    expect(await refresh(token)).toBe(token);
    const [line] = (console.warn as jest.Mock).mock.calls[0] as [string];
    expect(line).toMatch(/^\[auth\] Could not refresh the access token at Logto: \w+/);
    expect(line).not.toContain('refresh-1');
  });

  it('asks Logto again 5 s after a failed refresh, not on every request before', async () => {
    tokenEndpointAnswers({ error: 'server_error' }, 503);
    await refresh(session(30, 0));
    clockSeconds += 4;
    await refresh(session(26, -4));
    expect(tokenRequests).toBe(1);

    clockSeconds += 1;
    await refresh(session(25, -5));
    expect(tokenRequests).toBe(2);
  });
});

it('ends the session for good when Logto answers invalid_grant', async () => {
  tokenEndpointAnswers({ error: 'invalid_grant' }, 400);

  expect(await refresh(session(30, 0))).toMatchObject({ error: 'RefreshAccessTokenError' });
});
