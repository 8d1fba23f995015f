import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { supportedLocale, type Locale } from '../../lib/i18n/locales';

/** How long one visit to the phone page may take, from opening it to the new number. */
export const FLOW_TTL_SECONDS = 60 * 60;

/**
 * Where one change of number stands:
 * - `verify`: the current number is shown, nothing sent yet;
 * - `current-code`: a `UserPermissionValidation` code went to the current number;
 * - `new-number`: the current number is proven; the new one is asked for;
 * - `new-code`: a `BindNewIdentifier` code went to `newPhone`.
 */
export type PhoneChangeStep = 'verify' | 'current-code' | 'new-number' | 'new-code';

/** One person's change of number, bound to the logto-local session that started it. */
export interface PhoneChangeFlow {
  /** Random and unguessable; also what the pages' forms post back, like a CSRF token. */
  id: string;
  accountId: string;
  /** The oidc-provider session (its `uid`) the flow belongs to. */
  sessionUid: string;
  /** Where to send the person afterwards (already checked to be the app's); none: a success page. */
  returnTo: string | undefined;
  locale: Locale;
  step: PhoneChangeStep;
  /** E.164, once a code went to it. */
  newPhone: string | undefined;
  /** When the last code of this step was sent (ms since the epoch), for the resend countdown. */
  codeSentAt: number | undefined;
  /** When the current number's code was verified (ms); the proof lasts 10 minutes, as Logto's. */
  identityVerifiedAt: number | undefined;
  expiresAt: number;
}

interface FlowRow {
  id: string;
  account_id: string;
  session_uid: string;
  return_to: string | null;
  locale: string;
  step: string;
  new_phone: string | null;
  code_sent_at: number | null;
  identity_verified_at: number | null;
  expires_at: number;
}

const STEPS = new Set<string>(['verify', 'current-code', 'new-number', 'new-code']);

/**
 * Changes of number in progress, in logto-local's SQLite file (their own table), so a restart or a
 * key rotation in the middle loses nothing. A session has at most one; expired ones are deleted
 * whenever a new one starts.
 */
export function createPhoneChangeFlows(db: DatabaseSync, now: () => number = Date.now) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS phone_change_flows (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      session_uid TEXT NOT NULL,
      return_to TEXT,
      locale TEXT NOT NULL,
      step TEXT NOT NULL,
      new_phone TEXT,
      code_sent_at INTEGER,
      identity_verified_at INTEGER,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS phone_change_flows_expiry ON phone_change_flows (expires_at);
  `);
  const insert = db.prepare(`
    INSERT INTO phone_change_flows
      (id, account_id, session_uid, return_to, locale, step, new_phone, code_sent_at,
       identity_verified_at, expires_at)
    VALUES (?, ?, ?, ?, ?, 'verify', NULL, NULL, NULL, ?)`);
  const update = db.prepare(`
    UPDATE phone_change_flows SET step = ?, new_phone = ?, code_sent_at = ?, identity_verified_at = ?
    WHERE id = ?`);
  const find = db.prepare('SELECT * FROM phone_change_flows WHERE id = ? AND expires_at > ?');
  const remove = db.prepare('DELETE FROM phone_change_flows WHERE id = ?');
  const purge = db.prepare('DELETE FROM phone_change_flows WHERE expires_at <= ?');
  const replaceSessions = db.prepare('DELETE FROM phone_change_flows WHERE session_uid = ?');

  return {
    start(owner: {
      accountId: string;
      sessionUid: string;
      returnTo: string | undefined;
      locale: Locale;
    }): PhoneChangeFlow {
      const at = now();
      purge.run(at);
      // One change in progress per session: opening the page again starts over, so a signed-in
      // browser cannot pile up rows.
      replaceSessions.run(owner.sessionUid);
      const id = randomBytes(18).toString('base64url');
      const expiresAt = at + FLOW_TTL_SECONDS * 1000;
      insert.run(
        id,
        owner.accountId,
        owner.sessionUid,
        owner.returnTo ?? null,
        owner.locale,
        expiresAt,
      );
      return {
        id,
        ...owner,
        step: 'verify',
        newPhone: undefined,
        codeSentAt: undefined,
        identityVerifiedAt: undefined,
        expiresAt,
      };
    },
    /** The flow, or undefined when it does not exist or has expired. */
    find(id: string): PhoneChangeFlow | undefined {
      return toFlow(find.get(id, now()) as FlowRow | undefined);
    },
    save(flow: PhoneChangeFlow): void {
      update.run(
        flow.step,
        flow.newPhone ?? null,
        flow.codeSentAt ?? null,
        flow.identityVerifiedAt ?? null,
        flow.id,
      );
    },
    finish(id: string): void {
      remove.run(id);
    },
  };
}

export type PhoneChangeFlows = ReturnType<typeof createPhoneChangeFlows>;

function toFlow(row: FlowRow | undefined): PhoneChangeFlow | undefined {
  if (!row || !STEPS.has(row.step)) return undefined;
  return {
    id: row.id,
    accountId: row.account_id,
    sessionUid: row.session_uid,
    returnTo: row.return_to ?? undefined,
    locale: supportedLocale(row.locale) ?? 'en',
    step: row.step as PhoneChangeStep,
    newPhone: row.new_phone ?? undefined,
    codeSentAt: row.code_sent_at ?? undefined,
    identityVerifiedAt: row.identity_verified_at ?? undefined,
    expiresAt: row.expires_at,
  };
}
