/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// A refresh asked for now (back from Logto's Account Center) against a fake openid-client: when
// it may spend a refresh token that a remembered refresh already spent.
import type { BaseClient } from 'openid-client';
import {
  forgetRefreshes,
  FRESH_REFRESH_MS,
  refreshSingleFlight,
  refreshTokenIfDue,
  REMEMBER_REFRESH_MS,
} from '@/lib/auth/tokens';

const request = { refreshToken: 'refresh-1', sub: 'u1a2b3c4d5e6' };
let now = Date.UTC(2026, 0, 1);

beforeEach(() => {
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => {
  forgetRefreshes();
  jest.restoreAllMocks();
});

/** A Logto that answers every refresh; `rotate` hands a new refresh token back. */
function logtoClient({ rotate }: { rotate: boolean }) {
  let calls = 0;
  const client = {
    refresh: jest.fn(async (refreshToken: string) => {
      calls += 1;
      return {
        access_token: `access-${calls}`,
        expires_at: Math.floor(now / 1000) + 3600,
        refresh_token: rotate ? `refresh-${calls + 1}` : refreshToken,
        id_token: `id-${calls}`,
        claims: () => ({
          sub: request.sub,
          phone_number: calls === 1 ? '819012345678' : '819087654321',
          phone_number_verified: true,
        }),
      };
    }),
  };
  return { client, get: async () => client as unknown as BaseClient };
}

it('takes a refresh remembered less than a few seconds ago, even when asked for now', async () => {
  const logto = logtoClient({ rotate: false });
  await refreshSingleFlight(logto.get, request);
  now += FRESH_REFRESH_MS - 1;

  await refreshSingleFlight(logto.get, request, { now: true });

  expect(logto.client.refresh).toHaveBeenCalledTimes(1);
});

it('asks Logto again for a refresh asked for now once the remembered one is a few seconds old and handed the same token back', async () => {
  const logto = logtoClient({ rotate: false });
  await refreshSingleFlight(logto.get, request);
  now += FRESH_REFRESH_MS;

  const outcome = await refreshSingleFlight(logto.get, request, { now: true });

  expect(logto.client.refresh).toHaveBeenCalledTimes(2);
  expect(outcome).toMatchObject({
    kind: 'refreshed',
    tokens: { profile: { phoneNumber: '+819087654321', name: '+81 90 8765 4321' } },
  });
});

it('never spends a refresh token again that Logto rotated, however it is asked', async () => {
  const logto = logtoClient({ rotate: true });
  await refreshSingleFlight(logto.get, request);
  now += REMEMBER_REFRESH_MS - 1;

  const outcome = await refreshSingleFlight(logto.get, request, { now: true });

  expect(logto.client.refresh).toHaveBeenCalledTimes(1);
  expect(outcome).toMatchObject({ tokens: { refreshToken: 'refresh-2' } });
});

it('takes a remembered refresh when not asked for now, however old within the memory', async () => {
  const logto = logtoClient({ rotate: false });
  await refreshSingleFlight(logto.get, request);
  now += REMEMBER_REFRESH_MS - 1;

  await refreshSingleFlight(logto.get, request);

  expect(logto.client.refresh).toHaveBeenCalledTimes(1);
});

it('does not ask again after a refused refresh, even when asked for now', async () => {
  const refresh = jest.fn(async () => {
    const { errors } = jest.requireActual('openid-client') as typeof import('openid-client');
    throw new errors.OPError({ error: 'invalid_grant' });
  });
  const get = async () => ({ refresh }) as unknown as BaseClient;
  await refreshSingleFlight(get, request);
  now += FRESH_REFRESH_MS;

  expect(await refreshSingleFlight(get, request, { now: true })).toEqual({ kind: 'rejected' });
  expect(refresh).toHaveBeenCalledTimes(1);
});

it('refreshes a session whose access token is not due when asked for now, asking Logto again past a recent refresh', async () => {
  const logto = logtoClient({ rotate: false });
  await refreshSingleFlight(logto.get, request);
  now += FRESH_REFRESH_MS;
  const token = {
    sub: request.sub,
    phoneNumber: '+819012345678',
    refreshToken: request.refreshToken,
    accessToken: 'access-1',
    accessTokenExpiresAt: Math.floor(now / 1000) + 3000,
    accessTokenRefreshAt: Math.floor(now / 1000) + 2940,
  };

  expect(await refreshTokenIfDue(token, logto.get)).toBe(token);
  const refreshed = await refreshTokenIfDue(token, logto.get, { now: true });

  expect(logto.client.refresh).toHaveBeenCalledTimes(2);
  expect(refreshed).toMatchObject({ phoneNumber: '+819087654321', accessToken: 'access-2' });
});
