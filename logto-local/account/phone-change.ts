import type { Locale } from '../../lib/i18n/locales';
import { maskPhoneForLog } from '../phone-for-log';
import { messagesFor } from '../sign-in/messages';
import { guessRefusedAnswer, type CodeSender } from '../sign-in/send-code';
import type { UserStore } from '../store/users';
import { CODE_PATTERN, type CodeCheck, type VerificationCodes } from '../verification-codes';
import { accountMessagesFor } from './messages';
import type { PhoneChangeFlow, PhoneChangeFlows } from './phone-change-flows';

/** How long proving the current number allows changing it: Logto's verification records live 10 minutes. */
export const IDENTITY_PROOF_TTL_MS = 10 * 60 * 1000;

/** What a step came to: on to the next page, the same page with a notice, or the number changed. */
export type StepOutcome =
  | { kind: 'next' }
  | { kind: 'refused'; status: number; notice: string; retryAfter?: number }
  | { kind: 'changed'; returnTo: string | undefined };

/** Who asks, as the send limits see them. */
export interface Requester {
  clientIp: string;
}

/**
 * Logto's change of a primary phone, as its Account Center and Account API do it, on logto-local's
 * stores: a `UserPermissionValidation` code proves the current number, then a `BindNewIdentifier`
 * code proves the new one, and only then does the account move to it, keeping its `sub`. Codes are
 * sign-in codes in every other way: the same records, tries, send limits and lockout, each step
 * counted apart (as its own "sign-in"), so the second code is not held back by the first one's
 * resend countdown. A number another account has is refused with Logto's words after its code,
 * as Logto refuses it at `POST /api/my-account/primary-phone`.
 * @see https://docs.logto.io/end-user-flows/account-settings/by-account-api
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/routes/account/email-and-phone.ts
 */
export function createPhoneChange(deps: {
  flows: PhoneChangeFlows;
  codes: VerificationCodes;
  /** Delivers to any number: a new number has no account yet, whatever the sign-in mode. */
  sendCode: CodeSender;
  users: Pick<UserStore, 'findById' | 'changePhone'>;
  log: (line: string) => void;
  now?: () => number;
}) {
  const { flows, codes, sendCode, users } = deps;
  const now = deps.now ?? Date.now;
  const currentKey = (flow: PhoneChangeFlow) => `${flow.id}:current`;
  const newKey = (flow: PhoneChangeFlow) => `${flow.id}:new`;
  const proofIsFresh = (flow: PhoneChangeFlow) =>
    flow.identityVerifiedAt !== undefined &&
    now() - flow.identityVerifiedAt < IDENTITY_PROOF_TTL_MS;
  const save = (flow: PhoneChangeFlow, changes: Partial<PhoneChangeFlow>): StepOutcome => {
    flows.save({ ...flow, ...changes });
    return { kind: 'next' };
  };
  /** The proof of the current number ran out: back to the first step, as Logto asks again. */
  const proofExpired = (flow: PhoneChangeFlow): StepOutcome => {
    flows.save({ ...flow, step: 'verify', newPhone: undefined, codeSentAt: undefined });
    return {
      kind: 'refused',
      status: 401,
      notice: accountMessagesFor(flow.locale).verificationRequired,
    };
  };

  const send = async (
    flow: PhoneChangeFlow,
    phone: string,
    step: 'current-code' | 'new-code',
    requester: Requester,
  ): Promise<StepOutcome> => {
    const sent = await sendCode({
      interactionUid: step === 'current-code' ? currentKey(flow) : newKey(flow),
      phone,
      usageType: step === 'current-code' ? 'UserPermissionValidation' : 'BindNewIdentifier',
      locale: flow.locale,
      clientIp: requester.clientIp,
    });
    if (!sent.ok) {
      return {
        kind: 'refused',
        status: sent.status,
        notice: sent.message,
        retryAfter: sent.retryAfter,
      };
    }
    return save(flow, {
      step,
      newPhone: step === 'new-code' ? phone : flow.newPhone,
      codeSentAt: now(),
    });
  };

  /** Sends a code to the account's current number (first step, or its resend). */
  const sendToCurrent = async (flow: PhoneChangeFlow, requester: Requester) => {
    const user = users.findById(flow.accountId);
    // The routes start a change only for an account with a number (one made by email has none).
    if (!user?.phone) return notSignedIn(flow);
    return send(flow, user.phone, 'current-code', requester);
  };

  /** Sends a code to the new number (E.164, already validated), or refuses the current one. */
  const sendToNew = async (flow: PhoneChangeFlow, phone: string, requester: Requester) => {
    const user = users.findById(flow.accountId);
    if (!user) return notSignedIn(flow);
    if (!proofIsFresh(flow)) return proofExpired(flow);
    if (phone === user.phone) {
      return {
        kind: 'refused',
        status: 400,
        notice: accountMessagesFor(flow.locale).sameNumber,
      } satisfies StepOutcome;
    }
    return send(flow, phone, 'new-code', requester);
  };

  return {
    sendToCurrent,
    sendToNew,

    /** Checks the current number's code; a right one proves the person holds it. */
    verifyCurrent(flow: PhoneChangeFlow, typed: string, requester: Requester): StepOutcome {
      const user = users.findById(flow.accountId);
      if (!user?.phone) return notSignedIn(flow);
      const check = checkCode(codes, currentKey(flow), user.phone, typed, requester);
      if (check.result !== 'ok') return codeRefusal(check, flow.locale);
      codes.forget(currentKey(flow));
      return save(flow, { step: 'new-number', codeSentAt: undefined, identityVerifiedAt: now() });
    },

    /** "Resend verification code" on either code page. */
    async resend(flow: PhoneChangeFlow, requester: Requester): Promise<StepOutcome> {
      if (flow.step === 'current-code') return sendToCurrent(flow, requester);
      // A flow on the new number's code page always has the number it sent that code to.
      if (flow.step === 'new-code') return sendToNew(flow, flow.newPhone!, requester);
      return { kind: 'next' };
    },

    /** Checks the new number's code and moves the account to the number. */
    verifyNew(flow: PhoneChangeFlow, typed: string, requester: Requester): StepOutcome {
      const user = users.findById(flow.accountId);
      if (!user?.phone) return notSignedIn(flow);
      if (flow.newPhone === undefined) return { kind: 'next' };
      if (!proofIsFresh(flow)) return proofExpired(flow);
      const check = checkCode(codes, newKey(flow), flow.newPhone, typed, requester);
      if (check.result !== 'ok') return codeRefusal(check, flow.locale);
      codes.forget(newKey(flow));
      if (!users.changePhone(user.id, flow.newPhone)) {
        save(flow, { step: 'new-number', newPhone: undefined, codeSentAt: undefined });
        return { kind: 'refused', status: 422, notice: accountMessagesFor(flow.locale).phoneInUse };
      }
      flows.finish(flow.id);
      deps.log(
        `logto-local: account ${user.id} changed its phone number from ${maskPhoneForLog(user.phone)} to ${maskPhoneForLog(flow.newPhone)}`,
      );
      return { kind: 'changed', returnTo: flow.returnTo };
    },

    /** "Use a different number": back to the new-number step, keeping the proof. */
    useAnotherNumber(flow: PhoneChangeFlow): StepOutcome {
      if (flow.step !== 'new-code') return { kind: 'next' };
      return save(flow, { step: 'new-number', newPhone: undefined, codeSentAt: undefined });
    },
  };
}

export type PhoneChange = ReturnType<typeof createPhoneChange>;

function checkCode(
  codes: VerificationCodes,
  key: string,
  phone: string,
  typed: string,
  requester: Requester,
): CodeCheck | { result: 'format' } {
  const code = typed.replace(/\s/g, '');
  if (!CODE_PATTERN.test(code)) return { result: 'format' };
  return codes.check(key, phone, code, requester.clientIp);
}

/**
 * A wrong, dead, expired or missing code, a locked number or a client at its cap of wrong codes:
 * the sign-in pages' words.
 */
function codeRefusal(
  check: Exclude<CodeCheck, { result: 'ok' }> | { result: 'format' },
  locale: Locale,
): StepOutcome {
  const t = messagesFor(locale);
  switch (check.result) {
    case 'identifier-locked':
    case 'client-limited': {
      const locked = guessRefusedAnswer(check, locale);
      return {
        kind: 'refused',
        status: locked.status,
        notice: locked.message,
        retryAfter: locked.retryAfter,
      };
    }
    case 'format':
      return { kind: 'refused', status: 400, notice: t.codeFormat };
    case 'wrong':
      return { kind: 'refused', status: 400, notice: t.codeWrong(check.remaining) };
    case 'locked':
      return { kind: 'refused', status: 400, notice: t.codeLocked };
    case 'expired':
      return { kind: 'refused', status: 400, notice: t.codeExpired };
    case 'missing':
      return { kind: 'refused', status: 400, notice: t.codeMissing };
  }
}

/** The account is gone (deleted meanwhile): nothing to change. */
function notSignedIn(flow: PhoneChangeFlow): StepOutcome {
  return { kind: 'refused', status: 401, notice: accountMessagesFor(flow.locale).flowExpired };
}
