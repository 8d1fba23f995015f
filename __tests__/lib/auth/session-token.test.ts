/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import * as nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { decode as nextAuthDecode, encode as nextAuthEncode } from 'next-auth/jwt';
import { sessionTokenCodec } from '@/lib/auth/speed/session-token';

// The real HKDF, observed: how many times the key is derived is part of the behaviour.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, hkdfSync: jest.fn(actual.hkdfSync) };
});

function nextAuthSupportsSalts(): boolean {
  // next-auth's exports do not include its package.json; read it beside its entry point.
  const manifest = path.join(path.dirname(require.resolve('next-auth')), 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 4 || (major === 4 && minor >= 24);
}

const SECRET = 'session-token-test-secret-session-token-test';
const OLD_SECRET = 'an-earlier-secret-that-cookies-may-still-use';
const token = {
  sub: 'a1b2c3d4e5f6',
  name: '+81 90 1234 5678',
  phoneNumber: '+819012345678',
  accessToken: 'eyJ'.padEnd(850, 'a'),
  idToken: 'eyJ'.padEnd(880, 'b'),
  refreshToken: 'r'.repeat(43),
};

afterEach(() => {
  jest.useRealTimers();
});

/** Moves `Date` (and only `Date`) to `ms`: jose reads the time with `new Date()`. */
function setClock(ms: number) {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  jest.setSystemTime(ms);
}

describe('the session cookie format', () => {
  it('reads a cookie that next-auth’s own encode made, so sessions from before the change survive', async () => {
    const cookie = await nextAuthEncode({ token, secret: SECRET });

    const decoded = await sessionTokenCodec().decode({ token: cookie, secret: SECRET });

    expect(decoded).toMatchObject(token);
  });

  it('makes cookies that next-auth’s own decode reads', async () => {
    const cookie = await sessionTokenCodec().encode({ token, secret: SECRET, maxAge: 3600 });

    const decoded = await nextAuthDecode({ token: cookie, secret: SECRET });

    expect(decoded).toMatchObject(token);
    expect(Number(decoded!.exp) - Number(decoded!.iat)).toBe(3600);
    expect(decoded!.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('encrypts with dir and A256GCM, as next-auth v4 does', async () => {
    const cookie = await sessionTokenCodec().encode({ token, secret: SECRET });

    expect(decodeProtectedHeader(cookie)).toEqual({ alg: 'dir', enc: 'A256GCM' });
  });

  it('round-trips a salted token, and refuses it with the unsalted key', async () => {
    const codec = sessionTokenCodec();
    const salted = await codec.encode({ token, secret: SECRET, salt: 'custom-salt' } as never);

    expect(
      await codec.decode({ token: salted, secret: SECRET, salt: 'custom-salt' } as never),
    ).toMatchObject(token);
    await expect(codec.decode({ token: salted, secret: SECRET })).rejects.toThrow();
  });

  // Salts arrived in next-auth 4.24; the compatibility matrix also runs this file on 4.22 and 4.23.
  const itWithSalts = nextAuthSupportsSalts() ? it : it.skip;
  itWithSalts(
    'uses next-auth’s salted key for a salted token, and refuses it with the unsalted key',
    async () => {
      // A salt no other test uses: the key is derived here, not taken from the cache.
      const salt = 'salt-only-next-auth-encodes-with';
      const salted = await nextAuthEncode({ token, secret: SECRET, salt });
      const codec = sessionTokenCodec();

      expect(await codec.decode({ token: salted, secret: SECRET, salt })).toMatchObject(token);
      await expect(codec.decode({ token: salted, secret: SECRET })).rejects.toThrow();
    },
  );

  it('refuses a cookie with one character changed', async () => {
    const cookie = await sessionTokenCodec().encode({ token, secret: SECRET });
    const at = cookie.length - 30;
    const tampered = `${cookie.slice(0, at)}${cookie[at] === 'A' ? 'B' : 'A'}${cookie.slice(at + 1)}`;

    await expect(sessionTokenCodec().decode({ token: tampered, secret: SECRET })).rejects.toThrow();
  });

  it('refuses a cookie made with another secret', async () => {
    const cookie = await nextAuthEncode({ token, secret: OLD_SECRET });

    await expect(sessionTokenCodec().decode({ token: cookie, secret: SECRET })).rejects.toThrow();
  });

  it('refuses a cookie past its expiry beyond next-auth’s 15 s of clock tolerance', async () => {
    const issued = Date.now();
    const cookie = await sessionTokenCodec().encode({ token, secret: SECRET, maxAge: 60 });

    setClock(issued + 60_000 + 14_000);
    await expect(
      sessionTokenCodec().decode({ token: cookie, secret: SECRET }),
    ).resolves.toMatchObject(token);
    setClock(issued + 60_000 + 17_000);
    await expect(sessionTokenCodec().decode({ token: cookie, secret: SECRET })).rejects.toThrow(
      /"exp" claim timestamp check failed/,
    );
  });

  it('answers null for no cookie at all, as next-auth does', async () => {
    expect(await sessionTokenCodec().decode({ token: undefined, secret: SECRET })).toBeNull();
  });
});

describe('the key', () => {
  const hkdfSync = nodeCrypto.hkdfSync as jest.MockedFunction<typeof nodeCrypto.hkdfSync>;

  it('is derived once per secret, however many cookies are read and made', async () => {
    const secret = 'a-secret-only-this-test-uses-a-secret-only-this';
    const codec = sessionTokenCodec();
    const before = hkdfSync.mock.calls.length;

    const cookie = await codec.encode({ token, secret });
    for (let i = 0; i < 5; i += 1) await codec.decode({ token: cookie, secret });
    await sessionTokenCodec().encode({ token, secret });

    expect(hkdfSync.mock.calls.length - before).toBe(1);
    await codec.encode({ token, secret: `${secret}-another` });
    expect(hkdfSync.mock.calls.length - before).toBe(2);
  });
});

describe('rotating the secret', () => {
  it('still reads a cookie made with a previous secret', async () => {
    const cookie = await nextAuthEncode({ token, secret: OLD_SECRET });
    const codec = sessionTokenCodec({ previousSecrets: [OLD_SECRET] });

    expect(await codec.decode({ token: cookie, secret: SECRET })).toMatchObject(token);
  });

  it('makes new cookies with the current secret only', async () => {
    const codec = sessionTokenCodec({ previousSecrets: [OLD_SECRET] });
    const cookie = await codec.encode({ token, secret: SECRET });

    expect(await nextAuthDecode({ token: cookie, secret: SECRET })).toMatchObject(token);
    await expect(nextAuthDecode({ token: cookie, secret: OLD_SECRET })).rejects.toThrow();
  });

  it('refuses a cookie made with a secret that is neither current nor previous', async () => {
    const cookie = await nextAuthEncode({ token, secret: 'a-third-secret-nobody-configured-here' });
    const codec = sessionTokenCodec({ previousSecrets: [OLD_SECRET] });

    await expect(codec.decode({ token: cookie, secret: SECRET })).rejects.toThrow();
  });
});
