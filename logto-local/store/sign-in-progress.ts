import type { DatabaseSync } from 'node:sqlite';

/**
 * Where one sign-in interaction stands: the number a code went to, and whether that code was
 * verified (an unknown number then waits on the "create account" page).
 */
export interface SignInProgress {
  phone: string;
  step: 'code' | 'verified';
  /** When the last code was sent, in ms since the epoch, for the resend countdown. */
  codeSentAt: number;
}

/** Sign-in progress per interaction uid, persisted so a restart mid sign-in loses nothing. */
export function createSignInProgressStore(db: DatabaseSync) {
  const find = db.prepare('SELECT phone, step, code_sent_at FROM sign_in_progress WHERE uid = ?');
  const save = db.prepare(`
    INSERT INTO sign_in_progress (uid, phone, step, code_sent_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (uid) DO UPDATE SET phone = excluded.phone, step = excluded.step,
      code_sent_at = excluded.code_sent_at`);
  const remove = db.prepare('DELETE FROM sign_in_progress WHERE uid = ?');
  return {
    get(uid: string): SignInProgress | undefined {
      const row = find.get(uid) as
        { phone: string; step: string; code_sent_at: number } | undefined;
      if (!row) return undefined;
      return {
        phone: row.phone,
        step: row.step === 'verified' ? 'verified' : 'code',
        codeSentAt: row.code_sent_at,
      };
    },
    save(uid: string, progress: SignInProgress): void {
      save.run(uid, progress.phone, progress.step, progress.codeSentAt);
    },
    clear(uid: string): void {
      remove.run(uid);
    },
  };
}

export type SignInProgressStore = ReturnType<typeof createSignInProgressStore>;
