import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { LocalConfig } from './config';
import type { ClientGuessLimit } from './client-guess-limit';
import type { IdentifierLockout } from './identifier-lockout';

/** What checking a typed code found; `remaining` counts the wrong tries left before the code dies. */
export type CodeCheck =
  | { result: 'ok' }
  | { result: 'wrong'; remaining: number }
  | { result: 'locked' }
  | { result: 'expired' }
  | { result: 'missing' }
  | { result: 'identifier-locked'; until: Date }
  /** This client entered as many wrong codes this hour as one client may (./client-guess-limit.ts). */
  | { result: 'client-limited'; until: Date };

/** One send's code, as `issue` stored it; `id` lets a failed send take it back. */
export interface IssuedCode {
  id: string;
  code: string;
}

interface RecordRow {
  id: string;
  code: string;
  expires_at: number;
  failed_attempts: number;
}

/** A code is six digits, as Logto's SMS codes are. */
export const CODE_PATTERN = /^\d{6}$/;

/**
 * Logto's verification codes: one record per send, bound to the interaction (sign-in) that asked
 * for it, 6 digits, valid 10 minutes, dead after 10 wrong tries, compared in constant time. Within
 * one sign-in the newest send is the one that counts. Another sign-in's sends and guesses never
 * touch this record, but every wrong guess counts towards the number's lockout
 * (./identifier-lockout.ts) and towards the guessing client's hourly cap (./client-guess-limit.ts). Test numbers (`LOGTO_LOCAL_TEST_PHONES`) get their fixed code and are
 * otherwise treated like any number.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in/passwordless-sign-in
 * @see https://docs.logto.io/security/identifier-lockout
 */
export function createVerificationCodes(
  db: DatabaseSync,
  config: Pick<LocalConfig, 'ttl' | 'codes' | 'testPhones'>,
  guards: { lockout: IdentifierLockout; clientGuesses: ClientGuessLimit },
  now: () => number = Date.now,
) {
  const { lockout, clientGuesses } = guards;
  const insertRecord = db.prepare(`
    INSERT INTO verification_records
      (id, interaction_uid, phone, code, usage_type, created_at, expires_at, failed_attempts)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0)`);
  // rowid breaks ties between two sends in the same millisecond: the later insert wins.
  const newestRecord = db.prepare(`
    SELECT id, code, expires_at, failed_attempts FROM verification_records
    WHERE interaction_uid = ? AND phone = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`);
  const deleteRecord = db.prepare('DELETE FROM verification_records WHERE id = ?');
  const forgetInteraction = db.prepare(
    'DELETE FROM verification_records WHERE interaction_uid = ?',
  );
  const countFailure = db.prepare(
    'UPDATE verification_records SET failed_attempts = failed_attempts + 1 WHERE id = ?',
  );

  return {
    isTestPhone(phone: string): boolean {
      return config.testPhones.has(phone);
    },

    /** Makes a fresh code for this sign-in and number; it supersedes this sign-in's earlier ones. */
    issue(interactionUid: string, phone: string, usageType: string): IssuedCode {
      const id = randomBytes(12).toString('base64url');
      const code = config.testPhones.get(phone) ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
      const at = now();
      insertRecord.run(
        id,
        interactionUid,
        phone,
        code,
        usageType,
        at,
        at + config.ttl.verificationCode * 1000,
      );
      return { id, code };
    },

    /** Forgets one send's code, e.g. when the SMS carrying it could not be sent. */
    discard(id: string): void {
      deleteRecord.run(id);
    },

    /** Forgets every code of a sign-in once it is finished or abandoned. */
    forget(interactionUid: string): void {
      forgetInteraction.run(interactionUid);
    },

    /**
     * Checks a code typed in one sign-in, from `clientIp`, against that sign-in's newest code for
     * the number. A correct code is used up; a wrong one costs a try of this code and counts
     * towards the number's lockout and the client's cap. A client at its cap gets no check at all.
     */
    check(interactionUid: string, phone: string, typed: string, clientIp: string): CodeCheck {
      const lockedUntil = lockout.lockedUntil(phone);
      if (lockedUntil) return { result: 'identifier-locked', until: lockedUntil };
      const blockedUntil = clientGuesses.blockedUntil(clientIp);
      if (blockedUntil) return { result: 'client-limited', until: blockedUntil };
      const row = newestRecord.get(interactionUid, phone) as RecordRow | undefined;
      if (!row) return { result: 'missing' };
      if (row.failed_attempts >= config.codes.maxAttempts) return { result: 'locked' };
      if (row.expires_at <= now()) return { result: 'expired' };
      if (CODE_PATTERN.test(typed) && sameCode(row.code, typed)) {
        deleteRecord.run(row.id);
        return { result: 'ok' };
      }
      countFailure.run(row.id);
      clientGuesses.recordFailure(clientIp);
      const lockedNow = lockout.recordFailure(phone);
      if (lockedNow) return { result: 'identifier-locked', until: lockedNow };
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
