/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The options of Logto's "Sign-up and sign-in" page beyond phone + code, as logto.config.json
// describes them, and the checks across fields that Logto's PATCH /api/sign-in-exp makes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crossFieldIssues, loadLogtoConfig, LogtoConfigError } from '@/logto-config';

const EXAMPLE = path.resolve(__dirname, '../../logto-config/examples/phone-password-email.json');
const SHIPPED = path.resolve(__dirname, '../../logto.config.json');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tenant-schema-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests write arbitrary shapes
async function fileWith(base: string, edit: (config: Record<string, any>) => void) {
  const config = JSON.parse(await readFile(base, 'utf8'));
  edit(config);
  const file = path.join(dir, 'logto.config.json');
  await writeFile(file, JSON.stringify(config));
  return file;
}

/**
 * The loader, loaded afresh: the schemas are built when their modules load, and a fresh load
 * inside the test lets a mutation run see their rules (TESTING.md, "Rules built when a module
 * loads").
 */
function freshLoader() {
  let loader: unknown;
  jest.isolateModules(() => {
    loader = (jest.requireActual('@/logto-config/load') as typeof import('@/logto-config/load'))
      .loadLogtoConfig;
  });
  return loader as typeof loadLogtoConfig;
}

function refusal(file: string, env: Record<string, string> = {}): LogtoConfigError {
  try {
    freshLoader()({ path: file, env });
  } catch (error) {
    if ((error as Error).name === 'LogtoConfigError') return error as LogtoConfigError;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the example tenant file', () => {
  it('loads with a policy of four character types and a word of its own', async () => {
    const file = await fileWith(EXAMPLE, (config) => {
      config.signInExperience.passwordPolicy = {
        characterTypes: { min: 4 },
        rejects: { words: ['bookstore'] },
      };
    });
    expect(freshLoader()({ path: file, env: {} }).signInExperience.passwordPolicy).toEqual({
      characterTypes: { min: 4 },
      rejects: { words: ['bookstore'] },
    });
  });

  it('loads with the SMTP password as a reference, the port as a number', () => {
    const config = loadLogtoConfig({ path: EXAMPLE, env: { SMTP_PASSWORD: 'secret-value' } });
    expect(config.emailConnector).toMatchObject({
      connectorId: 'simple-mail-transfer-protocol',
      host: 'smtp.example.com',
      port: 587,
      auth: { user: 'bookstore', pass: { env: 'SMTP_PASSWORD', value: 'secret-value' } },
    });
    expect(config.signInExperience.forgotPasswordMethods).toEqual([
      'PhoneVerificationCode',
      'EmailVerificationCode',
    ]);
  });

  it('takes the SMTP settings from the environment', () => {
    const config = loadLogtoConfig({
      path: EXAMPLE,
      env: { SMTP_HOST: 'smtp.mail.test', SMTP_PORT: '465', SMTP_USER: 'mailer' },
    });
    expect(config.emailConnector).toMatchObject({
      host: 'smtp.mail.test',
      port: 465,
      auth: { user: 'mailer', pass: { env: 'SMTP_PASSWORD', value: undefined } },
    });
  });
});

describe('what the file refuses, naming the field', () => {
  it('a literal SMTP password', async () => {
    const file = await fileWith(EXAMPLE, (config) => {
      config.emailConnector.auth.pass = 'hunter2hunter2';
    });
    const error = refusal(file);
    expect(error.pointer).toBe('/emailConnector/auth/pass');
    expect(error.message).toContain('looks like a literal secret');
    expect(error.message).not.toContain('hunter2');
  });

  it('a port that is not a number', async () => {
    const file = await fileWith(EXAMPLE, (config) => {
      config.emailConnector.port = 'smtp';
    });
    expect(refusal(file).pointer).toBe('/emailConnector/port');
  });

  it('an email template without {{code}}', async () => {
    const file = await fileWith(EXAMPLE, (config) => {
      config.emailConnector.templates[0].content = 'Hello';
    });
    expect(refusal(file).message).toContain('must contain {{code}}');
  });

  it('email codes without an email connector', async () => {
    const file = await fileWith(EXAMPLE, (config) => {
      delete config.emailConnector;
    });
    const error = refusal(file);
    expect(error.pointer).toBe('/emailConnector');
    expect(error.message).toContain(
      'is required: signUp.identifiers has "email", an email sign-in method sends codes, forgotPasswordMethods has EmailVerificationCode',
    );
  });

  it('email at sign-up without verification', async () => {
    const file = await fileWith(EXAMPLE, (config) => {
      config.signInExperience.signUp.verify = false;
      config.signInExperience.signUp.identifiers = ['email'];
    });
    const error = refusal(file);
    expect(error.pointer).toBe('/signInExperience/signUp/verify');
    expect(error.message).toContain('passwordless_requires_verify');
  });

  it('a method without a code when sign-up verifies without a password', async () => {
    const file = await fileWith(SHIPPED, (config) => {
      config.signInExperience.signIn.methods[0] = {
        identifier: 'phone',
        password: true,
        verificationCode: false,
        isPasswordPrimary: true,
      };
    });
    const error = refusal(file);
    expect(error.pointer).toBe('/signInExperience/signIn/methods/0/verificationCode');
    expect(error.message).toContain('code_sign_in_must_be_enabled');
  });

  it('CAPTCHA without a provider', async () => {
    const file = await fileWith(SHIPPED, (config) => {
      config.signInExperience.captchaPolicy = { enabled: true };
    });
    const error = refusal(file);
    expect(error.pointer).toBe('/captchaProvider');
    expect(error.message).toContain(
      'is required when signInExperience.captchaPolicy.enabled is true',
    );
  });

  it('a CAPTCHA secret written in the file', async () => {
    const file = await fileWith(SHIPPED, (config) => {
      config.captchaProvider = { type: 'Turnstile', siteKey: 'site', secretKey: '0x4AAAsecret' };
    });
    expect(refusal(file).pointer).toBe('/captchaProvider/secretKey');
  });

  it('the phone code as both a sign-in method and an MFA factor', async () => {
    const file = await fileWith(SHIPPED, (config) => {
      config.signInExperience.mfa = { factors: ['PhoneVerificationCode'], policy: 'Mandatory' };
    });
    const error = refusal(file);
    expect(error.pointer).toBe('/signInExperience/mfa/factors');
    expect(error.message).toContain('phone_verification_code_cannot_be_used_for_sign_in');
  });

  it('a reset method listed twice, and an unknown one', async () => {
    const twice = await fileWith(EXAMPLE, (config) => {
      config.signInExperience.forgotPasswordMethods = [
        'PhoneVerificationCode',
        'PhoneVerificationCode',
      ];
    });
    expect(refusal(twice).message).toContain('lists a method twice');
    const unknown = await fileWith(EXAMPLE, (config) => {
      config.signInExperience.forgotPasswordMethods = ['Sms'];
    });
    expect(refusal(unknown).pointer).toBe('/signInExperience/forgotPasswordMethods/0');
  });

  it('a password policy whose minimum is over its maximum', async () => {
    const file = await fileWith(EXAMPLE, (config) => {
      config.signInExperience.passwordPolicy = { length: { min: 20, max: 12 } };
    });
    expect(refusal(file).message).toContain('min must not be greater than max');
  });
});

describe('the checks across fields on their own', () => {
  const base = loadLogtoConfig({ path: SHIPPED, env: {} });
  const experience = base.signInExperience;

  it('finds nothing in the shipped file', () => {
    expect(crossFieldIssues(base)).toEqual([]);
  });

  it('lets an email method with a password only go without an email connector, as Logto does', () => {
    expect(
      crossFieldIssues({
        ...base,
        signInExperience: {
          ...experience,
          signUp: { ...experience.signUp, password: true },
          signIn: {
            methods: [
              ...experience.signIn.methods,
              {
                identifier: 'email',
                password: true,
                verificationCode: false,
                isPasswordPrimary: true,
              },
            ],
          },
        },
      }),
    ).toEqual([]);
  });

  it('lets a username method go without a code when sign-up verifies without a password', () => {
    expect(
      crossFieldIssues({
        ...base,
        signInExperience: {
          ...experience,
          signIn: {
            methods: [
              ...experience.signIn.methods,
              {
                identifier: 'username',
                password: true,
                verificationCode: false,
                isPasswordPrimary: true,
              },
            ],
          },
        },
      }),
    ).toEqual([]);
  });

  it('refuses the email code as an MFA factor when email signs people in by code', () => {
    const issues = crossFieldIssues({
      ...base,
      emailConnector: {},
      signInExperience: {
        ...experience,
        signIn: {
          methods: [
            {
              identifier: 'phone',
              password: false,
              verificationCode: false,
              isPasswordPrimary: false,
            },
            {
              identifier: 'email',
              password: false,
              verificationCode: true,
              isPasswordPrimary: false,
            },
          ],
        },
        signUp: { ...experience.signUp, password: true },
        mfa: { factors: ['EmailVerificationCode', 'PhoneVerificationCode'] },
      },
    });
    expect(issues).toEqual([
      {
        path: ['signInExperience', 'mfa', 'factors'],
        message: expect.stringContaining(
          'has EmailVerificationCode, but email codes already sign people in',
        ),
      },
    ]);
  });

  it('lets the email code be an MFA factor when email does not sign people in by code', () => {
    expect(
      crossFieldIssues({
        ...base,
        signInExperience: { ...experience, mfa: { factors: ['EmailVerificationCode'] } },
      }),
    ).toEqual([]);
  });

  it('accepts CAPTCHA with a provider, and a disabled CAPTCHA without one', () => {
    expect(
      crossFieldIssues({
        ...base,
        captchaProvider: { type: 'Turnstile' },
        signInExperience: { ...experience, captchaPolicy: { enabled: true } },
      }),
    ).toEqual([]);
    expect(
      crossFieldIssues({
        ...base,
        signInExperience: { ...experience, captchaPolicy: { enabled: false } },
      }),
    ).toEqual([]);
  });

  it('allows a code-less method when sign-up sets a password', () => {
    expect(
      crossFieldIssues({
        ...base,
        signInExperience: {
          ...experience,
          signUp: { ...experience.signUp, password: true },
          signIn: {
            methods: [
              {
                identifier: 'phone',
                password: true,
                verificationCode: false,
                isPasswordPrimary: true,
              },
            ],
          },
        },
      }),
    ).toEqual([]);
  });
});

describe('the password policy block, loaded afresh', () => {
  // The schema is built when the module loads; loading it again inside the test lets a mutation
  // run see the rule (TESTING.md, "Rules built when a module loads").
  const policySchema = () => {
    let schema: unknown;
    jest.isolateModules(() => {
      schema = (
        jest.requireActual(
          '@/logto-config/tenant-schema',
        ) as typeof import('@/logto-config/tenant-schema')
      ).passwordPolicySchema;
    });
    return schema as typeof import('@/logto-config/tenant-schema').passwordPolicySchema;
  };

  it('takes a minimum equal to the maximum, or either alone', () => {
    const schema = policySchema();
    expect(schema.safeParse({ length: { min: 12, max: 12 } }).success).toBe(true);
    expect(schema.safeParse({ length: { min: 12 } }).success).toBe(true);
    expect(schema.safeParse({ length: { max: 64 } }).success).toBe(true);
  });

  it('refuses a minimum over the maximum', () => {
    expect(policySchema().safeParse({ length: { min: 13, max: 12 } }).success).toBe(false);
  });
});
