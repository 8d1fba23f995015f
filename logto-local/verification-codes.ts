import { randomInt, timingSafeEqual } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { LocalConfig } from './config';

/** What checking a typed code found; `remaining` counts the wrong tries left before the code dies. */
export type CodeCheck =
  | { result: 'ok' }
  | { result: 'wrong'; remaining: number }
  | { result: 'locked' }
  | { result: 'expired' }
  | { result: 'missing' };

/** Whether another code may be sent to a number now; `retryAt` is when the oldest send leaves the window. */
export type SendAllowance = { allowed: true } | { allowed: false; retryAt: Date };

interface CodeRow {
  code: string;
  expires_at: number;
  failed_attempts: number;
}

/** A code is six digits, as Logto's SMS codes are. */
export const CODE_PATTERN = /^\d{6}$/;

/**
 * Logto's verification-code rules: 6 digits, valid 10 minutes, dead after 10 wrong tries, a new
 * code replaces the old, at most 10 sends per number per 10 minutes, compared in constant time.
 * Fixed test numbers (`LOGTO_LOCAL_TEST_PHONES`) always get their fixed code, which stays valid
 * after use (expiry and the lockout still apply).
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in/passwordless-sign-in
 * @see ../../shared/DESIGN.md ("Logto facts")
 */
export function createVerificationCodes(
  db: DatabaseSync,
  config: Pick<LocalConfig, 'ttl' | 'codes' | 'testPhones'>,
  now: () => number = Date.now,
) {
  const upsertCode = db.prepare(`
    INSERT INTO verification_codes (phone, code, usage_type, expires_at, failed_attempts)
    VALUES (?, ?, ?, ?, 0)
    ON CONFLICT (phone) DO UPDATE SET code = excluded.code, usage_type = excluded.usage_type,
      expires_at = excluded.expires_at, failed_attempts = 0`);
  const findCode = db.prepare(
    'SELECT code, expires_at, failed_attempts FROM verification_codes WHERE phone = ?',
  );
  const deleteCode = db.prepare('DELETE FROM verification_codes WHERE phone = ?');
  const countFailure = db.prepare(
    'UPDATE verification_codes SET failed_attempts = failed_attempts + 1 WHERE phone = ?',
  );
  const recentSends = db.prepare(
    'SELECT sent_at FROM code_sends WHERE phone = ? AND sent_at > ? ORDER BY sent_at',
  );
  const recordSend = db.prepare('INSERT INTO code_sends (phone, sent_at) VALUES (?, ?)');
  const forgetOldSends = db.prepare('DELETE FROM code_sends WHERE sent_at <= ?');

  return {
    isTestPhone(phone: string): boolean {
      return config.testPhones.has(phone);
    },

    /** Checks the per-number send limit; test numbers send nothing and are never limited. */
    allowance(phone: string): SendAllowance {
      if (config.testPhones.has(phone)) return { allowed: true };
      const windowStart = now() - config.codes.sendWindow * 1000;
      forgetOldSends.run(windowStart);
      const sends = recentSends.all(phone, windowStart) as { sent_at: number }[];
      if (sends.length < config.codes.maxSendsPerWindow) return { allowed: true };
      return {
        allowed: false,
        retryAt: new Date(sends[0]!.sent_at + config.codes.sendWindow * 1000),
      };
    },

    /** Makes a fresh code for the number, replacing any previous one, and counts it as a send. */
    issue(phone: string, usageType: string): string {
      const code = config.testPhones.get(phone) ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
      upsertCode.run(phone, code, usageType, now() + config.ttl.verificationCode * 1000);
      if (!config.testPhones.has(phone)) recordSend.run(phone, now());
      return code;
    },

    /** Forgets the code, e.g. when the SMS carrying it could not be sent. */
    discard(phone: string): void {
      deleteCode.run(phone);
    },

    /** Checks a typed code; a correct code is used up, a wrong one counts towards the lockout. */
    check(phone: string, typed: string): CodeCheck {
      const row = findCode.get(phone) as CodeRow | undefined;
      if (!row) return { result: 'missing' };
      if (row.failed_attempts >= config.codes.maxAttempts) return { result: 'locked' };
      if (row.expires_at <= now()) return { result: 'expired' };
      if (CODE_PATTERN.test(typed) && sameCode(row.code, typed)) {
        // A test number's code is fixed, so using it up protects nothing; keeping it lets several
        // sign-ins with one test number (parallel browser tests, load runs) overlap.
        if (!config.testPhones.has(phone)) deleteCode.run(phone);
        return { result: 'ok' };
      }
      countFailure.run(phone);
      const remaining = config.codes.maxAttempts - row.failed_attempts - 1;
      return remaining > 0 ? { result: 'wrong', remaining } : { result: 'locked' };
    },
  };
}

export type VerificationCodes = ReturnType<typeof createVerificationCodes>;

function sameCode(expected: string, typed: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(typed);
  return a.length === b.length && timingSafeEqual(a, b);
}
