/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import type * as IdTokenAlgModule from '@/lib/auth/provider/id-token-alg';

// The curve table is built when the module loads, so each call loads the module afresh: the
// mutation run then sees that these tests rely on it (TESTING.md, "Static mutants"). No type
// argument on requireActual, so that Jest's `findRelatedTests` (which Stryker uses) sees the import.
function idTokenAlgOfKey(jwk: Parameters<typeof IdTokenAlgModule.idTokenAlgOfKey>[0]) {
  let loaded: typeof IdTokenAlgModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual('@/lib/auth/provider/id-token-alg') as typeof IdTokenAlgModule;
  });
  return loaded!.idTokenAlgOfKey(jwk);
}

/** A public JWK as Logto publishes it in its JWKS: no `alg`, the kind of key says it. */
function publicJwk(kind: 'rsa' | 'ec' | 'ed25519', namedCurve?: string) {
  const { publicKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: namedCurve! })
        : generateKeyPairSync('ed25519');
  return publicKey.export({ format: 'jwk' });
}

describe('the algorithm a Logto signing key signs ID tokens with', () => {
  it.each([
    ['P-256', 'prime256v1', 'ES256'],
    ['P-384', 'secp384r1', 'ES384'],
    ['P-521', 'secp521r1', 'ES512'],
  ])('is read from the curve of an EC key on %s', (_curve, namedCurve, alg) => {
    expect(idTokenAlgOfKey(publicJwk('ec', namedCurve))).toBe(alg);
  });

  it('is RS256 for an RSA key that names no algorithm', () => {
    expect(idTokenAlgOfKey(publicJwk('rsa'))).toBe('RS256');
  });

  it('is the one a key names itself, over what its kind would suggest', () => {
    expect(idTokenAlgOfKey({ ...publicJwk('rsa'), alg: 'PS256' })).toBe('PS256');
  });

  it('is unknown for a key that names an algorithm Logto does not sign ID tokens with', () => {
    expect(idTokenAlgOfKey({ ...publicJwk('ec', 'secp384r1'), alg: 'HS256' })).toBeUndefined();
  });

  it('is unknown for an EC key on a curve Logto does not use, or without a curve', () => {
    expect(idTokenAlgOfKey(publicJwk('ec', 'secp256k1'))).toBeUndefined();
    expect(idTokenAlgOfKey({ kty: 'EC' })).toBeUndefined();
  });

  it('is unknown for a kind of key Logto does not sign ID tokens with', () => {
    expect(idTokenAlgOfKey(publicJwk('ed25519'))).toBeUndefined();
    expect(idTokenAlgOfKey({ crv: 'P-384' })).toBeUndefined();
  });
});
