import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * Logto's own Argon2i parameters (8 iterations, 8 MiB, one lane, 32-byte hash), so a hash made
 * here has the shape Logto stores (`$argon2i$v=19$m=8192,t=8,p=1$…`) and could be imported into a
 * real tenant as it is. `@node-rs/argon2` runs it off the event loop, in libuv's thread pool.
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/workers/tasks/argon2i.ts
 * @see https://docs.logto.io/user-management/import-users (passwordAlgorithm Argon2i)
 */
export const ARGON2_OPTIONS = {
  // `Algorithm.Argon2i` is an ambient const enum, which isolatedModules cannot read.
  algorithm: 1 satisfies Algorithm.Argon2i,
  timeCost: 8,
  memoryCost: 8 * 1024,
  parallelism: 1,
  outputLen: 32,
} as const;

/** Hashes a password with a fresh 16-byte salt; the result carries its salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { ...ARGON2_OPTIONS, salt: randomBytes(16) });
}

/**
 * A hash of a password nobody has, checked when there is no account or no password, so that an
 * unknown identifier costs the same time as a wrong password and cannot be told apart by it (as
 * Logto's decoy verification does).
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/libraries/user-password-verification.ts
 */
const DECOY_HASH = hashPassword(randomBytes(32).toString('base64url'));

/**
 * Whether `password` matches `passwordHash`; with no hash (no account, or an account without a
 * password) it spends the same work on a decoy and answers false.
 */
export async function passwordMatches(
  password: string,
  passwordHash: string | null | undefined,
): Promise<boolean> {
  if (!passwordHash) {
    await verify(await DECOY_HASH, password);
    return false;
  }
  return verify(passwordHash, password);
}
