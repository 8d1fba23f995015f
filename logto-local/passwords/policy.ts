import type { PasswordIssue, PasswordPolicyChecker } from '@logto/core-kit';
import type { LogtoConfig } from '../../logto-config';
import type { Locale } from '../../lib/i18n/locales';
import { passwordMessagesFor } from './messages';

/** logto.config.json's `signInExperience.passwordPolicy`: only what the tenant changes. */
export type TenantPasswordPolicy = NonNullable<LogtoConfig['signInExperience']['passwordPolicy']>;

/** What the password is checked against besides the policy: the person's own identifiers. */
export interface PasswordOwner {
  /** E.164 (`+819012345678`); Logto compares the digits it stores, without the `+`. */
  phone?: string | null;
  email?: string | null;
  name?: string | null;
  username?: string | null;
}

/** A password the policy accepts, or the sentence that says what to change. */
export type PolicyVerdict = { ok: true } | { ok: false; message: string; codes: string[] };

/**
 * Why the breached-password check is off here, said once at start: Logto asks the Have I Been
 * Pwned range API over the internet for every new password, and logto-local works offline.
 * @see https://haveibeenpwned.com/API/v3#PwnedPasswords
 */
export const BREACHED_CHECK_SKIPPED =
  "skips the password policy's breached-password check (Logto asks api.pwnedpasswords.com, online; logto-local works offline)";

/** Whether the tenant's policy asks for the breach check that logto-local skips (Logto's default does). */
export function asksForBreachedCheck(policy: TenantPasswordPolicy | undefined): boolean {
  return policy?.rejects?.pwned !== false;
}

/**
 * Logto's password policy, checked by Logto's own checker (`PasswordPolicyChecker` of
 * `@logto/core-kit`, what Logto's experience API runs): the tenant's settings over Logto's
 * defaults, minus the online breach check. The verdict is in Logto's words for each rejection.
 * @see https://docs.logto.io/security/password-policy
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/routes/experience/classes/libraries/password-validator.ts
 */
export async function checkPasswordPolicy(
  password: string,
  options: { policy: TenantPasswordPolicy | undefined; owner: PasswordOwner; locale: Locale },
): Promise<PolicyVerdict> {
  const checker = await checkerFor(options.policy);
  const issues = await checker.check(
    password,
    checker.policy.rejects.userInfo ? userInfoOf(options.owner) : {},
  );
  if (issues.length === 0) return { ok: true };
  return {
    ok: false,
    message: describeIssues(issues, options.locale),
    codes: issues.map((issue) => issue.code),
  };
}

/** The person's identifiers as Logto's checker reads them: the phone as digits, like Logto stores it. */
export function userInfoOf(owner: PasswordOwner) {
  return {
    ...(owner.phone ? { phoneNumber: owner.phone.replace(/^\+/, '') } : {}),
    ...(owner.email ? { email: owner.email } : {}),
    ...(owner.name ? { name: owner.name } : {}),
    ...(owner.username ? { username: owner.username } : {}),
  };
}

/**
 * The message Logto's sign-in page shows for a rejected password: the first of the unsupported
 * character, length, character type and breach problems alone, else "Avoid overusing …" listing
 * every restricted pattern found (repetition, sequences, the person's own details, the tenant's
 * words).
 * @see https://github.com/logto-io/logto/blob/master/packages/experience/src/shared/hooks/use-password-error-message.ts
 */
export function describeIssues(issues: readonly PasswordIssue[], locale: Locale): string {
  const t = passwordMessagesFor(locale).rejected;
  const has = (code: string) => issues.find((issue) => issue.code === `password_rejected.${code}`);
  const bound = (issue: PasswordIssue, key: 'min' | 'max') => Number(issue.interpolation?.[key]);
  const single: Array<[string, (issue: PasswordIssue) => string]> = [
    ['unsupported_characters', () => t.unsupportedCharacters],
    ['too_short', (issue) => t.tooShort(bound(issue, 'min'))],
    ['character_types', (issue) => t.characterTypes(bound(issue, 'min'))],
    ['too_long', (issue) => t.tooLong(bound(issue, 'max'))],
    ['pwned', () => t.pwned],
  ];
  for (const [code, say] of single) {
    const issue = has(code);
    if (issue) return say(issue);
  }
  const restricted = issues.flatMap(({ code }) => {
    const name = code.replace('password_rejected.restricted.', '');
    return name in t.restricted ? [t.restricted[name as keyof typeof t.restricted]] : [];
  });
  return t.restrictedFound(restricted);
}

type CoreKit = typeof import('@logto/core-kit');
let coreKit: Promise<CoreKit> | undefined;

// @logto/core-kit is ESM only and its dependencies export only `import` conditions, so it is
// loaded with import() rather than required by the compiled CommonJS.
function checkerFor(policy: TenantPasswordPolicy | undefined): Promise<PasswordPolicyChecker> {
  coreKit ??= import('@logto/core-kit');
  return coreKit.then(
    ({ PasswordPolicyChecker: Checker }) =>
      new Checker({ ...policy, rejects: { ...policy?.rejects, pwned: false } }),
  );
}
