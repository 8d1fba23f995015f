/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { AuthConfigError, readAuthEnv } from '@/lib/auth/core/env';
import { DEV_DEFAULTS as devDefaults } from '../../support/dev-defaults';

const complete = {
  AUTH_LOGTO_ISSUER: 'https://abcd12.logto.app/oidc',
  AUTH_LOGTO_ID: 'app-id',
  AUTH_LOGTO_SECRET: 'app-secret',
  NEXTAUTH_URL: 'https://bookstore.example.com',
  NEXTAUTH_SECRET: 'x'.repeat(44),
};
const VARIABLES = [...Object.keys(complete), 'AUTH_SECRET', 'AUTH_LOGTO_ID_TOKEN_ALG'];
const WARNED = Symbol.for('lib.auth.env.warned');

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    // A module loaded in isolation has its own AuthConfigError class: compare by name.
    expect(error).toHaveProperty('name', AuthConfigError.name);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('which mode the server reads its configuration in', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of [...VARIABLES, 'NEXT_PHASE']) delete process.env[name];
    delete (globalThis as Record<symbol, unknown>)[WARNED];
  });
  afterEach(() => {
    process.env = { ...saved };
    delete (globalThis as Record<symbol, unknown>)[WARNED];
    jest.restoreAllMocks();
  });

  /** process.env is replaced after each test, so it is always written through its current object. */
  function setEnv(name: string, value: string) {
    (process.env as Record<string, string>)[name] = value;
  }

  function freshGetAuthEnv() {
    let loaded: typeof import('@/lib/auth/core/env') | undefined;
    jest.isolateModules(() => {
      loaded = jest.requireActual<typeof import('@/lib/auth/core/env')>('@/lib/auth/core/env');
    });
    return loaded!.getAuthEnv;
  }

  it('refuses to start a production server that has none of its variables, rather than run on the public development secret', () => {
    setEnv('NODE_ENV', 'production');

    expect(errorOf(() => freshGetAuthEnv()(devDefaults))).toBe(
      'AUTH_LOGTO_ISSUER is not set. It is required in production. See .env.local.example.',
    );
  });

  it('lets `next build` compile on the development defaults, without a warning that would mislead', () => {
    setEnv('NODE_ENV', 'production');
    setEnv('NEXT_PHASE', 'phase-production-build');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});

    expect(freshGetAuthEnv()(devDefaults).secret).toBe(devDefaults.secret);
    expect(warn).not.toHaveBeenCalled();
  });

  it('lets `next build` compile with no configuration and no defaults at all', () => {
    setEnv('NODE_ENV', 'production');
    setEnv('NEXT_PHASE', 'phase-production-build');

    expect(freshGetAuthEnv()().issuer).toBe('https://logto.invalid/oidc');
  });

  it('tells a development server which defaults it runs on', () => {
    setEnv('NODE_ENV', 'development');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});

    expect(freshGetAuthEnv()(devDefaults).clientId).toBe(devDefaults.clientId);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('[auth] Using the development defaults for AUTH_LOGTO_ISSUER'),
    );
  });

  it('runs a test process (NODE_ENV=test) as development', () => {
    setEnv('NODE_ENV', 'test');
    jest.spyOn(console, 'warn').mockImplementation(() => {});

    expect(freshGetAuthEnv()(devDefaults).appUrl).toBe(devDefaults.appUrl);
  });
});

describe('values as people paste them', () => {
  it('drops the trailing slash of NEXTAUTH_URL, so redirect URIs match the ones registered at Logto', () => {
    const { env } = readAuthEnv(
      { ...complete, NEXTAUTH_URL: 'https://bookstore.example.com//' },
      'production',
    );
    expect(env.appUrl).toBe('https://bookstore.example.com');
  });

  it('trims spaces around every value', () => {
    const { env } = readAuthEnv(
      {
        AUTH_LOGTO_ISSUER: ' https://abcd12.logto.app/oidc ',
        AUTH_LOGTO_ID: ' app-id ',
        AUTH_LOGTO_SECRET: '\tapp-secret\n',
        NEXTAUTH_URL: ' https://bookstore.example.com ',
        NEXTAUTH_SECRET: 'x'.repeat(44),
      },
      'production',
    );
    expect(env).toMatchObject({
      issuer: 'https://abcd12.logto.app/oidc',
      clientId: 'app-id',
      clientSecret: 'app-secret',
      appUrl: 'https://bookstore.example.com',
    });
  });

  it('accepts a plain-http issuer, as logto-local serves', () => {
    const { env } = readAuthEnv(
      { ...complete, AUTH_LOGTO_ISSUER: 'http://localhost:3001/oidc' },
      'production',
    );
    expect(env.issuer).toBe('http://localhost:3001/oidc');
  });

  it('gives no warning in development when everything is set', () => {
    expect(readAuthEnv(complete, 'development').warnings).toEqual([]);
  });
});

describe('the session secret', () => {
  it('is long enough at 32 characters', () => {
    expect(
      readAuthEnv({ ...complete, NEXTAUTH_SECRET: 'x'.repeat(32) }, 'production').env.secret,
    ).toBe('x'.repeat(32));
  });

  it('is refused at 31 characters, in development too, naming the variable', () => {
    expect(
      errorOf(() => readAuthEnv({ ...complete, NEXTAUTH_SECRET: 'x'.repeat(31) }, 'development')),
    ).toBe(
      'NEXTAUTH_SECRET must be at least 32 characters. Generate one with `openssl rand -base64 32`. See .env.local.example.',
    );
  });

  it('comes from NEXTAUTH_SECRET when both NEXTAUTH_SECRET and AUTH_SECRET are set', () => {
    const { env } = readAuthEnv({ ...complete, AUTH_SECRET: 'y'.repeat(40) }, 'production');
    expect(env.secret).toBe(complete.NEXTAUTH_SECRET);
  });

  it('is reported as NEXTAUTH_SECRET when that is the short one, even with AUTH_SECRET set', () => {
    expect(
      errorOf(() =>
        readAuthEnv(
          { ...complete, NEXTAUTH_SECRET: 'short', AUTH_SECRET: 'y'.repeat(40) },
          'production',
        ),
      ),
    ).toMatch(/^NEXTAUTH_SECRET must be at least 32 characters/);
  });
});
