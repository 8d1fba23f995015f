import type { DatabaseSync } from 'node:sqlite';

/** What the person set out to do in this interaction, as Logto's flows name it. */
export type SignInFlow = 'sign-in' | 'register' | 'reset';

/**
 * Where one flow stands:
 * - `identify`: on the identifier page of the flow, prefilled with `phone`;
 * - `code`: a code went to `phone`, waiting for it;
 * - `verified`: the code was right; an unknown identifier waits on "create account", a known
 *   one (while registering) on "sign in instead";
 * - `password`: waiting for the password of `phone`'s account;
 * - `create-password`: a new account waits for its password ("Create a password");
 * - `new-password`: a verified reset waits for the new password.
 */
export type SignInStep =
  'identify' | 'code' | 'verified' | 'password' | 'create-password' | 'new-password';

const STEPS = new Set<string>([
  'identify',
  'code',
  'verified',
  'password',
  'create-password',
  'new-password',
]);
const FLOWS = new Set<string>(['sign-in', 'register', 'reset']);

/**
 * Where one sign-in interaction stands: the identifier (a phone number, or an email) a code went
 * to or a password is asked for, the flow, and the step.
 */
export interface SignInProgress {
  /** E.164 phone number or email (the column keeps its first name, `phone`). */
  phone: string;
  step: SignInStep;
  flow: SignInFlow;
  /** When the last code was sent, in ms since the epoch, for the resend countdown (0: none). */
  codeSentAt: number;
}

/** Sign-in progress per interaction uid, persisted so a restart mid sign-in loses nothing. */
export function createSignInProgressStore(db: DatabaseSync) {
  const find = db.prepare(
    'SELECT phone, step, flow, code_sent_at FROM sign_in_progress WHERE uid = ?',
  );
  const save = db.prepare(`
    INSERT INTO sign_in_progress (uid, phone, step, flow, code_sent_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (uid) DO UPDATE SET phone = excluded.phone, step = excluded.step,
      flow = excluded.flow, code_sent_at = excluded.code_sent_at`);
  const remove = db.prepare('DELETE FROM sign_in_progress WHERE uid = ?');
  return {
    get(uid: string): SignInProgress | undefined {
      const row = find.get(uid) as
        { phone: string; step: string; flow: string; code_sent_at: number } | undefined;
      if (!row) return undefined;
      return {
        phone: row.phone,
        step: STEPS.has(row.step) ? (row.step as SignInStep) : 'code',
        flow: FLOWS.has(row.flow) ? (row.flow as SignInFlow) : 'sign-in',
        codeSentAt: row.code_sent_at,
      };
    },
    save(uid: string, progress: Omit<SignInProgress, 'flow'> & { flow?: SignInFlow }): void {
      save.run(uid, progress.phone, progress.step, progress.flow ?? 'sign-in', progress.codeSentAt);
    },
    clear(uid: string): void {
      remove.run(uid);
    },
  };
}

export type SignInProgressStore = ReturnType<typeof createSignInProgressStore>;
