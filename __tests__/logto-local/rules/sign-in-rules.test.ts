/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// logto.config.json's sign-in experience as logto-local reads it, in-process; the process-level
// tests (../config-file.test.ts, ../logto-sign-in-mode.test.ts) keep one start per wiring.
import path from 'node:path';
import { loadLogtoConfig, LogtoConfigError, type LogtoConfig } from '@/logto-config';
import { readSignInRules, unsupportedOptions } from '@/logto-local/sign-in/rules';

type Experience = LogtoConfig['signInExperience'];
type Method = Experience['signIn']['methods'][number];

const FILE = path.resolve('logto.config.json');
const shipped = loadLogtoConfig({ path: FILE, env: {} });
const example = loadLogtoConfig({
  path: path.resolve('logto-config/examples/phone-password-email.json'),
  env: {},
});

const PHONE_CODE: Method = {
  identifier: 'phone',
  password: false,
  verificationCode: true,
  isPasswordPrimary: false,
};

function tenant(
  overrides: Partial<Omit<Experience, 'signUp' | 'signIn'>> & {
    signUp?: Partial<Experience['signUp']>;
    methods?: Method[];
  },
  base: LogtoConfig = shipped,
): LogtoConfig {
  const { signUp, methods, ...rest } = overrides;
  const experience = base.signInExperience;
  return {
    ...base,
    signInExperience: {
      ...experience,
      ...rest,
      signUp: { ...experience.signUp, ...signUp },
      signIn: { methods: methods ?? experience.signIn.methods },
    },
  };
}

function refusal(config: LogtoConfig): LogtoConfigError {
  try {
    readSignInRules(config);
  } catch (error) {
    expect(error).toBeInstanceOf(LogtoConfigError);
    return error as LogtoConfigError;
  }
  throw new Error('expected readSignInRules to refuse the file');
}

it('runs the shipped file as phone sign-in and sign-up by code, with no password', () => {
  expect(readSignInRules(shipped)).toEqual({
    methods: { phone: { password: false, verificationCode: true, isPasswordPrimary: false } },
    signUpWith: ['phone'],
    passwordAtSignUp: false,
    resetWith: ['phone'],
    registrationDisabled: false,
    passwordPolicy: {},
    ignored: [],
  });
});

it('runs the example tenant: phone and email, code first with a password, reset by either', () => {
  const rules = readSignInRules(example);
  const both = { password: true, verificationCode: true, isPasswordPrimary: false };
  expect(rules.methods).toEqual({ phone: both, email: both });
  expect(rules.signUpWith).toEqual(['email', 'phone']);
  expect(rules.passwordAtSignUp).toBe(true);
  expect(rules.resetWith).toEqual(['phone', 'email']);
});

it('resets only by the methods forgotPasswordMethods lists', () => {
  const rules = readSignInRules(
    tenant({ forgotPasswordMethods: ['EmailVerificationCode'] }, example),
  );
  expect(rules.resetWith).toEqual(['email']);
});

it('offers a reset by email only with an email connector, as Logto falls back to the connectors', () => {
  expect(readSignInRules(tenant({ forgotPasswordMethods: undefined }, example)).resetWith).toEqual([
    'phone',
    'email',
  ]);
  expect(
    readSignInRules(tenant({ forgotPasswordMethods: ['EmailVerificationCode'] })).resetWith,
  ).toEqual([]);
});

it('keeps the password first when the method says so', () => {
  const rules = readSignInRules(
    tenant({ methods: [{ ...PHONE_CODE, password: true, isPasswordPrimary: true }] }),
  );
  expect(rules.methods.phone).toEqual({
    password: true,
    verificationCode: true,
    isPasswordPrimary: true,
  });
});

it('offers no account to anyone when signInMode is SignIn', () => {
  const rules = readSignInRules(tenant({ signInMode: 'SignIn' }, example));
  expect(rules.registrationDisabled).toBe(true);
  expect(rules.signUpWith).toEqual([]);
});

it('keeps signing existing accounts in under signInMode Register, and says so', () => {
  expect(readSignInRules(tenant({ signInMode: 'Register' })).ignored).toEqual([
    'signInMode Register (logto-local keeps signing existing accounts in)',
  ]);
});

it('hands on the tenant password policy for the checker', () => {
  const policy = { length: { min: 12 }, rejects: { words: ['bookstore'] } };
  expect(readSignInRules(tenant({ passwordPolicy: policy })).passwordPolicy).toEqual(policy);
});

it('refuses every option it cannot run in one line that names each and points to npm run logto:oss', () => {
  const error = refusal(
    tenant({
      mfa: { factors: ['Totp', 'BackupCode'], policy: 'Mandatory' },
      captchaPolicy: { enabled: true },
      signUp: { secondaryIdentifiers: [{ identifier: 'username' }] },
    }),
  );
  expect(error.pointer).toBe('');
  expect(error.message).toBe(
    `${FILE}: logto-local cannot run extra sign-up identifiers (signUp.secondaryIdentifiers); MFA (mfa.factors: Totp, BackupCode); CAPTCHA (captchaPolicy.enabled). For these, run the real Logto with \`npm run logto:oss\` (then \`npm run logto:setup\`), or take them out of the file`,
  );
  expect(error.message).not.toContain('\n');
});

it('refuses a username in sign-up or in the sign-in methods', () => {
  expect(unsupportedOptions(tenant({ signUp: { identifiers: ['username'] } }))).toEqual([
    'usernames (signUp.identifiers or signIn.methods with "username")',
  ]);
  expect(
    unsupportedOptions(
      tenant({
        methods: [
          PHONE_CODE,
          {
            identifier: 'username',
            password: true,
            verificationCode: false,
            isPasswordPrimary: true,
          },
        ],
      }),
    ),
  ).toHaveLength(1);
});

it('runs a file whose MFA has no factors and whose CAPTCHA is off', () => {
  expect(
    unsupportedOptions(
      tenant({ mfa: { factors: [], policy: 'NoPrompt' }, captchaPolicy: { enabled: false } }),
    ),
  ).toEqual([]);
});
