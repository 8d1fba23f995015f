/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// logto.config.json's sign-in experience as logto-local reads it, in-process; the process-level
// tests (../config-file.test.ts, ../logto-sign-in-mode.test.ts) keep one start per wiring.
import path from 'node:path';
import { loadLogtoConfig, LogtoConfigError, type LogtoConfig } from '@/logto-config';
import { readSignInRules } from '@/logto-local/sign-in/rules';

type Experience = LogtoConfig['signInExperience'];
type Method = Experience['signIn']['methods'][number];

const FILE = path.resolve('logto.config.json');
const shipped = loadLogtoConfig({ path: FILE, env: {} });

const PHONE_CODE: Method = {
  identifier: 'phone',
  password: false,
  verificationCode: true,
  isPasswordPrimary: false,
};

function tenant(overrides: {
  signInMode?: Experience['signInMode'];
  signUp?: Partial<Experience['signUp']>;
  methods?: Method[];
}): LogtoConfig {
  const experience = shipped.signInExperience;
  return {
    ...shipped,
    signInExperience: {
      ...experience,
      signInMode: overrides.signInMode ?? 'SignInAndRegister',
      signUp: { ...experience.signUp, ...overrides.signUp },
      signIn: { methods: overrides.methods ?? [PHONE_CODE] },
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

it('runs the shipped file as phone sign-in with phone sign-up and nothing ignored', () => {
  expect(readSignInRules(shipped)).toEqual({
    phoneSignUp: true,
    registrationDisabled: false,
    ignored: [],
  });
});

it('refuses a file with no phone sign-in by code and says which method to add', () => {
  const error = refusal(
    tenant({ methods: [{ ...PHONE_CODE, verificationCode: false, password: true }] }),
  );

  expect(error.pointer).toBe('/signInExperience/signIn/methods');
  expect(error.message).toBe(
    `${FILE} at /signInExperience/signIn/methods: logto-local signs people in by phone and verification code only, and no method here does that; add { "identifier": "phone", "password": false, "verificationCode": true, "isPasswordPrimary": false }`,
  );
});

it('does not take an email-code method for the phone method', () => {
  const error = refusal(tenant({ methods: [{ ...PHONE_CODE, identifier: 'email' }] }));

  expect(error.pointer).toBe('/signInExperience/signIn/methods');
});

it('finds the phone-code method among others and notes the others as ignored', () => {
  const rules = readSignInRules(
    tenant({
      methods: [
        { ...PHONE_CODE, identifier: 'email' },
        { ...PHONE_CODE, identifier: 'username', verificationCode: false, password: true },
        PHONE_CODE,
      ],
    }),
  );

  expect(rules.ignored).toEqual(['sign-in by email', 'sign-in by username']);
});

it('notes a password on the phone method as ignored', () => {
  expect(readSignInRules(tenant({ methods: [{ ...PHONE_CODE, password: true }] })).ignored).toEqual(
    ['password sign-in by phone'],
  );
});

it('refuses a password at phone sign-up, naming the field and both ways out', () => {
  const error = refusal(tenant({ signUp: { password: true } }));

  expect(error.pointer).toBe('/signInExperience/signUp/password');
  expect(error.message).toBe(
    `${FILE} at /signInExperience/signUp/password: logto-local signs people up by phone and verification code only and cannot ask for a password; set it to false, or take "phone" out of signUp.identifiers to close sign-up`,
  );
});

it('accepts a password at sign-up when registration is off, since nobody signs up', () => {
  expect(readSignInRules(tenant({ signInMode: 'SignIn', signUp: { password: true } }))).toEqual({
    phoneSignUp: false,
    registrationDisabled: true,
    ignored: [],
  });
});

it('offers no account to an unknown number when sign-up does not ask for a phone', () => {
  const rules = readSignInRules(tenant({ signUp: { identifiers: ['email'], password: true } }));

  expect(rules).toEqual({
    phoneSignUp: false,
    registrationDisabled: false,
    ignored: ['sign-up by email'],
  });
});

it('keeps signing existing accounts in under signInMode Register, and says so', () => {
  expect(readSignInRules(tenant({ signInMode: 'Register' }))).toEqual({
    phoneSignUp: true,
    registrationDisabled: false,
    ignored: ['signInMode Register (logto-local keeps signing existing accounts in)'],
  });
});
