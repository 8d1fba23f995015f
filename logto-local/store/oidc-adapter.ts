import type { DatabaseSync } from 'node:sqlite';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface ModelRow {
  payload: string;
  expires_at: number | null;
  consumed_at: number | null;
}

/**
 * Stores oidc-provider's models (Session, Grant, RefreshToken, Interaction, …) in SQLite so they
 * survive a restart.
 *
 * Logto accepts a rotated refresh token again for a short grace (3 s) so that parallel refreshes
 * from one app do not log the person out; oidc-provider revokes the grant on any reuse. A refresh
 * token consumed less than `refreshReuseGrace` seconds ago is therefore reported as not consumed.
 * @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#adapter
 * @see https://docs.logto.io/integrate-logto/application-data-structure#refresh-token-reuse-interval
 */
export function createAdapterFactory(
  db: DatabaseSync,
  options: { refreshReuseGrace: number; now?: () => number },
) {
  const now = options.now ?? Date.now;
  const upsert = db.prepare(`
    INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
      uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`);
  const findById = db.prepare(
    'SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND id = ?',
  );
  const findByUid = db.prepare(
    'SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND uid = ?',
  );
  const findByUserCode = db.prepare(
    'SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND user_code = ?',
  );
  // Keep the first consumption time, so reusing within the grace does not extend the grace.
  const consume = db.prepare(
    'UPDATE oidc_models SET consumed_at = COALESCE(consumed_at, ?) WHERE model = ? AND id = ?',
  );
  const destroy = db.prepare('DELETE FROM oidc_models WHERE model = ? AND id = ?');
  const revokeByGrant = db.prepare('DELETE FROM oidc_models WHERE grant_id = ?');
  const purgeExpired = db.prepare(
    'DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at < ?',
  );

  purgeExpired.run(now());

  const toPayload = (model: string, row: ModelRow | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    if (row.expires_at !== null && row.expires_at <= now()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumed_at !== null) {
      const inGrace =
        model === 'RefreshToken' && now() - row.consumed_at < options.refreshReuseGrace * 1000;
      if (!inGrace) payload.consumed = Math.floor(row.consumed_at / 1000);
    }
    return payload;
  };

  return class SqliteAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? now() + expiresIn * 1000 : null;
      upsert.run(
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresAt,
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return toPayload(this.model, findById.get(this.model, id) as ModelRow | undefined);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return toPayload(this.model, findByUid.get(this.model, uid) as ModelRow | undefined);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return toPayload(
        this.model,
        findByUserCode.get(this.model, userCode) as ModelRow | undefined,
      );
    }

    async consume(id: string): Promise<void> {
      consume.run(now(), this.model, id);
    }

    async destroy(id: string): Promise<void> {
      destroy.run(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      revokeByGrant.run(grantId);
    }
  };
}
