import type { DatabaseSync } from 'node:sqlite';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes what no request can use any more, so disk stays bounded under unauthenticated traffic
 * (every `GET /oidc/auth` stores an interaction): expired oidc-provider models, expired codes,
 * send counts and failures older than the longest window that reads them, finished lockouts, and
 * the sign-in progress of interactions that are gone.
 */
export function createPurge(
  db: DatabaseSync,
  options: { sendWindowSeconds: number; now?: () => number },
) {
  const now = options.now ?? Date.now;
  // The hourly SMS cap reads an hour of sends; the per-number and per-IP limits read one window.
  const sendRetentionMs = Math.max(options.sendWindowSeconds * 1000, HOUR_MS);
  const statements = [
    [
      'oidc_models',
      db.prepare('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at < ?'),
    ],
    ['verification_records', db.prepare('DELETE FROM verification_records WHERE expires_at < ?')],
    ['sms_sends', db.prepare(`DELETE FROM sms_sends WHERE sent_at < ? - ${sendRetentionMs}`)],
    [
      'identifier_failures',
      db.prepare(`DELETE FROM identifier_failures WHERE failed_at < ? - ${HOUR_MS}`),
    ],
    ['client_failures', db.prepare(`DELETE FROM client_failures WHERE failed_at < ? - ${HOUR_MS}`)],
    ['identifier_lockouts', db.prepare('DELETE FROM identifier_lockouts WHERE locked_until < ?')],
  ] as const;
  // An interaction's uid is its id in oidc_models; once it has expired, its progress is abandoned.
  const abandonedProgress = db.prepare(`
    DELETE FROM sign_in_progress WHERE NOT EXISTS (
      SELECT 1 FROM oidc_models
      WHERE model = 'Interaction' AND id = sign_in_progress.uid AND (expires_at IS NULL OR expires_at >= ?)
    )`);

  /** Deletes everything stale now; returns how many rows went from each table. */
  function purgeNow(): Record<string, number> {
    const at = now();
    const removed: Record<string, number> = {};
    // Progress first, while the interactions it belongs to are still there to be checked.
    removed.sign_in_progress = Number(abandonedProgress.run(at).changes);
    for (const [table, statement] of statements) removed[table] = Number(statement.run(at).changes);
    return removed;
  }

  return {
    purgeNow,
    /** Purges now and then every `intervalSeconds`; the timer never keeps the process alive. */
    start(intervalSeconds: number): () => void {
      const run = () => {
        try {
          purgeNow();
        } catch (error) {
          console.error(`logto-local: could not purge expired rows: ${(error as Error).message}`);
        }
      };
      run();
      const timer = setInterval(run, intervalSeconds * 1000);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
