/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { hkdfSync } from 'node:crypto';
import { EncryptJWT } from 'jose';
import { encode as v4Encode } from 'next-auth/jwt';
import { decode as v5Decode, encode as v5Encode } from 'next-auth-v5/jwt';
import {
  bridgeV4Cookies,
  clearV4Cookies,
  sessionCookieNames,
  withV4Sessions,
  wroteV5Session,
} from '@/templates/authjs-v5/lib/auth/v5/v4-session-bridge';

// Real cookies of both versions: v4's from next-auth 4's own `encode`, v5's from @auth/core's.
const SECRET = 'bridge-test-secret-bridge-test-secret-bridge';
const OLD_SECRET = 'an-earlier-secret-a-v4-cookie-may-still-use';
const V5_SALT = 'authjs.session-token';
const token = {
  sub: 'a1b2c3d4e5f6',
  phoneNumber: '+819012345678',
  accessToken: 'eyJ'.padEnd(850, 'a'),
  refreshToken: 'r'.repeat(43),
  idToken: 'eyJ'.padEnd(880, 'b'),
};

const decode = withV4Sessions(v5Decode);

/** What v5's own decode says about `params`: the error the bridge must give for a v4 token too. */
async function v5Refusal(params: Parameters<typeof decode>[0]): Promise<unknown> {
  return v5Decode(params).then(
    () => new Error('v5 read it'),
    (error: unknown) => error,
  );
}

describe('the session decode of the v5 app', () => {
  it('reads a cookie next-auth v4 made with the same secret', async () => {
    const v4Cookie = await v4Encode({ token, secret: SECRET, maxAge: 60 });
    await expect(decode({ token: v4Cookie, secret: SECRET, salt: V5_SALT })).resolves.toEqual(
      expect.objectContaining(token),
    );
  });

  it('reads a v5 cookie as v5 does', async () => {
    const v5Cookie = await v5Encode({ token, secret: SECRET, salt: V5_SALT, maxAge: 60 });
    await expect(decode({ token: v5Cookie, secret: SECRET, salt: V5_SALT })).resolves.toEqual(
      expect.objectContaining(token),
    );
  });

  it('reads a v4 cookie made with a secret later in the rotation list', async () => {
    const v4Cookie = await v4Encode({ token, secret: OLD_SECRET, maxAge: 60 });
    const params = { token: v4Cookie, secret: [SECRET, OLD_SECRET], salt: V5_SALT };
    await expect(decode(params)).resolves.toEqual(expect.objectContaining(token));
  });

  it('refuses a v4 cookie made with another secret with the error v5 gives its own', async () => {
    const v4Cookie = await v4Encode({ token, secret: OLD_SECRET, maxAge: 60 });
    const params = { token: v4Cookie, secret: SECRET, salt: V5_SALT };
    const refusal = (await v5Refusal(params)) as Error;
    const bridged = await decode(params).then(
      () => new Error('read'),
      (error: Error) => error,
    );
    expect([bridged.name, bridged.message]).toEqual([refusal.name, refusal.message]);
    expect(refusal.name).toBe('JWEDecryptionFailed');
  });

  it('refuses a tampered v4 cookie', async () => {
    const v4Cookie = await v4Encode({ token, secret: SECRET, maxAge: 60 });
    const parts = v4Cookie.split('.');
    const ciphertext = parts[3]!;
    parts[3] = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    await expect(
      decode({ token: parts.join('.'), secret: SECRET, salt: V5_SALT }),
    ).rejects.toThrow();
  });

  it('refuses an expired v4 cookie', async () => {
    const v4Cookie = await v4Encode({ token, secret: SECRET, maxAge: -60 });
    await expect(decode({ token: v4Cookie, secret: SECRET, salt: V5_SALT })).rejects.toThrow();
  });

  it('refuses a v4-format cookie encrypted with A256CBC-HS512 under v4 key derivation', async () => {
    // Only what v4 wrote (dir + A256GCM) is read with v4's key; v5's algorithm stays v5's own.
    const v5Cookie = await v5Encode({ token, secret: SECRET, salt: '', maxAge: 60 });
    await expect(decode({ token: v5Cookie, secret: SECRET, salt: V5_SALT })).rejects.toThrow();
  });

  it('reads a v4 cookie that expired within the 15 seconds of clock skew both versions allow', async () => {
    const v4Cookie = await v4Encode({ token, secret: SECRET, maxAge: -5 });
    await expect(decode({ token: v4Cookie, secret: SECRET, salt: V5_SALT })).resolves.toEqual(
      expect.objectContaining(token),
    );
  });

  it('refuses a token under the v4 key that v4 could not have written (a wrapped key)', async () => {
    const v4Key = new Uint8Array(
      hkdfSync('sha256', SECRET, '', 'NextAuth.js Generated Encryption Key', 32),
    );
    const wrapped = await new EncryptJWT(token)
      .setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM' })
      .setExpirationTime('1 minute')
      .encrypt(v4Key);
    await expect(decode({ token: wrapped, secret: SECRET, salt: V5_SALT })).rejects.toThrow();
  });

  it('reads no session from an empty token, as v5 does', async () => {
    await expect(decode({ token: '', secret: SECRET, salt: V5_SALT })).resolves.toBeNull();
  });
});

describe('a request that still carries a v4 session cookie', () => {
  it('hands v5 the v4 token under v5 name and keeps the other cookies', () => {
    const bridged = bridgeV4Cookies('theme=dark; next-auth.session-token=abc; lang=ja', false);
    expect(bridged).toEqual({
      cookie: 'theme=dark; lang=ja; authjs.session-token=abc',
      v4CookieNames: ['next-auth.session-token'],
    });
  });

  it('joins chunked v4 cookies in chunk order, whatever their order in the header', () => {
    const header =
      'next-auth.session-token.10=k; next-auth.session-token.1=b; next-auth.session-token.0=a; next-auth.session-token.2=c';
    expect(bridgeV4Cookies(header, false)).toEqual({
      cookie: 'authjs.session-token=abck',
      v4CookieNames: [
        'next-auth.session-token.0',
        'next-auth.session-token.1',
        'next-auth.session-token.2',
        'next-auth.session-token.10',
      ],
    });
  });

  it('uses the __Secure- names on https', () => {
    const header = '__Secure-next-auth.session-token=abc; next-auth.session-token=plain';
    expect(bridgeV4Cookies(header, true)).toEqual({
      cookie: 'next-auth.session-token=plain; __Secure-authjs.session-token=abc',
      v4CookieNames: ['__Secure-next-auth.session-token'],
    });
  });

  it('keeps the v5 cookie when both are there, and still clears the v4 one', () => {
    const header = 'authjs.session-token.0=new; next-auth.session-token=old';
    expect(bridgeV4Cookies(header, false)).toEqual({
      cookie: 'authjs.session-token.0=new',
      v4CookieNames: ['next-auth.session-token'],
    });
  });

  it('leaves a request without a v4 session cookie alone', () => {
    expect(
      bridgeV4Cookies('authjs.session-token=x; next-auth.csrf-token=y', false),
    ).toBeUndefined();
    expect(bridgeV4Cookies(undefined, false)).toBeUndefined();
    // Only `.` and digits make a chunk: not `.1a`, `.a1`, or a name of the same length.
    const lookalikes =
      'next-auth.session-token.1a=1; next-auth.session-token.a1=2; next-auth.session-tokenx1=3; abcdefghijklmnopqrstuvwx1=4';
    expect(bridgeV4Cookies(lookalikes, false)).toBeUndefined();
    expect(bridgeV4Cookies('next-auth.session-token.x=1; next-auth.session-tokens=2', false)).toBe(
      undefined,
    );
  });

  it('drops a bare word or an empty pair from the header', () => {
    expect(bridgeV4Cookies('next-auth.session-token=abc; ; flag', false)?.cookie).toBe(
      'authjs.session-token=abc',
    );
  });

  it('keeps an equals sign inside a cookie value', () => {
    expect(bridgeV4Cookies('next-auth.session-token=a=b', false)?.cookie).toBe(
      'authjs.session-token=a=b',
    );
  });
});

describe('the answer that moves the session to v5', () => {
  it('is one that wrote or cleared the v5 session cookie or one of its chunks', () => {
    expect(wroteV5Session(['authjs.session-token=eyJ; Path=/'], false)).toBe(true);
    expect(wroteV5Session(['authjs.session-token.1=eyJ; Path=/'], false)).toBe(true);
    expect(wroteV5Session(['__Secure-authjs.session-token=; Max-Age=0'], true)).toBe(true);
  });

  it('is not one that only set the CSRF or callback cookies', () => {
    expect(wroteV5Session(['authjs.csrf-token=a%7Cb; Path=/'], false)).toBe(false);
    expect(wroteV5Session(['authjs.session-tokenx=1'], false)).toBe(false);
    expect(wroteV5Session(['authjs.session-token=x'], true)).toBe(false);
    expect(wroteV5Session([], false)).toBe(false);
  });

  it('clears every v4 cookie at the root path, HttpOnly and Lax, Secure on https', () => {
    expect(
      clearV4Cookies(['next-auth.session-token.0', 'next-auth.session-token.1'], false),
    ).toEqual([
      'next-auth.session-token.0=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax',
      'next-auth.session-token.1=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax',
    ]);
    expect(clearV4Cookies(['__Secure-next-auth.session-token'], true)[0]).toMatch(/; Secure$/);
  });

  it('names the cookies of both versions', () => {
    expect(sessionCookieNames(false)).toEqual({
      v4: 'next-auth.session-token',
      v5: 'authjs.session-token',
    });
    expect(sessionCookieNames(true)).toEqual({
      v4: '__Secure-next-auth.session-token',
      v5: '__Secure-authjs.session-token',
    });
  });
});
