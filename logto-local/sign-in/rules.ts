import { LogtoConfigError, type LogtoConfig } from '../../logto-config';

/** The identifiers logto-local signs people in and up with. */
export type Identifier = 'phone' | 'email';

/** How one identifier signs in: Logto's sign-in method, as `signIn.methods` gives it. */
export interface MethodRule {
  password: boolean;
  verificationCode: boolean;
  /** Both on: the password page comes first, else the code is sent first. */
  isPasswordPrimary: boolean;
}

/** The sign-in experience logto-local runs, taken from logto.config.json's `signInExperience`. */
export interface SignInRules {
  /** The sign-in method of each identifier the file enables. */
  methods: Partial<Record<Identifier, MethodRule>>;
  /**
   * Identifiers an unknown, verified person may create an account with: `signUp.identifiers`
   * (`["email", "phone"]` is Logto's "Email or phone number"), none when `signInMode` is `SignIn`.
   */
  signUpWith: Identifier[];
  /** `signUp.password`: a new account sets a password ("Create a password") before it is made. */
  passwordAtSignUp: boolean;
  /** Identifiers a forgotten password can be reset through, by a code (`forgotPasswordMethods`). */
  resetWith: Identifier[];
  /**
   * `signInMode` is `SignIn`: registration is off, so, as Logto does, no code is delivered to a
   * number without an account (the code page still shows, so numbers cannot be enumerated).
   */
  registrationDisabled: boolean;
  /** The tenant's password policy (what it changes from Logto's default). */
  passwordPolicy: NonNullable<LogtoConfig['signInExperience']['passwordPolicy']>;
  /** What logto-local runs differently from Logto, one phrase each, said at start. */
  ignored: string[];
}

/** The line a refusal ends with: where the options logto-local lacks do work. */
export const USE_REAL_LOGTO =
  'run the real Logto with `npm run logto:oss` (then `npm run logto:setup`), or take them out of the file';

/**
 * Reads the sign-in rules logto-local runs: phone and email, each with a verification code, a
 * password or both, sign-up with "Create a password", and password reset by code, as Logto's
 * "Sign-up and sign-in" page sets them. A file asking for anything logto-local cannot do (MFA,
 * CAPTCHA, usernames, extra sign-up identifiers) is refused at start in one line that names each
 * option, rather than run without it.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in
 */
export function readSignInRules(tenant: LogtoConfig): SignInRules {
  const experience = tenant.signInExperience;
  const { signUp, signIn } = experience;
  const unsupported = unsupportedOptions(tenant);
  if (unsupported.length > 0) {
    throw new LogtoConfigError(
      tenant.file,
      '',
      `logto-local cannot run ${unsupported.join('; ')}. For these, ${USE_REAL_LOGTO}`,
    );
  }

  const methods: SignInRules['methods'] = {};
  for (const { identifier, password, verificationCode, isPasswordPrimary } of signIn.methods) {
    methods[identifier as Identifier] = { password, verificationCode, isPasswordPrimary };
  }
  const registrationDisabled = experience.signInMode === 'SignIn';
  const signUpWith = registrationDisabled ? [] : (signUp.identifiers as Identifier[]);
  const ignored =
    experience.signInMode === 'Register'
      ? ['signInMode Register (logto-local keeps signing existing accounts in)']
      : [];
  return {
    methods,
    signUpWith,
    passwordAtSignUp: signUp.password,
    resetWith: resetIdentifiers(tenant),
    registrationDisabled,
    passwordPolicy: experience.passwordPolicy ?? {},
    ignored,
  };
}

/**
 * Logto's reset choices: the file's `forgotPasswordMethods`, each only with a connector that can
 * send its code; without the field, every connector the tenant has (Logto's fallback).
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/libraries/sign-in-experience/index.ts
 */
function resetIdentifiers(tenant: LogtoConfig): Identifier[] {
  const methods = tenant.signInExperience.forgotPasswordMethods;
  const hasEmail = tenant.emailConnector !== undefined;
  const phone = methods === undefined || methods.includes('PhoneVerificationCode');
  const email = hasEmail && (methods === undefined || methods.includes('EmailVerificationCode'));
  return [...(phone ? ['phone' as const] : []), ...(email ? ['email' as const] : [])];
}

/** Each option of the file logto-local cannot run, as "what (where in the file)". */
export function unsupportedOptions(tenant: LogtoConfig): string[] {
  const { signUp, signIn, mfa, captchaPolicy } = tenant.signInExperience;
  const options: string[] = [];
  if (
    signUp.identifiers.includes('username') ||
    signIn.methods.some((method) => method.identifier === 'username')
  ) {
    options.push('usernames (signUp.identifiers or signIn.methods with "username")');
  }
  if (signUp.secondaryIdentifiers.length > 0) {
    options.push('extra sign-up identifiers (signUp.secondaryIdentifiers)');
  }
  if (mfa !== undefined && mfa.factors.length > 0) {
    options.push(`MFA (mfa.factors: ${mfa.factors.join(', ')})`);
  }
  if (captchaPolicy?.enabled) options.push('CAPTCHA (captchaPolicy.enabled)');
  return options;
}
