import type { DatabaseSync } from 'node:sqlite';
import type { SendLimits } from './config';

/** Logto counts an identifier's failures over one hour. */
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;

/**
 * Logto's identifier lockout ("sentinel"): a number that collects `lockoutFailures` wrong codes
 * within an hour, across every sign-in and every code, is locked for `lockoutDuration`. Together
 * with 10 tries per code this bounds guessing per number to `lockoutFailures` an hour however many
 * codes are sent.
 * @see https://docs.logto.io/security/identifier-lockout
 */
export function createIdentifierLockout(
  db: DatabaseSync,
  limits: Pick<SendLimits, 'lockoutFailures' | 'lockoutDuration'>,
  now: () => number = Date.now,
) {
  const findLock = db.prepare('SELECT locked_until FROM identifier_lockouts WHERE phone = ?');
  const lock = db.prepare(`
    INSERT INTO identifier_lockouts (phone, locked_until) VALUES (?, ?)
    ON CONFLICT (phone) DO UPDATE SET locked_until = excluded.locked_until`);
  const addFailure = db.prepare('INSERT INTO identifier_failures (phone, failed_at) VALUES (?, ?)');
  const countFailures = db.prepare(
    'SELECT COUNT(*) AS failures FROM identifier_failures WHERE phone = ? AND failed_at > ?',
  );
  const forgetFailures = db.prepare('DELETE FROM identifier_failures WHERE phone = ?');

  return {
    /** When the number's lockout ends, or undefined when it is not locked. */
    lockedUntil(phone: string): Date | undefined {
      const row = findLock.get(phone) as { locked_until: number } | undefined;
      return row && row.locked_until > now() ? new Date(row.locked_until) : undefined;
    },

    /** Counts one wrong code; returns the end of the lockout when this failure starts one. */
    recordFailure(phone: string): Date | undefined {
      const at = now();
      addFailure.run(phone, at);
      const { failures } = countFailures.get(phone, at - FAILURE_WINDOW_MS) as { failures: number };
      if (failures < limits.lockoutFailures) return undefined;
      const until = at + limits.lockoutDuration * 1000;
      lock.run(phone, until);
      // The lockout replaces the count: after it, the number starts from zero, as on Logto.
      forgetFailures.run(phone);
      return new Date(until);
    },
  };
}

export type IdentifierLockout = ReturnType<typeof createIdentifierLockout>;
