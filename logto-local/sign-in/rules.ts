import { LogtoConfigError, type LogtoConfig } from '../../logto-config';

/** The sign-in experience logto-local runs, taken from logto.config.json's `signInExperience`. */
export interface SignInRules {
  /**
   * `signUp.identifiers` includes phone and `signInMode` is not `SignIn`: an unknown, verified
   * number is offered an account.
   */
  phoneSignUp: boolean;
  /**
   * `signInMode` is `SignIn`: registration is off, so, as Logto does, no code is delivered to a
   * number without an account (the code page still shows, so numbers cannot be enumerated).
   */
  registrationDisabled: boolean;
  /** Parts of the file logto-local leaves to a real Logto (e.g. email sign-in), one phrase each. */
  ignored: string[];
}

const PHONE_CODE_METHOD =
  '{ "identifier": "phone", "password": false, "verificationCode": true, "isPasswordPrimary": false }';

/**
 * Reads the sign-in rules logto-local can honour: sign-in by phone and verification code, and
 * sign-up by phone when the file enables it. A file whose rules leave logto-local nothing sensible to
 * run (no phone + code sign-in, or a password at phone sign-up) is refused at start, naming the field.
 * Other identifiers are noted as ignored, since logto-local only speaks phone.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in
 */
export function readSignInRules(tenant: LogtoConfig): SignInRules {
  const { signUp, signIn } = tenant.signInExperience;
  const ignored: string[] = [];

  const phoneMethod = signIn.methods.find(
    (method) => method.identifier === 'phone' && method.verificationCode,
  );
  if (!phoneMethod) {
    throw new LogtoConfigError(
      tenant.file,
      '/signInExperience/signIn/methods',
      `logto-local signs people in by phone and verification code only, and no method here does that; add ${PHONE_CODE_METHOD}`,
    );
  }
  if (phoneMethod.password) ignored.push('password sign-in by phone');
  for (const method of signIn.methods) {
    if (method.identifier !== 'phone') ignored.push(`sign-in by ${method.identifier}`);
  }

  const registrationDisabled = tenant.signInExperience.signInMode === 'SignIn';
  const phoneSignUp = signUp.identifiers.includes('phone') && !registrationDisabled;
  if (phoneSignUp && signUp.password) {
    throw new LogtoConfigError(
      tenant.file,
      '/signInExperience/signUp/password',
      'logto-local signs people up by phone and verification code only and cannot ask for a password; set it to false, or take "phone" out of signUp.identifiers to close sign-up',
    );
  }
  for (const identifier of signUp.identifiers) {
    if (identifier !== 'phone') ignored.push(`sign-up by ${identifier}`);
  }
  if (tenant.signInExperience.signInMode === 'Register') {
    ignored.push('signInMode Register (logto-local keeps signing existing accounts in)');
  }
  return { phoneSignUp, registrationDisabled, ignored };
}
