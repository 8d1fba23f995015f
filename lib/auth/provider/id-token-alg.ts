/**
 * The algorithms a Logto tenant may sign ID tokens with: ES384 with the P-384 keys new tenants
 * get, RS256 once the tenant's signing keys are switched to RSA, and the rest Logto enables.
 * @see https://docs.logto.io/developers/signing-keys
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/oidc/init.ts
 */
export const ID_TOKEN_ALGS = ['ES384', 'ES256', 'ES512', 'RS256', 'PS256'] as const;

export type IdTokenAlg = (typeof ID_TOKEN_ALGS)[number];

export const DEFAULT_ID_TOKEN_ALG: IdTokenAlg = 'ES384';

/** The variable that selects the algorithm, named in every message about it. */
export const ID_TOKEN_ALG_VARIABLE = 'AUTH_LOGTO_ID_TOKEN_ALG';

const EC_CURVE_ALGS: Record<string, IdTokenAlg> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
};

/**
 * The algorithm a public JWK signs with: its `alg` when it names one, else what Logto derives from
 * the key (the EC curve, or RS256 for RSA).
 */
export function idTokenAlgOfKey(jwk: {
  alg?: unknown;
  kty?: unknown;
  crv?: unknown;
}): IdTokenAlg | undefined {
  if (typeof jwk.alg === 'string') {
    return (ID_TOKEN_ALGS as readonly string[]).includes(jwk.alg)
      ? (jwk.alg as IdTokenAlg)
      : undefined;
  }
  if (jwk.kty === 'EC' && typeof jwk.crv === 'string') return EC_CURVE_ALGS[jwk.crv];
  if (jwk.kty === 'RSA') return 'RS256';
  return undefined;
}
