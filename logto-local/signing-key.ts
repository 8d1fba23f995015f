import type { DatabaseSync } from 'node:sqlite';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * Returns the ES384 (EC P-384) private JWK that signs ID tokens, generating and persisting it on
 * first start. Its `kid` is the RFC 7638 thumbprint, as Logto does, so a restart keeps the kid and
 * tokens issued before it stay verifiable.
 * @see https://www.rfc-editor.org/rfc/rfc7638
 * @see https://docs.logto.io/developers/signing-keys
 */
export async function loadOrCreateSigningKey(db: DatabaseSync): Promise<JWK> {
  const stored = db
    .prepare('SELECT private_jwk FROM signing_keys ORDER BY created_at LIMIT 1')
    .get() as { private_jwk: string } | undefined;
  if (stored) return JSON.parse(stored.private_jwk) as JWK;

  const { privateKey } = await generateKeyPair('ES384', { crv: 'P-384', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  const signingKey: JWK = { ...jwk, kid, alg: 'ES384', use: 'sig' };
  db.prepare('INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)').run(
    kid,
    JSON.stringify(signingKey),
    Date.now(),
  );
  return signingKey;
}
