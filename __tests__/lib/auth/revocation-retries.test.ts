/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import {
  cancelRevocationRetries,
  keepRevoking,
  MAX_PENDING_REVOCATIONS,
  REVOCATION_RETRY_DELAYS_MS,
} from '@/lib/auth/core/revocation-retries';
import type * as RetriesModule from '@/lib/auth/core/revocation-retries';

let warn: jest.SpyInstance;
let info: jest.SpyInstance;
beforeEach(() => {
  jest.useFakeTimers();
  warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  info = jest.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

it('retries about three hours in all, sooner at first', () => {
  // Loaded afresh: the delays are fixed when the module loads (TESTING.md, "Static mutants").
  let loaded: typeof RetriesModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual('@/lib/auth/core/revocation-retries') as typeof RetriesModule;
  });
  expect(loaded!.REVOCATION_RETRY_DELAYS_MS).toEqual([
    10_000, 60_000, 300_000, 1_800_000, 7_200_000,
  ]);
  expect(REVOCATION_RETRY_DELAYS_MS).toHaveLength(5);
});

it('frees the place of a refresh token once Logto took its revocation', async () => {
  const revoke = jest.fn(async () => true);
  for (let round = 0; round < 2; round += 1) {
    for (let index = 0; index < MAX_PENDING_REVOCATIONS; index += 1) keepRevoking(revoke, [100]);
    await jest.advanceTimersByTimeAsync(100);
  }
  expect(revoke).toHaveBeenCalledTimes(2 * MAX_PENDING_REVOCATIONS);
  expect(warn).not.toHaveBeenCalled();
});

it('tries again after each delay until Logto answers, then stops', async () => {
  const answers = [false, true];
  const revoke = jest.fn(async () => answers.shift() ?? false);
  keepRevoking(revoke, [100, 200, 300]);

  await jest.advanceTimersByTimeAsync(99);
  expect(revoke).toHaveBeenCalledTimes(0);
  await jest.advanceTimersByTimeAsync(1);
  expect(revoke).toHaveBeenCalledTimes(1);
  await jest.advanceTimersByTimeAsync(200);
  expect(revoke).toHaveBeenCalledTimes(2);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(revoke).toHaveBeenCalledTimes(2);
  expect(info).toHaveBeenCalledWith(
    "[auth] Revoked a signed-out session's refresh token at Logto, on retry 2.",
  );
  expect(warn).not.toHaveBeenCalled();
});

it('gives up after the last delay with one line, also when a try throws', async () => {
  const revoke = jest.fn(async () => {
    throw new Error('ECONNREFUSED');
  });
  keepRevoking(revoke, [100, 100]);
  await jest.advanceTimersByTimeAsync(1_000);
  expect(revoke).toHaveBeenCalledTimes(2);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]![0]).toBe(
    "[auth] Gave up revoking a signed-out session's refresh token at Logto after 2 retries: Logto keeps its grant until it expires. This app keeps refusing the session's cookie.",
  );
});

it(`lets at most ${MAX_PENDING_REVOCATIONS} wait at once, and frees a place when one ends`, async () => {
  const revoke = jest.fn(async () => false);
  for (let index = 0; index < MAX_PENDING_REVOCATIONS; index += 1) keepRevoking(revoke, [100]);
  keepRevoking(revoke, [100]);
  expect(warn).toHaveBeenCalledWith(
    `[auth] ${MAX_PENDING_REVOCATIONS} refresh tokens already wait to be revoked at Logto; this one will not be retried. Its session stays signed out here.`,
  );
  await jest.advanceTimersByTimeAsync(100);
  expect(revoke).toHaveBeenCalledTimes(MAX_PENDING_REVOCATIONS);

  warn.mockClear();
  keepRevoking(revoke, [100]);
  await jest.advanceTimersByTimeAsync(100);
  expect(revoke).toHaveBeenCalledTimes(MAX_PENDING_REVOCATIONS + 1);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]![0]).toMatch(/^\[auth\] Gave up/);
});

it('drops every pending retry when asked to', async () => {
  const revoke = jest.fn(async () => false);
  keepRevoking(revoke, [100]);
  keepRevoking(revoke, [200]);
  cancelRevocationRetries();
  await jest.advanceTimersByTimeAsync(1_000);
  expect(revoke).not.toHaveBeenCalled();
  expect(warn).not.toHaveBeenCalled();
});

it('tries nothing without delays', async () => {
  const revoke = jest.fn(async () => true);
  keepRevoking(revoke, []);
  await jest.advanceTimersByTimeAsync(1_000);
  expect(revoke).not.toHaveBeenCalled();
});

// Last: its timer never fires, so its place stays taken.
it('does not keep the process alive for a retry', () => {
  const unref = jest.fn();
  jest.spyOn(global, 'setTimeout').mockReturnValue({ unref } as unknown as NodeJS.Timeout);
  keepRevoking(async () => true, [100]);
  expect(unref).toHaveBeenCalled();
});
