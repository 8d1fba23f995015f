/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { encode as nextAuthEncode } from 'next-auth/jwt';
import { sessionTokenCodec } from '@/lib/auth/speed/session-token';

/** Which secrets open a cookie: each secret's own key, however the secret is given. */

const token = { sub: 'user-1', name: 'Hanako' };

describe('secrets given as bytes', () => {
  it('do not open each other’s cookies when they differ only in bytes that are not text', async () => {
    // Both read as the same replacement characters if taken for UTF-8 text.
    const first = Buffer.from([0xff, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]);
    const second = Buffer.from([0xfe, 0xff, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]);
    const codec = sessionTokenCodec();
    const cookie = await codec.encode({ token, secret: first });

    expect(await codec.decode({ token: cookie, secret: first })).toMatchObject(token);
    await expect(codec.decode({ token: cookie, secret: second })).rejects.toThrow(
      'decryption operation failed',
    );
  });

  it('open the cookies of the same secret given as text, as next-auth’s own key does', async () => {
    const secret = 'the-same-secret-as-text-and-as-bytes-the-same';
    const cookie = await nextAuthEncode({ token, secret });

    expect(
      await sessionTokenCodec().decode({ token: cookie, secret: Buffer.from(secret) }),
    ).toMatchObject(token);
  });
});

describe('an expired cookie while the secret is being rotated', () => {
  it('is refused as expired, not as made with an unknown secret', async () => {
    const codec = sessionTokenCodec({ previousSecrets: ['the-previous-secret-of-this-test-0000'] });
    const cookie = await codec.encode({ token, secret: 'the-current-secret', maxAge: -60 });

    await expect(codec.decode({ token: cookie, secret: 'the-current-secret' })).rejects.toThrow(
      /"exp" claim timestamp check failed/,
    );
  });
});
