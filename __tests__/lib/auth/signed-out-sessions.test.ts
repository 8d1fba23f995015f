/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { hkdfSync } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import {
  forgetInProcessAuthStore,
  IN_PROCESS_STORE_MAX_KEYS,
  inProcessAuthStore,
  type AuthStore,
} from '@/lib/auth/core/auth-store';
import { sharedRefreshMemory } from '@/lib/auth/core/shared-refresh';
import {
  SignedOutSessionError,
  signedOutSessions,
  withSessionId,
} from '@/lib/auth/core/signed-out';

afterEach(() => {
  forgetInProcessAuthStore();
  jest.restoreAllMocks();
});

/** A store that keeps what it was given in a map the test can read. */
function recordingStore(): AuthStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    set: async (key, value) => void values.set(key, value),
    get: async (key) => values.get(key),
  };
}

describe('the in-process store', () => {
  it('gives back a value until its lifetime ends, then forgets it', async () => {
    let now = 1_000;
    const store = inProcessAuthStore(() => now);
    await store.set('k', 'v', 500);
    now += 499;
    expect(await store.get('k')).toBe('v');
    now += 1;
    expect(await store.get('k')).toBeUndefined();
    expect(await store.get('never-set')).toBeUndefined();
  });

  it('is one store for every copy of the module in the process (every route bundle)', async () => {
    await inProcessAuthStore().set('shared', 'yes', 60_000);
    let other: typeof import('@/lib/auth/core/auth-store') | undefined;
    jest.isolateModules(() => {
      other = jest.requireActual('@/lib/auth/core/auth-store') as typeof other;
    });
    expect(await other!.inProcessAuthStore().get('shared')).toBe('yes');
  });

  it('keeps at most its limit of keys, dropping expired ones first, then the oldest, with one line a minute', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    let now = 0;
    const store = inProcessAuthStore(() => now);
    await store.set('short-lived', 'x', 10);
    for (let index = 1; index < IN_PROCESS_STORE_MAX_KEYS; index += 1) {
      await store.set(`k${index}`, 'x', 600_000);
    }
    now = 20;
    await store.set('one-more', 'x', 600_000);
    expect(await store.get('k1')).toBe('x');
    expect(warn).not.toHaveBeenCalled();

    await store.set('past-the-limit', 'x', 600_000);
    expect(await store.get('k1')).toBeUndefined();
    expect(await store.get('k2')).toBe('x');
    await store.set('and-another', 'x', 600_000);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(
      `This process holds ${IN_PROCESS_STORE_MAX_KEYS} signed-out sessions`,
    );
    now += 60_000;
    await store.set('a-minute-later', 'x', 600_000);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('the signed-out sessions', () => {
  it('refuses a session once it signed out, and only that one', async () => {
    const signedOut = signedOutSessions(inProcessAuthStore(), 60);
    await signedOut.record({ sessionId: 'a' });
    await expect(signedOut.refuse({ sessionId: 'a' })).rejects.toThrow(SignedOutSessionError);
    await expect(signedOut.refuse({ sessionId: 'b' })).resolves.toBeUndefined();
    await expect(signedOut.refuse({})).resolves.toBeUndefined();
  });

  it("remembers a sign-out for the cookie's whole lifetime, under a key of its own", async () => {
    const store = recordingStore();
    const set = jest.spyOn(store, 'set');
    await signedOutSessions(store, 1_209_600).record({ sessionId: 'a' });
    expect(set).toHaveBeenCalledWith('signed-out:a', '1', 1_209_600_000);
  });

  it('records nothing for a visitor without a session, or a cookie from before session ids', async () => {
    const store = recordingStore();
    await signedOutSessions(store, 60).record(null);
    await signedOutSessions(store, 60).record({ sub: 'x' });
    expect(store.values.size).toBe(0);
  });

  it('says in the log line what happened, without anything from the cookie', () => {
    const error = new SignedOutSessionError();
    expect(error.name).toBe('SignedOutSession');
    expect(error.message).toBe('this session signed out; a copy of its cookie was sent again');
  });

  it('gives a session id to a token without one, and keeps the one a token has', () => {
    const token = { sessionId: 'kept' };
    expect(withSessionId(token)).toBe(token);
    expect(withSessionId({ sub: 'x' })).toEqual({
      sub: 'x',
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

describe('the shared refresh memory', () => {
  const outcome = { kind: 'refreshed', tokens: { refreshToken: 'new-refresh-token' } };

  it('gives a refresh back to whoever holds the refresh token it spent', async () => {
    const store = recordingStore();
    const set = jest.spyOn(store, 'set');
    await sharedRefreshMemory(store).remember('old-refresh-token', { outcome, at: 5 }, 30_000);
    expect(set).toHaveBeenCalledWith(
      expect.stringMatching(/^refresh:/),
      expect.any(String),
      30_000,
    );
    expect(await sharedRefreshMemory(store).recall('old-refresh-token')).toEqual({
      outcome,
      at: 5,
    });
    expect(await sharedRefreshMemory(store).recall('another-token')).toBeUndefined();
  });

  it('keeps no token the store could read: the key is a hash, the value sealed with the spent token', async () => {
    const store = recordingStore();
    await sharedRefreshMemory(store).remember('old-refresh-token', { outcome, at: 5 }, 30_000);
    const [key, value] = [...store.values][0]!;
    expect(key).not.toContain('old-refresh-token');
    expect(value).not.toContain('new-refresh-token');
    expect(value!.split('.')).toHaveLength(5);
  });

  it('opens only what it sealed itself: dir and A256GCM, no other algorithm', async () => {
    const store = recordingStore();
    await sharedRefreshMemory(store).remember('token-a', { outcome, at: 5 }, 30_000);
    const key = [...store.values.keys()][0]!;
    const sameKey = new Uint8Array(
      hkdfSync('sha256', 'token-a', 'lib.auth.shared-refresh', '', 32),
    );
    const wrapped = await new CompactEncrypt(
      new TextEncoder().encode(JSON.stringify({ outcome, at: 6 })),
    )
      .setProtectedHeader({ alg: 'A256GCMKW', enc: 'A256GCM' })
      .encrypt(sameKey);
    store.values.set(key, wrapped);
    expect(await sharedRefreshMemory(store).recall('token-a')).toBeUndefined();
  });

  it('knows nothing of a value it cannot open with the token', async () => {
    const store = recordingStore();
    await sharedRefreshMemory(store).remember('token-a', { outcome, at: 5 }, 30_000);
    const [, sealed] = [...store.values][0]!;
    await sharedRefreshMemory(store).remember('token-b', { outcome, at: 5 }, 30_000);
    const keyOfB = [...store.values.keys()][1]!;
    store.values.set(keyOfB, sealed!);
    expect(await sharedRefreshMemory(store).recall('token-b')).toBeUndefined();
  });
});
