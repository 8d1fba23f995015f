import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * How many signing keys the JWKS publishes: the newest, which signs, and the one before it, so
 * tokens signed just before a rotation stay verifiable. Logto keeps the same two.
 * @see https://docs.logto.io/developers/signing-keys
 */
export const PUBLISHED_SIGNING_KEYS = 2;

/**
 * The ES384 (EC P-384) private JWKs that sign ID tokens, newest first, generating and persisting
 * the first on first start. Each `kid` is the RFC 7638 thumbprint, as Logto does, so a restart
 * keeps the kids and tokens issued before it stay verifiable.
 * @see https://www.rfc-editor.org/rfc/rfc7638
 */
export async function loadOrCreateSigningKeys(db: DatabaseSync): Promise<JWK[]> {
  const stored = publishedKeys(db);
  if (stored.length > 0) return stored;
  await addSigningKey(db);
  return publishedKeys(db);
}

/**
 * Logto Console's "Rotate private keys": a new key goes first and signs from now on; the previous
 * one stays published for verification; older ones leave the JWKS. Returns the published keys.
 */
export async function rotateSigningKeys(db: DatabaseSync): Promise<JWK[]> {
  await addSigningKey(db);
  return publishedKeys(db);
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

function publishedKeys(db: DatabaseSync): JWK[] {
  const rows = db
    .prepare('SELECT private_jwk FROM signing_keys ORDER BY created_at DESC, rowid DESC LIMIT ?')
    .all(PUBLISHED_SIGNING_KEYS) as Array<{ private_jwk: string }>;
  return rows.map((row) => JSON.parse(row.private_jwk) as JWK);
}

async function addSigningKey(db: DatabaseSync): Promise<void> {
  const { privateKey } = await generateKeyPair('ES384', { crv: 'P-384', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  const signingKey: JWK = { ...jwk, kid, alg: 'ES384', use: 'sig' };
  db.prepare('INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)').run(
    kid,
    JSON.stringify(signingKey),
    Date.now(),
  );
}
