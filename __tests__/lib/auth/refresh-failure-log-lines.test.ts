/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// What the log says when a refresh fails for a reason other than Logto's own error answer, and
// that the person keeps their session while the access token is valid. Logto's error answers
// (503, invalid_grant) are in refresh-token.test.ts.
import { createServer } from 'node:net';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { JWT } from 'next-auth/jwt';
import type { AuthEnv } from '@/lib/auth/env';
import { getLogtoClient } from '@/lib/auth/logto-client';
import { forgetRefreshes, refreshTokenIfDue } from '@/lib/auth/tokens';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import { authEnvFor } from '../../support/auth-env';

let logto: MockLogto;
let env: AuthEnv;
const network = setupServer();

beforeAll(async () => {
  logto = createMockLogto();
  network.use(...logto.handlers);
  // A request no handler answers really goes out (the refused connection below); msw warns.
  network.listen();
  env = authEnvFor(logto);
});
let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  network.resetHandlers(...logto.handlers);
  forgetRefreshes();
  jest.restoreAllMocks();
});
afterAll(() => network.close());

/** A session due for refresh whose access token is still valid for 30 s. */
function dueSession(): JWT {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'a1b2c3d4e5f6',
    accessToken: 'access-1',
    accessTokenExpiresAt: now + 30,
    accessTokenRefreshAt: now - 1,
    refreshToken: 'refresh-token-never-logged',
    idToken: 'id-token-1',
  };
}

function tokenEndpointAnswers(response: () => Response) {
  network.use(http.post(`${logto.issuer}/token`, response));
}

/** The refresh's own log line (discovery may log a line of its own before it). */
const loggedLine = () =>
  (warn.mock.calls as [string][])
    .map(([line]) => line)
    .filter((line) => line.startsWith('[auth] Could not refresh'));

describe('a refresh that fails in a way Logto did not describe', () => {
  it('logs an ID token that is not a JWT as an invalid response, and keeps the session', async () => {
    tokenEndpointAnswers(() =>
      HttpResponse.json({ access_token: 'access-2', token_type: 'Bearer', id_token: 'not-a-jwt' }),
    );
    const token = dueSession();

    expect(await refreshTokenIfDue(token, () => getLogtoClient(env))).toBe(token);
    expect(loggedLine()).toEqual([
      '[auth] Could not refresh the access token at Logto: invalid response: failed to decode JWT (Error: JWTs must have three components)',
    ]);
  });

  it('logs a body that is not JSON by the error’s name alone, and keeps the session', async () => {
    tokenEndpointAnswers(() => new HttpResponse('<html>maintenance</html>', { status: 200 }));
    const token = dueSession();

    expect(await refreshTokenIfDue(token, () => getLogtoClient(env))).toBe(token);
    expect(loggedLine()).toEqual([
      '[auth] Could not refresh the access token at Logto: SyntaxError',
    ]);
  });

  it('logs a refused connection by its name and code, and keeps the session', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = { ...env, issuer: `http://127.0.0.1:${port}/oidc` };
    const token = dueSession();

    expect(await refreshTokenIfDue(token, () => getLogtoClient(unreachable))).toBe(token);
    expect(loggedLine()).toEqual([
      '[auth] Could not refresh the access token at Logto: Error ECONNREFUSED',
    ]);
  });

  it('logs a failure that is not even an Error as unknown, never its content', async () => {
    const token = dueSession();
    const leaky = () => Promise.reject({ refresh_token: token.refreshToken });

    expect(await refreshTokenIfDue(token, leaky)).toBe(token);
    expect(loggedLine()).toEqual([
      '[auth] Could not refresh the access token at Logto: unknown error',
    ]);
  });
});
