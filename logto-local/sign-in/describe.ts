import type { LocalConfig } from '../config';
import { asksForBreachedCheck, BREACHED_CHECK_SKIPPED } from '../passwords/policy';
import type { Identifier, MethodRule } from './rules';

/** What logto-local never does, said at every start, with where those options do work. */
export const LEFT_TO_REAL_LOGTO =
  'no MFA, passkeys, social or enterprise SSO, organizations or CAPTCHA here: for those, run the real Logto with `npm run logto:oss`';

const NAMES: Record<Identifier, string> = { phone: 'phone', email: 'email' };

function describeMethod(identifier: Identifier, method: MethodRule): string {
  const factors =
    method.password && method.verificationCode
      ? `code or password (${method.isPasswordPrimary ? 'password' : 'code'} first)`
      : method.password
        ? 'password'
        : 'code';
  return `${NAMES[identifier]} with ${factors}`;
}

/**
 * The lines logto-local prints at start about its sign-in experience: what it runs from
 * logto.config.json, what it runs differently, and what it leaves to a real Logto.
 */
export function describeSignIn(
  config: Pick<LocalConfig, 'signIn' | 'configFile' | 'phoneCountries'>,
): string[] {
  const rules = config.signIn;
  const methods = (Object.entries(rules.methods) as Array<[Identifier, MethodRule]>).map(
    ([identifier, method]) => describeMethod(identifier, method),
  );
  const lines = [`sign-in by ${methods.join(', ')}`];
  if (rules.signUpWith.length > 0) {
    lines.push(
      `sign-up by ${rules.signUpWith.join(' or ')}, verified by a code${rules.passwordAtSignUp ? ', with a password' : ''}`,
    );
  }
  if (!rules.signUpWith.includes('phone')) {
    lines.push('sign-up by phone is off; unknown numbers are not offered an account');
  }
  const passwords =
    rules.passwordAtSignUp || Object.values(rules.methods).some((method) => method?.password);
  if (passwords && rules.resetWith.length > 0) {
    lines.push(`password reset by ${rules.resetWith.map((kind) => `${kind} code`).join(' or ')}`);
  }
  if (passwords && asksForBreachedCheck(rules.passwordPolicy)) lines.push(BREACHED_CHECK_SKIPPED);
  if (rules.ignored.length > 0) {
    lines.push(`runs differently from Logto: ${rules.ignored.join(', ')} (${config.configFile})`);
  }
  if (config.phoneCountries) {
    lines.push(`phone numbers only from ${config.phoneCountries.join(', ')} (PHONE_COUNTRIES)`);
  }
  lines.push(LEFT_TO_REAL_LOGTO);
  return lines;
}
