/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { decode, encode } from 'next-auth/jwt';
import { AuthConfigError, readAuthEnv } from '@/lib/auth/core/env';
import { createLogtoAuth } from '@/lib/auth/core/logto-auth';
import { withPreviousSecrets } from '@/lib/auth/core/previous-secrets';
import { sessionTokenCodec } from '@/lib/auth/speed/session-token';

const CURRENT = 'the-current-secret-of-this-test-000000';
const PREVIOUS = 'the-previous-secret-of-this-test-00000';
const OLDER = 'an-even-older-secret-of-this-test-0000';

const complete = {
  AUTH_LOGTO_ISSUER: 'https://abcd12.logto.app/oidc',
  AUTH_LOGTO_ID: 'app-id',
  AUTH_LOGTO_SECRET: 'app-secret',
  NEXTAUTH_URL: 'https://bookstore.example.com',
  NEXTAUTH_SECRET: CURRENT,
};

describe('NEXTAUTH_PREVIOUS_SECRETS', () => {
  it('lists the secrets used before, comma-separated, spaces trimmed', () => {
    const { env } = readAuthEnv(
      { ...complete, NEXTAUTH_PREVIOUS_SECRETS: ` ${PREVIOUS} , ${OLDER},` },
      'production',
    );
    expect(env.previousSecrets).toEqual([PREVIOUS, OLDER]);
  });

  it('is left out when unset or blank', () => {
    expect(readAuthEnv(complete, 'production').env).not.toHaveProperty('previousSecrets');
    expect(
      readAuthEnv({ ...complete, NEXTAUTH_PREVIOUS_SECRETS: ' , ' }, 'production').env,
    ).not.toHaveProperty('previousSecrets');
  });

  it('refuses a secret too short to be one, saying which', () => {
    const read = () =>
      readAuthEnv(
        { ...complete, NEXTAUTH_PREVIOUS_SECRETS: `${PREVIOUS},${'y'.repeat(31)}` },
        'production',
      );
    expect(read).toThrow(AuthConfigError);
    expect(read).toThrow(
      'NEXTAUTH_PREVIOUS_SECRETS must list secrets of at least 32 characters, comma-separated (secret 2 is shorter). See .env.local.example.',
    );
    expect(
      readAuthEnv({ ...complete, NEXTAUTH_PREVIOUS_SECRETS: 'z'.repeat(32) }, 'production').env
        .previousSecrets,
    ).toEqual(['z'.repeat(32)]);
  });
});

describe.each([
  ["next-auth's own format", undefined],
  ["the speed layer's format", sessionTokenCodec()],
])('reading cookies after a rotation, in %s', (_, codec) => {
  const rotated = withPreviousSecrets(codec, [PREVIOUS, OLDER])!;

  it('reads a cookie made with any previous secret, and one made with the current', async () => {
    for (const secret of [CURRENT, PREVIOUS, OLDER]) {
      const token = await encode({ token: { sub: secret.slice(0, 8) }, secret });
      expect(await rotated.decode!({ token, secret: CURRENT })).toMatchObject({
        sub: secret.slice(0, 8),
      });
    }
  });

  it('still refuses a cookie no listed secret made, with the error for the current one', async () => {
    const token = await encode({
      token: { sub: 'x' },
      secret: 'some-other-secret-nobody-listed-00000',
    });
    await expect(rotated.decode!({ token, secret: CURRENT })).rejects.toThrow(
      /decryption operation failed/,
    );
  });

  it('encrypts new cookies as before: with the current secret only', () => {
    expect(rotated.encode).toBe(codec?.encode);
  });
});

it('leaves the format as it is when there is no previous secret', () => {
  const codec = sessionTokenCodec();
  expect(withPreviousSecrets(codec, undefined)).toBe(codec);
  expect(withPreviousSecrets(undefined, [])).toBeUndefined();
});

it("is what the app's decode does, wherever it reads the cookie", async () => {
  const { env } = readAuthEnv({ ...complete, NEXTAUTH_PREVIOUS_SECRETS: PREVIOUS }, 'production');
  const { authOptions } = createLogtoAuth({ env });
  const token = await encode({ token: { sub: 'rotated' }, secret: PREVIOUS });
  expect(await authOptions.jwt!.decode!({ token, secret: CURRENT })).toMatchObject({
    sub: 'rotated',
  });
  await expect(decode({ token, secret: CURRENT })).rejects.toThrow();
});
