import { hkdfSync, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { JWTDecodeParams, JWTEncodeParams, JWTOptions } from 'next-auth/jwt';

/** next-auth v4's default session lifetime, used when a caller passes no `maxAge`. */
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Seconds of clock skew next-auth v4's own `decode` tolerates on `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 15;

type Secret = string | Buffer;

/**
 * AES-GCM keys derived so far, one per secret and salt. HKDF costs about as much as the
 * decryption itself, and next-auth's own `encode`/`decode` pay it on every call. The secrets
 * come from configuration, so the map stays as small as the list of secrets. Next bundles each
 * route separately, so each bundle derives once: still once per process and route.
 */
const derivedKeys = new Map<string, Promise<CryptoKey>>();

/** The secret's bytes, as HKDF reads them: a string and the Buffer of its UTF-8 are one key. */
function cacheKey(secret: Secret, salt: string): string {
  return `${Buffer.from(secret).toString('base64')}\u0000${salt}`;
}

/**
 * next-auth v4's key: HKDF-SHA256 of the secret, with the salt (empty for the session cookie)
 * and the info string next-auth uses, 32 bytes for A256GCM.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/jwt/index.ts
 */
function derivedKey(secret: Secret, salt: string): Promise<CryptoKey> {
  const key = cacheKey(secret, salt);
  let derived = derivedKeys.get(key);
  if (!derived) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`;
    const bytes = new Uint8Array(hkdfSync('sha256', secret, salt, info, 32));
    // Stryker disable next-line BooleanLiteral: the key never leaves this module, so nothing can try to export it
    derived = crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
    derivedKeys.set(key, derived);
  }
  return derived;
}

export interface SessionTokenOptions {
  /**
   * Secrets that cookies may still be encrypted with, after the current one (`NEXTAUTH_SECRET`,
   * which next-auth passes in). New cookies are always encrypted with the current secret.
   */
  previousSecrets?: Secret[];
}

/**
 * next-auth's `jwt.encode`/`jwt.decode`, in next-auth v4's own format (JWE, `dir` + `A256GCM`,
 * the same HKDF derivation), so cookies made before and after this change read the same. The
 * difference is that the key is derived once per secret instead of on every call.
 *
 * A copy of next-auth's own codec, checked against next-auth 4.22–4.24.15:
 * `__tests__/lib/auth/session-token.test.ts` reads cookies next-auth's `encode` made and has
 * next-auth's `decode` read ours, and fails if the format changes. A later move to Auth.js v5
 * can keep reading v4 cookies with this `decode`.
 * @see https://next-auth.js.org/configuration/options#jwt
 */
export function sessionTokenCodec({ previousSecrets }: SessionTokenOptions = {}): Pick<
  JWTOptions,
  'encode' | 'decode'
> {
  return {
    // `salt` arrived in next-auth 4.24; on 4.22 and 4.23 it is absent and the key is unsalted,
    // exactly as those versions derive it.
    async encode({
      token = {},
      secret,
      maxAge = DEFAULT_MAX_AGE_SECONDS,
      salt = '',
    }: JWTEncodeParams & { salt?: string }) {
      const now = Math.floor(Date.now() / 1000);
      return new EncryptJWT(token)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(now)
        .setExpirationTime(now + maxAge)
        .setJti(randomUUID())
        .encrypt(await derivedKey(secret, salt));
    },

    async decode({ token, secret, salt = '' }: JWTDecodeParams & { salt?: string }) {
      if (!token) return null;
      const candidates = [secret].concat(previousSecrets ?? []);
      let failure: unknown;
      for (let index = 0; index < candidates.length; index += 1) {
        try {
          const { payload } = await jwtDecrypt(token, await derivedKey(candidates[index]!, salt), {
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            // Pinned: a cookie can only be what encode above makes.
            keyManagementAlgorithms: ['dir'],
            contentEncryptionAlgorithms: ['A256GCM'],
          });
          return payload;
        } catch (error) {
          // Only a cookie that does not decrypt may be from an earlier secret; an expired or
          // malformed one is refused at once.
          if ((error as { code?: string }).code !== 'ERR_JWE_DECRYPTION_FAILED') throw error;
          failure = error;
        }
      }
      // next-auth's own decode throws too; its session route then clears the cookie.
      throw failure;
    },
  };
}
