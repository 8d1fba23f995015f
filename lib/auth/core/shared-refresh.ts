import { createHash, hkdfSync } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import type { AuthStore } from './auth-store';

/** A finished refresh as ./tokens.ts remembers it: what came of it, and when. */
export interface RememberedRefresh<Outcome> {
  outcome: Outcome;
  /** Milliseconds since the epoch. */
  at: number;
}

const keyOf = (refreshToken: string) =>
  `refresh:${createHash('sha256').update(refreshToken).digest('base64url')}`;

/** A key only a holder of the refresh token can make: the store never sees one it could use. */
const sealingKey = (refreshToken: string) =>
  // Stryker disable next-line StringLiteral: any fixed salt and info derive a key only the token's holder can make; the texts name the use.
  new Uint8Array(hkdfSync('sha256', refreshToken, 'lib.auth.shared-refresh', '', 32));

/**
 * The refreshes just made, shared with the other instances through `store`, so that a request
 * carrying the old cookie to another instance gets the new tokens instead of spending the old
 * refresh token again (which, past Logto's 3-second grace, revokes the grant).
 *
 * Tokens live only in the encrypted cookie: what goes to the store is the result encrypted
 * (JWE, `dir` + `A256GCM`) with a key derived from the refresh token that was spent, under the
 * SHA-256 of that token. Only a request holding that token, that is, a copy of the same cookie,
 * can read it back.
 * @see ../../../README.md#running-several-instances
 */
export function sharedRefreshMemory(store: AuthStore) {
  return {
    async remember<Outcome>(
      refreshToken: string,
      remembered: RememberedRefresh<Outcome>,
      ttlMs: number,
    ): Promise<void> {
      const sealed = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(remembered)))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(sealingKey(refreshToken));
      await store.set(keyOf(refreshToken), sealed, ttlMs);
    },

    // Stryker disable BlockStatement: an empty catch also answers undefined.
    async recall<Outcome>(refreshToken: string): Promise<RememberedRefresh<Outcome> | undefined> {
      const sealed = await store.get(keyOf(refreshToken));
      if (sealed === undefined) return undefined;
      try {
        const { plaintext } = await compactDecrypt(sealed, sealingKey(refreshToken), {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        return JSON.parse(new TextDecoder().decode(plaintext)) as RememberedRefresh<Outcome>;
      } catch {
        // Not sealed with this token (a hash collision, or a value put there by hand): unknown.
        return undefined;
      }
    },
    // Stryker restore BlockStatement
  };
}

export type SharedRefreshMemory = ReturnType<typeof sharedRefreshMemory>;
