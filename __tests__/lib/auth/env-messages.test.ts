/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type * as EnvModule from '@/lib/auth/core/env';

// The rules live in a schema built when the module loads, so each test loads the module afresh:
// the mutation run then sees which test relies on which rule (TESTING.md, "Static mutants"). The
// call has no type argument so that Jest's `findRelatedTests` (which Stryker uses) sees the import.
function freshReadAuthEnv(): typeof EnvModule.readAuthEnv {
  let loaded: typeof EnvModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual('@/lib/auth/core/env') as typeof EnvModule;
  });
  return loaded!.readAuthEnv;
}

const complete = {
  AUTH_LOGTO_ISSUER: 'https://abcd12.logto.app/oidc',
  AUTH_LOGTO_ID: 'app-id',
  AUTH_LOGTO_SECRET: 'app-secret',
  NEXTAUTH_URL: 'https://bookstore.example.com',
  NEXTAUTH_SECRET: 'x'.repeat(44),
};

function refusal(source: Record<string, string | undefined>): string {
  try {
    freshReadAuthEnv()(source, 'production');
  } catch (error) {
    // A module loaded in isolation has its own AuthConfigError class: compare by name.
    expect(error).toHaveProperty('name', 'AuthConfigError');
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('what a misconfigured server is told', () => {
  it('shows the form of a Logto Cloud issuer to someone who pasted the bare tenant host', () => {
    expect(refusal({ ...complete, AUTH_LOGTO_ISSUER: 'abcd12.logto.app' })).toBe(
      'AUTH_LOGTO_ISSUER must be a URL like https://your-tenant.logto.app/oidc (got "abcd12.logto.app"). See .env.local.example.',
    );
  });

  it('shows the form of the app’s own origin for a NEXTAUTH_URL that is not http(s)', () => {
    expect(refusal({ ...complete, NEXTAUTH_URL: 'ftp://bookstore.example.com' })).toBe(
      'NEXTAUTH_URL must be a URL like https://bookstore.example.com (got "ftp://bookstore.example.com"). See .env.local.example.',
    );
  });

  it('says how to generate a session secret long enough', () => {
    expect(refusal({ ...complete, NEXTAUTH_SECRET: 'x'.repeat(31) })).toBe(
      'NEXTAUTH_SECRET must be at least 32 characters. Generate one with `openssl rand -base64 32`. See .env.local.example.',
    );
  });

  it('names AUTH_SECRET when the short secret came from there', () => {
    expect(
      refusal({ ...complete, NEXTAUTH_SECRET: undefined, AUTH_SECRET: 'y'.repeat(31) }),
    ).toMatch(/^AUTH_SECRET must be at least 32 characters/);
  });

  it('quotes a wrongly pasted value as it was pasted, even when it mentions NEXTAUTH_SECRET', () => {
    expect(
      refusal({
        ...complete,
        AUTH_LOGTO_ISSUER: 'NEXTAUTH_SECRET=abc',
        NEXTAUTH_SECRET: undefined,
        AUTH_SECRET: 'y'.repeat(40),
      }),
    ).toBe(
      'AUTH_LOGTO_ISSUER must be a URL like https://your-tenant.logto.app/oidc (got "NEXTAUTH_SECRET=abc"). See .env.local.example.',
    );
  });

  it('lists the algorithms Logto signs ID tokens with when AUTH_LOGTO_ID_TOKEN_ALG is another', () => {
    expect(refusal({ ...complete, AUTH_LOGTO_ID_TOKEN_ALG: 'HS256' })).toBe(
      'AUTH_LOGTO_ID_TOKEN_ALG must be one of the algorithms Logto signs ID tokens with: ES384, ES256, ES512, RS256, PS256 (got "HS256"). ES384 is Logto\'s default; RS256 after switching the tenant\'s signing keys to RSA. See .env.local.example.',
    );
  });
});

describe('values as people paste them', () => {
  it('accepts http and https URLs, trimming the spaces around every value', () => {
    const { env, warnings } = freshReadAuthEnv()(
      {
        AUTH_LOGTO_ISSUER: ' http://localhost:3001/oidc ',
        AUTH_LOGTO_ID: ' app-id ',
        AUTH_LOGTO_SECRET: '\tapp-secret\n',
        NEXTAUTH_URL: ' https://bookstore.example.com ',
        NEXTAUTH_SECRET: 'x'.repeat(44),
      },
      'production',
    );
    expect(env).toEqual({
      issuer: 'http://localhost:3001/oidc',
      clientId: 'app-id',
      clientSecret: 'app-secret',
      appUrl: 'https://bookstore.example.com',
      secret: 'x'.repeat(44),
      idTokenAlg: 'ES384',
    });
    expect(warnings).toEqual([]);
  });

  it.each([
    'https://abcd12.logto.app/oidc//',
    'https://abcd12.logto.app/oidc/.well-known/openid-configuration',
    'https://abcd12.logto.app/oidc/.well-known/openid-configuration/',
  ])('cuts the issuer pasted as %s down to the issuer itself', (pasted) => {
    const { env } = freshReadAuthEnv()({ ...complete, AUTH_LOGTO_ISSUER: pasted }, 'production');
    expect(env.issuer).toBe('https://abcd12.logto.app/oidc');
  });
});
