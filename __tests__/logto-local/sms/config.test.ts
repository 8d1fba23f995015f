/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSmsSender,
  createSmsSenderFromConfig,
  Outbox,
  parseVonageConnectorConfig,
  SmsConfigError,
} from '@/logto-local/sms';

const LOGTO_TEMPLATES = [
  { usageType: 'SignIn', content: 'Sign in with {{code}}' },
  { usageType: 'Register', content: 'Register with {{code}}' },
  { usageType: 'ForgotPassword', content: 'Reset with {{code}}' },
  { usageType: 'Generic', content: 'Your code is {{code}}' },
];

const CONNECTOR = {
  apiKey: 'key-abc',
  apiSecret: 'secret-xyz',
  brandName: 'Bookstore',
  templates: LOGTO_TEMPLATES,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sms-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeTemplates(name: string, contents: string): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

function build(env: Record<string, string>) {
  return () => createSmsSender({ env, outbox: new Outbox(), log: () => {} });
}

describe('choosing how to deliver SMS from env', () => {
  it('uses the dev outbox when no VONAGE_* variable is set', () => {
    expect(build({})().via).toBe('outbox');
  });

  it('uses Vonage when VONAGE_API_KEY, VONAGE_API_SECRET and VONAGE_BRAND_NAME are all set', () => {
    const sender = build({
      VONAGE_API_KEY: 'k',
      VONAGE_API_SECRET: 's',
      VONAGE_BRAND_NAME: 'Bookstore',
    })();
    expect(sender.via).toBe('vonage');
  });

  it('refuses to start with only some VONAGE_* variables, naming the missing ones', () => {
    const start = build({ VONAGE_API_KEY: 'k', VONAGE_BRAND_NAME: ' ' });
    expect(start).toThrow(SmsConfigError);
    expect(start).toThrow(
      'Vonage SMS needs VONAGE_API_KEY, VONAGE_API_SECRET, VONAGE_BRAND_NAME all set; missing VONAGE_API_SECRET, VONAGE_BRAND_NAME.',
    );
  });

  it('never puts the api secret in a configuration error', () => {
    const start = build({ VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 'super-secret-value' });
    expect(start).toThrow(SmsConfigError);
    expect(start).not.toThrow(/super-secret-value/);
  });
});

describe('validating a Vonage connector config like Logto', () => {
  it('accepts the JSON Logto Console takes, as a string or an object', () => {
    expect(parseVonageConnectorConfig(JSON.stringify(CONNECTOR))).toEqual(CONNECTOR);
    expect(parseVonageConnectorConfig(CONNECTOR)).toEqual(CONNECTOR);
  });

  it('rejects a config without the Generic template, naming it', () => {
    const config = {
      ...CONNECTOR,
      templates: LOGTO_TEMPLATES.filter((t) => t.usageType !== 'Generic'),
    };
    expect(() => parseVonageConnectorConfig(config)).toThrow(SmsConfigError);
    expect(() => parseVonageConnectorConfig(config)).toThrow(
      /templates: templates must include Generic/,
    );
  });

  it('rejects a missing brandName and a misspelled usage type, pointing at each field', () => {
    const config = {
      ...CONNECTOR,
      brandName: undefined,
      templates: [...LOGTO_TEMPLATES, { usageType: 'Signin', content: '{{code}}' }],
    };
    expect(() => parseVonageConnectorConfig(config)).toThrow(/brandName: /);
    expect(() => parseVonageConnectorConfig(config)).toThrow(
      /templates\.4\.usageType: usageType must be one of SignIn, .* \(got "Signin"\)/,
    );
  });

  it('rejects a template without {{code}}', () => {
    const config = {
      ...CONNECTOR,
      templates: [...LOGTO_TEMPLATES.slice(0, 3), { usageType: 'Generic', content: 'Hello' }],
    };
    expect(() => parseVonageConnectorConfig(config)).toThrow(
      /templates\.3\.content: content must contain \{\{code\}\}/,
    );
  });

  it('rejects text that is not JSON with a clear message', () => {
    expect(() => parseVonageConnectorConfig('{ apiKey: ')).toThrow(
      /The Vonage connector config is not valid JSON/,
    );
  });

  it('builds a Vonage sender from an already-parsed config, and the outbox without one', () => {
    const outbox = new Outbox();
    expect(createSmsSenderFromConfig({ vonage: CONNECTOR, outbox }).via).toBe('vonage');
    expect(createSmsSenderFromConfig({ outbox }).via).toBe('outbox');
    expect(() =>
      createSmsSenderFromConfig({ vonage: { ...CONNECTOR, apiKey: '' }, outbox }),
    ).toThrow(/apiKey: apiKey must not be empty/);
  });
});

describe('overriding templates with LOGTO_LOCAL_SMS_TEMPLATES', () => {
  it('uses a Logto-format list from the file for every locale', async () => {
    const outbox = new Outbox();
    const path = writeTemplates('templates.json', JSON.stringify(LOGTO_TEMPLATES));
    const sender = createSmsSender({
      env: { LOGTO_LOCAL_SMS_TEMPLATES: path },
      outbox,
      log: () => {},
    });

    await sender.send({
      to: '+819012345678',
      code: '111222',
      usageType: 'SignIn',
      locale: 'ja',
    });

    expect(outbox.list()[0]?.text).toBe('Sign in with 111222');
  });

  it('uses per-locale lists from the file, keeping defaults for a locale left out', async () => {
    const outbox = new Outbox();
    const path = writeTemplates('templates.json', JSON.stringify({ ja: LOGTO_TEMPLATES }));
    const sender = createSmsSender({
      env: { LOGTO_LOCAL_SMS_TEMPLATES: path },
      outbox,
      log: () => {},
    });

    await sender.send({
      to: '+819012345678',
      code: '111222',
      usageType: 'Register',
      locale: 'ja',
    });
    await sender.send({
      to: '+819012345678',
      code: '333444',
      usageType: 'Register',
      locale: 'en',
    });

    expect(outbox.list().map((entry) => entry.text)).toEqual([
      'Your Bookstore sign-up code is 333444. It expires in 10 minutes.',
      'Register with 111222',
    ]);
  });

  it('names the file when it is not JSON', () => {
    const path = writeTemplates('broken.json', '[{ "usageType": "SignIn", ');
    const start = build({ LOGTO_LOCAL_SMS_TEMPLATES: path });
    expect(start).toThrow(SmsConfigError);
    expect(start).toThrow(`LOGTO_LOCAL_SMS_TEMPLATES file ${path}: is not valid JSON`);
  });

  it('names the file and the missing template when Generic is left out', () => {
    const path = writeTemplates('no-generic.json', JSON.stringify(LOGTO_TEMPLATES.slice(0, 3)));
    expect(build({ LOGTO_LOCAL_SMS_TEMPLATES: path })).toThrow(
      `LOGTO_LOCAL_SMS_TEMPLATES file ${path}: templates must include Generic`,
    );
  });

  it('names the unknown locale key in a per-locale file', () => {
    const path = writeTemplates('fr.json', JSON.stringify({ fr: LOGTO_TEMPLATES }));
    expect(build({ LOGTO_LOCAL_SMS_TEMPLATES: path })).toThrow(/file .*fr\.json: .*"fr"/);
  });

  it('names the file when it does not exist', () => {
    const path = join(dir, 'missing.json');
    expect(build({ LOGTO_LOCAL_SMS_TEMPLATES: path })).toThrow(
      `LOGTO_LOCAL_SMS_TEMPLATES file ${path}: cannot be read (ENOENT)`,
    );
  });
});
