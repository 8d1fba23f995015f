import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** What logto-local stored of one person's refresh tokens: the provider's view, not the app's. */
export interface RefreshHistory {
  /** The grant still exists: a refresh token used again after its reuse grace revokes it. */
  alive: boolean;
  /** When each spent refresh token was first used, in milliseconds, oldest first. */
  spentAt: number[];
  /** Refresh tokens not spent yet: exactly one, unless a refresh token was used twice. */
  unspent: number;
}

/**
 * Reads logto-local's own database (read-only) for the newest grant of the account with this
 * number: what the provider saw, not what the app says about itself. The browser suite and the
 * compat matrix's App Router rows count refreshes with it.
 */
export function refreshHistory(dataDir: string, e164: string): RefreshHistory {
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
    if (!grant) return { alive: false, spentAt: [], unspent: 0 };
    const tokens = db
      .prepare("SELECT consumed_at FROM oidc_models WHERE model = 'RefreshToken' AND grant_id = ?")
      .all(grant.id) as { consumed_at: number | null }[];
    return {
      alive: true,
      spentAt: tokens
        .map(({ consumed_at: at }) => at)
        .filter((at): at is number => at !== null)
        .sort((a, b) => a - b),
      unspent: tokens.filter(({ consumed_at: at }) => at === null).length,
    };
  } finally {
    db.close();
  }
}
