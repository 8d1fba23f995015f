import type { ClientGuessLimit } from '../client-guess-limit';
import type { IdentifierLockout } from '../identifier-lockout';
import type { Locale } from '../../lib/i18n/locales';
import { hashPassword, passwordMatches } from './hashing';
import { passwordMessagesFor } from './messages';
import { checkPasswordPolicy, type PasswordOwner, type TenantPasswordPolicy } from './policy';

/** What a password typed at sign-in came to. */
export type PasswordCheck =
  | { result: 'ok' }
  | { result: 'wrong' }
  | { result: 'identifier-locked' | 'client-limited'; until: Date };

/** The bounds on guessing that wrong passwords count towards, as wrong codes do. */
export interface GuessBounds {
  /** Logto's identifier lockout (../identifier-lockout.ts). */
  lockout: IdentifierLockout;
  /** logto-local's cap on wrong guesses per client IP (../client-guess-limit.ts). */
  clientGuesses: ClientGuessLimit;
}

/**
 * Checks a password typed at sign-in, as Logto does: a locked identifier, or a client past its
 * hourly cap of wrong guesses, is refused before any Argon2 work; an unknown identifier, an
 * account without a password and a wrong password all spend the same work and give the same
 * answer (no way to tell which accounts exist); each wrong password counts towards the
 * identifier's lockout and the client's cap, like a wrong code.
 * @see https://docs.logto.io/security/identifier-lockout
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/libraries/user-password-verification.ts
 */
export async function checkSignInPassword(
  bounds: GuessBounds,
  attempt: { identifier: string; clientIp: string },
  passwordHash: string | null | undefined,
  password: string,
): Promise<PasswordCheck> {
  const { lockout, clientGuesses } = bounds;
  const lockedUntil = lockout.lockedUntil(attempt.identifier);
  if (lockedUntil) return { result: 'identifier-locked', until: lockedUntil };
  const blockedUntil = clientGuesses.blockedUntil(attempt.clientIp);
  if (blockedUntil) return { result: 'client-limited', until: blockedUntil };
  if (await passwordMatches(password, passwordHash)) return { result: 'ok' };
  clientGuesses.recordFailure(attempt.clientIp);
  const lockedNow = lockout.recordFailure(attempt.identifier);
  return lockedNow ? { result: 'identifier-locked', until: lockedNow } : { result: 'wrong' };
}

/** A new password that may be stored (its hash), or why not, in words for the page. */
export type NewPasswordVerdict =
  { ok: true; passwordHash: string } | { ok: false; message: string };

/**
 * Checks a password chosen at sign-up ("Create a password") or in a reset against the tenant's
 * policy and the person's own identifiers, and, in a reset, refuses the password the account
 * already has (Logto's `user.same_password`). Only an accepted password is hashed.
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/routes/experience/classes/libraries/password-validator.ts
 */
export async function chooseNewPassword(
  password: string,
  options: {
    policy: TenantPasswordPolicy;
    owner: PasswordOwner;
    /** The account's current hash, in a reset; its password may not be chosen again. */
    currentHash?: string | null;
    locale: Locale;
  },
): Promise<NewPasswordVerdict> {
  const verdict = await checkPasswordPolicy(password, options);
  if (!verdict.ok) return { ok: false, message: verdict.message };
  if (options.currentHash && (await passwordMatches(password, options.currentHash))) {
    return { ok: false, message: passwordMessagesFor(options.locale).samePassword };
  }
  return { ok: true, passwordHash: await hashPassword(password) };
}

/** The minimum length the page states: the tenant's, else Logto's default of 8. */
export function minimumLength(policy: TenantPasswordPolicy): number {
  return policy.length?.min ?? 8;
}
