import type { DatabaseSync } from 'node:sqlite';
import type { LocalConfig } from './config';

const HOUR_MS = 60 * 60 * 1000;
/** At most one "hourly cap reached" line a minute, so a flood of refusals cannot flood the log. */
const CAP_LOG_INTERVAL_MS = 60 * 1000;

/** Why a send was refused; each has its own message on the sign-in pages. */
export type SendRefusal =
  /** This sign-in sent a code less than LOGTO_LOCAL_RESEND_COOLDOWN seconds ago. */
  | { reason: 'resend-wait'; retryAt: Date }
  /** This sign-in already sent codes to LOGTO_LOCAL_NUMBERS_PER_SIGN_IN other numbers. */
  | { reason: 'numbers-per-sign-in'; limit: number }
  /** LOGTO_LOCAL_SEND_LIMIT codes went to this number in the send window. */
  | { reason: 'per-number'; retryAt: Date }
  /** LOGTO_LOCAL_IP_SEND_LIMIT codes went out for this client IP in the send window. */
  | { reason: 'per-ip'; retryAt: Date }
  /** LOGTO_LOCAL_HOURLY_SMS_LIMIT text messages left logto-local in the last hour. */
  | { reason: 'hourly-cap'; retryAt: Date };

/** A send that may go ahead: it already counts, and `release` takes it back if it failed. */
export interface SendReservation {
  allowed: true;
  release(): void;
}

/** Who asks for a code, as the limits see them. */
export interface SendRequest {
  interactionUid: string;
  phone: string;
  clientIp: string;
  /** False for test numbers, which send no SMS and so cost nothing against the hourly cap. */
  billable: boolean;
}

/**
 * Limits on sending codes, against SMS pumping (toll fraud) and SMS bombing. Every way of sending
 * (the phone form, again and again, and the resend button) goes through `reserve`, which checks
 * and counts in one synchronous step, so a burst of parallel requests cannot slip past a cap while
 * an earlier SMS is still on its way. A send that fails is released: only sends that went out count.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in/passwordless-sign-in
 * @see https://docs.unifonic.com/docs/no-sms-fraud (what SMS pumping is)
 */
export function createSendLimits(
  db: DatabaseSync,
  config: Pick<LocalConfig, 'codes' | 'limits'>,
  log: (line: string) => void,
  now: () => number = Date.now,
) {
  const { codes, limits } = config;
  const windowMs = codes.sendWindow * 1000;
  const lastSendOfInteraction = db.prepare(
    'SELECT MAX(sent_at) AS last FROM sms_sends WHERE interaction_uid = ?',
  );
  const numbersOfInteraction = db.prepare(
    'SELECT DISTINCT phone FROM sms_sends WHERE interaction_uid = ?',
  );
  const sendsToNumber = db.prepare(
    'SELECT COUNT(*) AS sends, MIN(sent_at) AS oldest FROM sms_sends WHERE phone = ? AND sent_at > ?',
  );
  const sendsFromIp = db.prepare(
    'SELECT COUNT(*) AS sends, MIN(sent_at) AS oldest FROM sms_sends WHERE client_ip = ? AND sent_at > ?',
  );
  const billableSends = db.prepare(
    'SELECT COUNT(*) AS sends, MIN(sent_at) AS oldest FROM sms_sends WHERE billable = 1 AND sent_at > ?',
  );
  const insertSend = db.prepare(
    'INSERT INTO sms_sends (phone, interaction_uid, client_ip, billable, sent_at) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteSend = db.prepare('DELETE FROM sms_sends WHERE rowid = ?');
  let capLoggedAt = -Infinity;

  const refusalFor = (request: SendRequest, at: number): SendRefusal | undefined => {
    const { last } = lastSendOfInteraction.get(request.interactionUid) as { last: number | null };
    if (last !== null && at - last < codes.resendCooldown * 1000) {
      return { reason: 'resend-wait', retryAt: new Date(last + codes.resendCooldown * 1000) };
    }
    const numbers = (numbersOfInteraction.all(request.interactionUid) as { phone: string }[]).map(
      (row) => row.phone,
    );
    if (!numbers.includes(request.phone) && numbers.length >= limits.numbersPerSignIn) {
      return { reason: 'numbers-per-sign-in', limit: limits.numbersPerSignIn };
    }
    const toNumber = sendsToNumber.get(request.phone, at - windowMs) as Counted;
    if (toNumber.sends >= codes.maxSendsPerWindow) {
      return { reason: 'per-number', retryAt: new Date(toNumber.oldest! + windowMs) };
    }
    const fromIp = sendsFromIp.get(request.clientIp, at - windowMs) as Counted;
    if (fromIp.sends >= limits.sendsPerIp) {
      return { reason: 'per-ip', retryAt: new Date(fromIp.oldest! + windowMs) };
    }
    if (request.billable) {
      const hourly = billableSends.get(at - HOUR_MS) as Counted;
      if (hourly.sends >= limits.smsPerHour) {
        const retryAt = new Date(hourly.oldest! + HOUR_MS);
        if (at - capLoggedAt >= CAP_LOG_INTERVAL_MS) {
          capLoggedAt = at;
          log(
            `logto-local: the hourly SMS cap (${limits.smsPerHour}, LOGTO_LOCAL_HOURLY_SMS_LIMIT) is reached; refusing codes until ${retryAt.toISOString()}`,
          );
        }
        return { reason: 'hourly-cap', retryAt };
      }
    }
    return undefined;
  };

  return {
    /** Checks every limit and, when none is reached, counts this send at once. */
    reserve(request: SendRequest): SendReservation | ({ allowed: false } & SendRefusal) {
      const at = now();
      const refusal = refusalFor(request, at);
      if (refusal) return { allowed: false, ...refusal };
      const { lastInsertRowid } = insertSend.run(
        request.phone,
        request.interactionUid,
        request.clientIp,
        request.billable ? 1 : 0,
        at,
      );
      return { allowed: true, release: () => void deleteSend.run(lastInsertRowid) };
    },
  };
}

interface Counted {
  sends: number;
  oldest: number | null;
  // node:sqlite types a row as a record of column values.
  [column: string]: number | null;
}

export type SendLimiter = ReturnType<typeof createSendLimits>;
