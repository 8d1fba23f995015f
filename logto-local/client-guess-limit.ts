import type { DatabaseSync } from 'node:sqlite';
import type { SendLimits } from './config';
import { FAILURE_WINDOW_MS } from './identifier-lockout';

/**
 * A cap on wrong codes per client IP, across every number and sign-in: at most
 * `failuresPerIp` an hour. Logto's identifier lockout locks a number for an hour after
 * `lockoutFailures` wrong codes from anyone, so one stranger who asks for codes to someone's
 * number could lock its owner out, hour after hour. With this cap below the lockout's count (half
 * of it by default), no single client can: it takes several, and a client that reaches the cap
 * gets no more tries anywhere until its oldest failure is an hour old. Logto has no such cap; it
 * relies on a CAPTCHA before codes are sent (README, "Limits and security headers").
 * @see https://docs.logto.io/security/identifier-lockout
 */
export function createClientGuessLimit(
  db: DatabaseSync,
  limits: Pick<SendLimits, 'failuresPerIp'>,
  now: () => number = Date.now,
) {
  const addFailure = db.prepare('INSERT INTO client_failures (client_ip, failed_at) VALUES (?, ?)');
  const countFailures = db.prepare(
    'SELECT COUNT(*) AS failures, MIN(failed_at) AS oldest FROM client_failures WHERE client_ip = ? AND failed_at > ?',
  );

  return {
    /** When this client may guess again, or undefined while it is under its hourly cap. */
    blockedUntil(clientIp: string): Date | undefined {
      const { failures, oldest } = countFailures.get(clientIp, now() - FAILURE_WINDOW_MS) as {
        failures: number;
        oldest: number | null;
      };
      return failures >= limits.failuresPerIp ? new Date(oldest! + FAILURE_WINDOW_MS) : undefined;
    },

    /** Counts one wrong code from this client. */
    recordFailure(clientIp: string): void {
      addFailure.run(clientIp, now());
    },
  };
}

export type ClientGuessLimit = ReturnType<typeof createClientGuessLimit>;
