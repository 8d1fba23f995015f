/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalConfigError, readSigningAlg } from '@/logto-local/config';
import {
  cookieSecret,
  loadOrCreateSigningKeys,
  rotateSigningKeys,
} from '@/logto-local/signing-key';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '@/logto-local/store/database';

let dir: string;
let db: DatabaseSync;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'signing-key-'));
  db = openDatabase(dir);
});
afterEach(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('LOGTO_LOCAL_SIGNING_ALG', () => {
  it('is ES384 unless set, as new Logto tenants sign', () => {
    expect(readSigningAlg({})).toBe('ES384');
    expect(readSigningAlg({ LOGTO_LOCAL_SIGNING_ALG: 'RS256' })).toBe('RS256');
  });

  it('refuses an algorithm logto-local cannot sign with, naming the variable', () => {
    expect(() => readSigningAlg({ LOGTO_LOCAL_SIGNING_ALG: 'HS256' })).toThrow(LocalConfigError);
    expect(() => readSigningAlg({ LOGTO_LOCAL_SIGNING_ALG: 'HS256' })).toThrow(
      'LOGTO_LOCAL_SIGNING_ALG must be ES384 or RS256 (got "HS256")',
    );
  });
});

describe('switching the signing algorithm, as a Logto tenant switches its keys', () => {
  it('signs with a new key of the chosen kind first and keeps the previous key in the JWKS', async () => {
    const [ec] = await loadOrCreateSigningKeys(db, 'ES384');
    const [rsa, previous] = await loadOrCreateSigningKeys(db, 'RS256');

    expect(ec).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384' });
    expect(rsa).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(previous?.kid).toBe(ec?.kid);
  });

  it('signs with the same key again after a restart with the same algorithm', async () => {
    const [first] = await loadOrCreateSigningKeys(db, 'RS256');
    const keys = await loadOrCreateSigningKeys(db, 'RS256');
    expect(keys.map((key) => key.kid)).toEqual([first?.kid]);
  });
});

describe("the secret behind logto-local's cookies", () => {
  it('stays the same when rotations have deleted every key it started with', async () => {
    const secret = cookieSecret(db);
    const [first] = await loadOrCreateSigningKeys(db, 'ES384');
    for (let rotation = 1; rotation <= 3; rotation += 1) await rotateSigningKeys(db, 'ES384');

    const kids = db
      .prepare('SELECT kid FROM signing_keys')
      .all()
      .map((row) => row.kid);
    expect(kids).not.toContain(first?.kid);
    expect(cookieSecret(db)).toBe(secret);
  });

  it('keeps the secret a data dir had before it was stored: the one its first key gave', async () => {
    const [first] = await loadOrCreateSigningKeys(db, 'ES384');
    const fromFirstKey = cookieSecret(db);
    db.prepare('DELETE FROM secrets').run();
    db.prepare(
      'INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (\'newer\', \'{"d":"x"}\', ?)',
    ).run(Date.now() + 1000);

    expect(first).toBeDefined();
    expect(cookieSecret(db)).toBe(fromFirstKey);
  });

  it('differs between two data dirs that had no key yet', () => {
    const otherDir = mkdtempSync(path.join(tmpdir(), 'signing-key-'));
    const other = openDatabase(otherDir);
    try {
      expect(cookieSecret(other)).not.toBe(cookieSecret(db));
    } finally {
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
