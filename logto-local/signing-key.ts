import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SigningAlg } from './config';

/**
 * How many signing keys the JWKS publishes: the one that signs, and the one before it, so tokens
 * signed just before a rotation or a switch of algorithm stay verifiable. Logto keeps the same two.
 */
export const PUBLISHED_SIGNING_KEYS = 2;

/** A stored private JWK: always with its `kid` and the algorithm it signs with. */
export type SigningKey = JWK & { kid: string; alg: SigningAlg };

/**
 * The private JWKs for the JWKS, the one that signs first: the newest key of `alg`, generated and
 * persisted on first use, then the newest other key, as Logto keeps the previous key published
 * after a rotation or a switch. Each `kid` is the RFC 7638 thumbprint, as Logto does, so a restart
 * keeps the kids and tokens issued before it stay verifiable.
 * @see https://www.rfc-editor.org/rfc/rfc7638
 */
export async function loadOrCreateSigningKeys(
  db: DatabaseSync,
  alg: SigningAlg,
): Promise<SigningKey[]> {
  const stored = storedKeys(db);
  const current = stored.find((key) => key.alg === alg) ?? (await createSigningKey(db, alg));
  return [current, ...stored.filter((key) => key.kid !== current.kid)].slice(
    0,
    PUBLISHED_SIGNING_KEYS,
  );
}

/**
 * Logto Console's "Rotate private keys": a new key of `alg` goes first and signs from now on; the
 * previous one stays published for verification; older ones leave the JWKS.
 */
export async function rotateSigningKeys(db: DatabaseSync, alg: SigningAlg): Promise<SigningKey[]> {
  await createSigningKey(db, alg);
  return loadOrCreateSigningKeys(db, alg);
}

/**
 * The secret logto-local's cookie keys derive from: the first key it ever made, which rotation
 * never changes, so sign-ins in progress and provider sessions survive rotations and restarts.
 */
export function cookieSecret(db: DatabaseSync): string {
  const first = db
    .prepare('SELECT private_jwk FROM signing_keys ORDER BY created_at, rowid LIMIT 1')
    .get() as { private_jwk: string } | undefined;
  if (!first) throw new Error('logto-local has no signing key yet.');
  const { d } = JSON.parse(first.private_jwk) as JWK;
  return createHash('sha256').update(`logto-local cookies:${d}`).digest('base64url');
}

function storedKeys(db: DatabaseSync): SigningKey[] {
  const rows = db
    .prepare('SELECT private_jwk FROM signing_keys ORDER BY created_at DESC, rowid DESC')
    .all() as Array<{ private_jwk: string }>;
  return rows.map((row) => JSON.parse(row.private_jwk) as SigningKey);
}

async function createSigningKey(db: DatabaseSync, alg: SigningAlg): Promise<SigningKey> {
  const { privateKey } =
    alg === 'ES384'
      ? await generateKeyPair('ES384', { crv: 'P-384', extractable: true })
      : await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  const signingKey = { ...jwk, kid, alg, use: 'sig' } satisfies JWK;
  db.prepare('INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)').run(
    kid,
    JSON.stringify(signingKey),
    Date.now(),
  );
  return signingKey;
}
