import type { IdentifierLockout } from '../identifier-lockout';
import { maskIdentifierForLog } from '../email/mask';
import type { EmailSender } from '../email/types';
import type { SendLimiter, SendRefusal } from '../send-limits';
import type { TemplateUsageType } from '../../logto-config';
import type { SmsSender } from '../sms';
import type { VerificationCodes } from '../verification-codes';
import { limitMessagesFor } from './limit-messages';
import type { Locale } from '../../lib/i18n/locales';
import { messagesFor } from './messages';

/** What a send attempt came to: nothing is stored or counted when it failed. */
export type SendOutcome =
  { ok: true } | { ok: false; status: number; message: string; retryAfter?: number };

/**
 * Sends a fresh code for one sign-in, the only way codes leave logto-local: a locked number or
 * email gets none, every limit is checked and counted before the SMS or email goes
 * (../send-limits.ts), and a send that fails takes back both its record and its count. Emails
 * count towards every limit but the hourly SMS cap, which bounds what text messages cost.
 */
export function createCodeSender(deps: {
  codes: VerificationCodes;
  limits: SendLimiter;
  lockout: IdentifierLockout;
  sms: SmsSender;
  /** Present when logto.config.json has an email connector. */
  email?: EmailSender;
  /**
   * False for a number that must not get an SMS: with registration off (signInMode SignIn), a
   * number no account has. Its code page shows as usual, as on Logto.
   */
  mayDeliverTo: (phone: string) => boolean;
  log: (line: string) => void;
}) {
  const { codes, limits, lockout, sms } = deps;
  return async function sendCode(request: {
    interactionUid: string;
    /** An E.164 phone number, or an email (which has an `@`). */
    phone: string;
    usageType: TemplateUsageType;
    locale: Locale;
    clientIp: string;
  }): Promise<SendOutcome> {
    const { phone, locale } = request;
    const byEmail = phone.includes('@');
    const lockedUntil = lockout.lockedUntil(phone);
    if (lockedUntil) {
      return {
        ok: false,
        ...guessRefusedAnswer({ result: 'identifier-locked', until: lockedUntil }, locale),
      };
    }
    const testPhone = codes.isTestPhone(phone);
    const reservation = limits.reserve({
      interactionUid: request.interactionUid,
      phone,
      clientIp: request.clientIp,
      billable: !testPhone && !byEmail,
    });
    if (!reservation.allowed) return { ok: false, ...refusalAnswer(reservation, locale) };
    const issued = codes.issue(request.interactionUid, phone, request.usageType);
    if (testPhone) return { ok: true };
    if (!deps.mayDeliverTo(phone)) {
      // As Logto does with registration off: the code exists but is not delivered to a number no
      // account has (no account enumeration, no SMS spent on strangers).
      // @see https://github.com/logto-io/logto/blob/master/packages/core/src/routes/experience/verification-routes/verification-code-helpers.ts
      reservation.release();
      deps.log(
        `logto-local: no code sent to ${maskIdentifierForLog(phone)}: no account has it and signInMode is SignIn (Logto sends nothing either)`,
      );
      return { ok: true };
    }
    const message = { to: phone, code: issued.code, usageType: request.usageType, locale };
    const result = byEmail
      ? await (deps.email?.send(message) ?? { ok: false as const, message: 'no email connector' })
      : await sms.send(message);
    if (result.ok) return { ok: true };
    codes.discard(issued.id);
    reservation.release();
    const status = 'status' in result && result.status ? ` (Vonage status ${result.status})` : '';
    deps.log(
      `logto-local: ${byEmail ? 'email' : 'SMS'} to ${maskIdentifierForLog(phone)} failed${status}: ${result.message}`,
    );
    return { ok: false, status: 502, message: result.message };
  };
}

export type CodeSender = ReturnType<typeof createCodeSender>;

/**
 * The 429 answer when a code may not be checked: the number is locked, or this client entered
 * as many wrong codes this hour as one client may. It says what happened and until when.
 */
export function guessRefusedAnswer(
  refusal: { result: 'identifier-locked' | 'client-limited'; until: Date },
  locale: Locale,
) {
  const { seconds, time } = waitUntil(refusal.until, locale);
  const text = limitMessagesFor(locale);
  const say =
    refusal.result === 'identifier-locked' ? text.identifierLocked : text.tooManyGuessesFromIp;
  return { status: 429, retryAfter: seconds, message: say(time, Math.ceil(seconds / 60)) };
}

function refusalAnswer(refusal: SendRefusal, locale: Locale) {
  const limitsText = limitMessagesFor(locale);
  if (refusal.reason === 'numbers-per-sign-in') {
    return { status: 429, message: limitsText.tooManyNumbers(refusal.limit) };
  }
  const { seconds, time } = waitUntil(refusal.retryAt, locale);
  const minutes = Math.ceil(seconds / 60);
  const message = {
    'resend-wait': () => messagesFor(locale).resendTooSoon(seconds),
    'per-number': () => messagesFor(locale).tooManySends(time, minutes),
    'per-ip': () => limitsText.tooManyFromIp(time, minutes),
    'hourly-cap': () => limitsText.hourlyCapReached(time, minutes),
  }[refusal.reason]();
  return { status: 429, retryAfter: seconds, message };
}

function waitUntil(at: Date, locale: Locale) {
  const seconds = Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
  const time = at.toLocaleTimeString(locale === 'ja' ? 'ja-JP' : 'en-US', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return { seconds, time };
}
