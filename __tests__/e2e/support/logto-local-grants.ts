import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';

/** What logto-local stored for one person's grant: how its refresh tokens were used. */
export interface GrantRecord {
  /** The grant still exists (a reused refresh token would have revoked it). */
  alive: boolean;
  /** Refresh tokens of the grant that were spent on a refresh. */
  consumedRefreshTokens: number;
  /** Refresh tokens of the grant not spent yet: exactly one, unless a token was used twice. */
  unspentRefreshTokens: number;
}

/**
 * Reads logto-local's own database (read-only) for the grant of the account with this number.
 * The test looks at what the provider saw, not at what the app says about itself.
 */
export function grantOf(dataDir: string, e164: string): GrantRecord {
  const db = new DatabaseSync(path.join(dataDir, 'logto-local.sqlite'), { readOnly: true });
  try {
    const user = db.prepare('SELECT id FROM users WHERE phone = ?').get(e164) as
      { id: string } | undefined;
    if (!user) throw new Error(`logto-local has no account for ${e164}`);
    const grant = db
      .prepare(
        "SELECT id FROM oidc_models WHERE model = 'Grant' AND json_extract(payload, '$.accountId') = ? ORDER BY rowid DESC LIMIT 1",
      )
      .get(user.id) as { id: string } | undefined;
    if (!grant) return { alive: false, consumedRefreshTokens: 0, unspentRefreshTokens: 0 };
    const counts = db
      .prepare(
        "SELECT SUM(consumed_at IS NOT NULL) AS consumed, SUM(consumed_at IS NULL) AS unspent FROM oidc_models WHERE model = 'RefreshToken' AND grant_id = ?",
      )
      .get(grant.id) as { consumed: number | null; unspent: number | null };
    return {
      alive: true,
      consumedRefreshTokens: counts.consumed ?? 0,
      unspentRefreshTokens: counts.unspent ?? 0,
    };
  } finally {
    db.close();
  }
}
