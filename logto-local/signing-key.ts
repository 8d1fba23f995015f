import { createHash, randomBytes } from 'node:crypto';
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
 * after a rotation or a switch. Older keys are deleted: like Logto, logto-local keeps only these
 * two, so rotating again and again keeps two rows. Each `kid` is the RFC 7638 thumbprint, as Logto
 * does, so a restart keeps the kids and tokens issued before it stay verifiable.
 * @see https://www.rfc-editor.org/rfc/rfc7638
 * @see https://docs.logto.io/developers/signing-keys
 */
export async function loadOrCreateSigningKeys(
  db: DatabaseSync,
  alg: SigningAlg,
): Promise<SigningKey[]> {
  const stored = storedKeys(db);
  const current = stored.find((key) => key.alg === alg) ?? (await createSigningKey(db, alg));
  const published = [current, ...stored.filter((key) => key.kid !== current.kid)].slice(
    0,
    PUBLISHED_SIGNING_KEYS,
  );
  const kids = published.map((key) => key.kid);
  db.prepare(`DELETE FROM signing_keys WHERE kid NOT IN (${kids.map(() => '?').join(', ')})`).run(
    ...kids,
  );
  return published;
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
 * The secret logto-local's cookie keys derive from, made once and kept in its own row, which
 * rotation never touches, so sign-ins in progress and provider sessions survive rotations and
 * restarts. A data dir from before that row existed keeps the secret it had: the one derived from
 * the first signing key it made. Read it before the keys, which drop all but the newest two.
 */
export function cookieSecret(db: DatabaseSync): string {
  const kept = db.prepare("SELECT value FROM secrets WHERE name = 'cookies'").get() as
    { value: string } | undefined;
  if (kept) return kept.value;
  const first = db
    .prepare('SELECT private_jwk FROM signing_keys ORDER BY created_at, rowid LIMIT 1')
    .get() as { private_jwk: string } | undefined;
  const seed = first ? (JSON.parse(first.private_jwk) as JWK).d : randomBytes(32).toString('hex');
  const secret = createHash('sha256').update(`logto-local cookies:${seed}`).digest('base64url');
  db.prepare("INSERT INTO secrets (name, value) VALUES ('cookies', ?)").run(secret);
  return secret;
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
