/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  LogtoConfigError,
  interpolateEnv,
  loadLogtoConfig,
  toVonageConnectorConfig,
} from '@/logto-config';

const REPO_CONFIG = path.resolve(__dirname, '../../logto.config.json');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'logto-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The config file as plain JSON, loose enough to break on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests write arbitrary wrong shapes
type RawConfig = Record<string, any>;

/** Writes a copy of the repository's config with `edit` applied, and returns its path. */
async function configWith(edit: (config: RawConfig) => void): Promise<string> {
  const config = JSON.parse(await readFile(REPO_CONFIG, 'utf8'));
  edit(config);
  const file = path.join(dir, 'logto.config.json');
  await writeFile(file, JSON.stringify(config));
  return file;
}

function errorOf(run: () => unknown): LogtoConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof LogtoConfigError) return error;
    throw error;
  }
  throw new Error('expected a LogtoConfigError');
}

describe('the repository logto.config.json', () => {
  it('describes the Bookstore app, the Vonage connector and phone-only sign-in with local defaults', () => {
    const config = loadLogtoConfig({ path: REPO_CONFIG, env: {} });
    expect(config.application).toMatchObject({
      name: 'Bookstore',
      type: 'Traditional',
      redirectUris: ['http://localhost:3000/api/auth/callback/logto'],
      postLogoutRedirectUris: ['http://localhost:3000/'],
    });
    expect(config.smsConnector.brandName).toBe('Bookstore');
    expect(config.smsConnector.templates.map((template) => template.usageType)).toEqual(
      expect.arrayContaining(['SignIn', 'Register', 'ForgotPassword', 'Generic']),
    );
    expect(config.signInExperience.signInMode).toBe('SignInAndRegister');
    expect(config.signInExperience.signUp).toEqual({
      identifiers: ['phone'],
      password: false,
      verify: true,
      secondaryIdentifiers: [],
    });
    expect(config.signInExperience.signIn.methods).toEqual([
      { identifier: 'phone', password: false, verificationCode: true, isPasswordPrimary: false },
    ]);
  });

  it('sets no Logto Cloud plan feature: no sentinelPolicy', () => {
    const config = loadLogtoConfig({ path: REPO_CONFIG, env: {} });
    expect(config.signInExperience).not.toHaveProperty('sentinelPolicy');
  });

  it('names the env variables holding the Vonage credentials, with values only when they are set', () => {
    const unset = loadLogtoConfig({ path: REPO_CONFIG, env: {} });
    expect(unset.smsConnector.apiKey).toEqual({ env: 'VONAGE_API_KEY', value: undefined });

    const set = loadLogtoConfig({
      path: REPO_CONFIG,
      env: { VONAGE_API_KEY: 'key1', VONAGE_API_SECRET: 'secret1' },
    });
    expect(set.smsConnector.apiSecret).toEqual({ env: 'VONAGE_API_SECRET', value: 'secret1' });
    expect(toVonageConnectorConfig(set)).toMatchObject({ apiKey: 'key1', apiSecret: 'secret1' });
  });

  it('refuses to build the connector config when a credential variable is unset, naming it', () => {
    const config = loadLogtoConfig({ path: REPO_CONFIG, env: { VONAGE_API_KEY: 'key1' } });
    const error = errorOf(() => toVonageConnectorConfig(config));
    expect(error.pointer).toBe('/smsConnector/apiSecret');
    expect(error.message).toContain('environment variable VONAGE_API_SECRET is not set');
  });

  it('turns the account center on with the phone editable, so people can change their number', () => {
    const config = loadLogtoConfig({ path: REPO_CONFIG, env: {} });
    expect(config.accountCenter).toEqual({ enabled: true, fields: { phone: 'Edit' } });
  });

  it('takes the app URL from APP_URL when it is set', () => {
    const config = loadLogtoConfig({ path: REPO_CONFIG, env: { APP_URL: 'https://shop.example' } });
    expect(config.application.redirectUris).toEqual([
      'https://shop.example/api/auth/callback/logto',
    ]);
  });
});

describe('validation errors', () => {
  it('names the file, the pointer and the missing template usage type', async () => {
    const file = await configWith((config) => {
      config.smsConnector.templates = config.smsConnector.templates.filter(
        (template: { usageType: string }) => template.usageType !== 'Generic',
      );
    });
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.file).toBe(file);
    expect(error.pointer).toBe('/smsConnector/templates');
    expect(error.message).toBe(
      `${file} at /smsConnector/templates: a template with usageType "Generic" is required (Logto needs SignIn, Register, ForgotPassword, Generic)`,
    );
  });

  it('refuses a template without {{code}}', async () => {
    const file = await configWith((config) => {
      config.smsConnector.templates[0].content = 'Your code is ready';
    });
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.pointer).toBe('/smsConnector/templates/0/content');
    expect(error.message).toContain('must contain {{code}}');
  });

  it('refuses a literal secret and never repeats it', async () => {
    const file = await configWith((config) => {
      config.smsConnector.apiSecret = 'AbCdEf123456XyZ';
    });
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.pointer).toBe('/smsConnector/apiSecret');
    expect(error.message).toContain('looks like a literal secret');
    expect(error.message).toContain('{ "env": "VONAGE_API_SECRET" }');
    expect(error.message).not.toContain('AbCdEf123456XyZ');
  });

  it('reports a redirect URI that is not a URL once interpolated, showing the interpolated value', async () => {
    const file = await configWith(() => {});
    const error = errorOf(() => loadLogtoConfig({ path: file, env: { APP_URL: 'shop.example' } }));
    expect(error.pointer).toBe('/application/redirectUris/0');
    expect(error.message).toContain(
      'must be an absolute http(s) URL without a #fragment, like http://localhost:3000/api/auth/callback/logto (got "shop.example/api/auth/callback/logto")',
    );
  });

  it('names the unset variable and where it is used when a reference has no default', async () => {
    const file = await configWith((config) => {
      config.smsConnector.brandName = '${BRAND}';
    });
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.pointer).toBe('/smsConnector/brandName');
    expect(error.message).toContain('environment variable BRAND is not set');
  });

  it('catches a misspelt key instead of ignoring it', async () => {
    const file = await configWith((config) => {
      config.application.redirectUri = config.application.redirectUris;
    });
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.pointer).toBe('/application');
    expect(error.message).toMatch(/redirectUri/);
  });

  it('refuses an account center control Logto does not have, naming the field', async () => {
    const file = await configWith((config) => {
      config.accountCenter.fields.phone = 'Editable';
    });
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.pointer).toBe('/accountCenter/fields/phone');
    expect(error.message).toContain('must be one of Off, ReadOnly, Edit');
  });

  it('refuses an account center field Logto does not have', async () => {
    const file = await configWith((config) => {
      config.accountCenter.fields.phoneNumber = 'Edit';
    });
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.pointer).toBe('/accountCenter/fields');
    expect(error.message).toMatch(/phoneNumber/);
  });

  it('says so when the file does not exist', () => {
    const file = path.join(dir, 'missing.json');
    const error = errorOf(() => loadLogtoConfig({ path: file, env: {} }));
    expect(error.message).toContain(`${file}: file not found`);
  });
});

describe('interpolateEnv', () => {
  it('uses the default when the variable is unset or empty, and the value otherwise', () => {
    expect(interpolateEnv('${URL:-http://localhost:3000}/cb', {})).toBe('http://localhost:3000/cb');
    expect(interpolateEnv('${URL:-http://localhost:3000}/cb', { URL: '' })).toBe(
      'http://localhost:3000/cb',
    );
    expect(interpolateEnv('${URL:-http://localhost:3000}/cb', { URL: 'https://a.example' })).toBe(
      'https://a.example/cb',
    );
  });

  it('keeps $${ as a literal ${ and leaves text without references alone', () => {
    expect(interpolateEnv('cost $${price} and $5', { price: '1' })).toBe('cost ${price} and $5');
  });

  it('refuses a reference that is not a variable name', () => {
    expect(() => interpolateEnv('${1BAD}', {})).toThrow('"${1BAD}" is not a valid reference');
  });
});
