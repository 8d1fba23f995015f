import { AuthConfigError, readAuthEnv } from '@/lib/auth/core/env';
import { DEV_DEFAULTS as devDefaults } from '../../support/dev-defaults';

const complete = {
  AUTH_LOGTO_ISSUER: 'https://abcd12.logto.app/oidc',
  AUTH_LOGTO_ID: 'app-id',
  AUTH_LOGTO_SECRET: 'app-secret',
  NEXTAUTH_URL: 'https://bookstore.example.com',
  NEXTAUTH_SECRET: 'x'.repeat(44),
};

function productionError(source: Record<string, string | undefined>): string {
  try {
    readAuthEnv(source, 'production');
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigError);
    return (error as Error).message;
  }
  throw new Error('expected readAuthEnv to throw');
}

describe('in production', () => {
  it('accepts a complete Logto Cloud configuration without warnings', () => {
    expect(readAuthEnv(complete, 'production')).toEqual({
      env: {
        issuer: 'https://abcd12.logto.app/oidc',
        clientId: 'app-id',
        clientSecret: 'app-secret',
        appUrl: 'https://bookstore.example.com',
        secret: 'x'.repeat(44),
        idTokenAlg: 'ES384',
      },
      warnings: [],
    });
  });

  it.each(['AUTH_LOGTO_ISSUER', 'AUTH_LOGTO_ID', 'AUTH_LOGTO_SECRET', 'NEXTAUTH_URL'])(
    'names %s when it is missing and points at .env.local.example',
    (variable) => {
      const message = productionError({ ...complete, [variable]: undefined });
      expect(message).toBe(
        `${variable} is not set. It is required in production. See .env.local.example.`,
      );
    },
  );

  it('names both secret variables when neither is set', () => {
    expect(productionError({ ...complete, NEXTAUTH_SECRET: '  ' })).toBe(
      'NEXTAUTH_SECRET (or AUTH_SECRET) is not set. It is required in production. See .env.local.example.',
    );
  });

  it('accepts AUTH_SECRET in place of NEXTAUTH_SECRET', () => {
    const { env } = readAuthEnv(
      { ...complete, NEXTAUTH_SECRET: undefined, AUTH_SECRET: 'y'.repeat(40) },
      'production',
    );
    expect(env.secret).toBe('y'.repeat(40));
  });

  it('names AUTH_SECRET when that is the secret that is too short', () => {
    expect(
      productionError({ ...complete, NEXTAUTH_SECRET: undefined, AUTH_SECRET: 'short' }),
    ).toMatch(/^AUTH_SECRET must be at least 32 characters/);
  });

  it('shows the Logto Cloud form when the issuer is not a URL', () => {
    expect(productionError({ ...complete, AUTH_LOGTO_ISSUER: 'abcd12.logto.app' })).toBe(
      'AUTH_LOGTO_ISSUER must be a URL like https://your-tenant.logto.app/oidc (got "abcd12.logto.app"). See .env.local.example.',
    );
  });

  it('refuses a NEXTAUTH_URL that is not http(s)', () => {
    expect(productionError({ ...complete, NEXTAUTH_URL: 'ftp://bookstore.example.com' })).toMatch(
      /^NEXTAUTH_URL must be a URL/,
    );
  });
});

describe('issuer clean-up', () => {
  it.each([
    'https://abcd12.logto.app/oidc/',
    'https://abcd12.logto.app/oidc/.well-known/openid-configuration',
  ])('trims %s to the issuer with one warning', (issuer) => {
    const { env, warnings } = readAuthEnv({ ...complete, AUTH_LOGTO_ISSUER: issuer }, 'production');
    expect(env.issuer).toBe('https://abcd12.logto.app/oidc');
    expect(warnings).toEqual([
      `[auth] AUTH_LOGTO_ISSUER should be the issuer itself; using https://abcd12.logto.app/oidc instead of ${issuer}.`,
    ]);
  });
});

describe('in development', () => {
  it("falls back to the app's defaults with one warning line naming what was defaulted", () => {
    const { env, warnings } = readAuthEnv({}, 'development', devDefaults);
    expect(env).toEqual({
      issuer: 'http://localhost:3001/oidc',
      clientId: 'local-client',
      clientSecret: 'local-client-secret',
      idTokenAlg: 'ES384',
      appUrl: 'http://localhost:3000',
      secret: 'd'.repeat(40),
    });
    expect(warnings).toEqual([
      '[auth] Using the development defaults for AUTH_LOGTO_ISSUER, AUTH_LOGTO_ID, AUTH_LOGTO_SECRET, NEXTAUTH_URL, NEXTAUTH_SECRET. Set them in .env.local to use your Logto.',
    ]);
  });

  it('keeps what is set and defaults only the rest', () => {
    const { env, warnings } = readAuthEnv(
      { AUTH_LOGTO_ISSUER: complete.AUTH_LOGTO_ISSUER },
      'development',
      devDefaults,
    );
    expect(env.issuer).toBe(complete.AUTH_LOGTO_ISSUER);
    expect(env.clientId).toBe('local-client');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('AUTH_LOGTO_ISSUER');
  });

  it('without defaults from the app, names the first variable that is missing', () => {
    expect(() => readAuthEnv({ ...complete, AUTH_LOGTO_ID: undefined }, 'development')).toThrow(
      new AuthConfigError('AUTH_LOGTO_ID is not set. It is required. See .env.local.example.'),
    );
  });

  it('names both secret variables when the app has no default secret either', () => {
    const { secret, ...withoutSecret } = devDefaults;
    expect(secret).toBeDefined();
    expect(() => readAuthEnv({}, 'development', withoutSecret)).toThrow(
      'NEXTAUTH_SECRET (or AUTH_SECRET) is not set. It is required. See .env.local.example.',
    );
  });
});

describe('in the build phase', () => {
  it('fills what is not set with inert placeholders, without a warning, when the app has no defaults', () => {
    const { env, warnings } = readAuthEnv({ AUTH_LOGTO_ID: 'real-id' }, 'build');
    expect(env).toEqual({
      issuer: 'https://logto.invalid/oidc',
      clientId: 'real-id',
      clientSecret: 'build',
      appUrl: 'http://localhost:3000',
      secret: 'build-time-placeholder-never-used-to-encrypt-anything',
      idTokenAlg: 'ES384',
    });
    expect(warnings).toEqual([]);
  });

  it("prefers the app's development defaults to the placeholders", () => {
    expect(readAuthEnv({}, 'build', devDefaults).env.issuer).toBe('http://localhost:3001/oidc');
  });

  it('still refuses a value that is set but malformed', () => {
    expect(() => readAuthEnv({ NEXTAUTH_URL: 'not a url' }, 'build')).toThrow(
      /^NEXTAUTH_URL must be a URL/,
    );
  });
});

it('ignores development defaults in production', () => {
  expect(() => readAuthEnv({}, 'production', devDefaults)).toThrow(
    'AUTH_LOGTO_ISSUER is not set. It is required in production. See .env.local.example.',
  );
});

describe('getAuthEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('lib.auth.env.warned')];
  });

  function loadFreshEnvModule(): typeof import('@/lib/auth/core/env') {
    let loaded: typeof import('@/lib/auth/core/env') | undefined;
    jest.isolateModules(() => {
      loaded = jest.requireActual<typeof import('@/lib/auth/core/env')>('@/lib/auth/core/env');
    });
    return loaded!;
  }

  it('prints the development-defaults warning once per process, even when Next loads the module twice', () => {
    delete process.env.AUTH_LOGTO_ISSUER;
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('lib.auth.env.warned')];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    loadFreshEnvModule().getAuthEnv(devDefaults);
    loadFreshEnvModule().getAuthEnv(devDefaults);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

describe('AUTH_LOGTO_ID_TOKEN_ALG', () => {
  it('is ES384, what new Logto tenants sign with, when it is not set', () => {
    expect(readAuthEnv(complete, 'production').env.idTokenAlg).toBe('ES384');
  });

  it('selects RS256 for a tenant whose signing keys were switched to RSA', () => {
    const { env } = readAuthEnv({ ...complete, AUTH_LOGTO_ID_TOKEN_ALG: ' RS256 ' }, 'production');
    expect(env.idTokenAlg).toBe('RS256');
  });

  it('refuses an algorithm Logto does not sign with, listing the ones it does', () => {
    const message = productionError({ ...complete, AUTH_LOGTO_ID_TOKEN_ALG: 'HS256' });
    expect(message).toBe(
      'AUTH_LOGTO_ID_TOKEN_ALG must be one of the algorithms Logto signs ID tokens with: ES384, ES256, ES512, RS256, PS256 (got "HS256"). ES384 is Logto\'s default; RS256 after switching the tenant\'s signing keys to RSA. See .env.local.example.',
    );
  });
});
