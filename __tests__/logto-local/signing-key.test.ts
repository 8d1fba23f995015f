/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalConfigError, readSigningAlg } from '@/logto-local/config';
import { loadOrCreateSigningKeys } from '@/logto-local/signing-key';
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
