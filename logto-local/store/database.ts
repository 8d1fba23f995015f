import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createDurabilityBarrier } from './durability';
import { makeDataDirPrivate } from './private-files';

/** The open database and the barrier every response waits on before it acknowledges a write. */
export interface LocalDatabase {
  db: DatabaseSync;
  /** Resolves once everything committed so far is on disk (see durability.ts). */
  durable(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (or creates) logto-local's SQLite file. An acknowledged write is never lost to a crash:
 * commits go to the WAL without an fsync on the event loop (`synchronous = NORMAL`), and no HTTP
 * response leaves before `durable()` has flushed the WAL past them. With `synchronous = FULL`
 * instead, each of a sign-in's ~18 writes flushed the disk on the event loop, and 50 concurrent
 * sign-ins queued behind those flushes until relying parties timed out (issue 6).
 * @see https://nodejs.org/api/sqlite.html
 * @see https://www.sqlite.org/pragma.html#pragma_synchronous
 */
export function openDatabase(dataDir: string): LocalDatabase {
  makeDataDirPrivate(dataDir);
  const file = path.join(dataDir, 'logto-local.sqlite');
  const db = new DatabaseSync(file);
  // durable() flushes the WAL file, so a database that cannot use WAL must not start.
  const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
  if (mode.journal_mode !== 'wal') {
    db.close();
    throw new Error(
      `SQLite could not use write-ahead logging for ${file} (journal mode ${mode.journal_mode}). Put LOGTO_LOCAL_DATA_DIR on a local disk.`,
    );
  }
  db.exec(`
    PRAGMA synchronous = NORMAL;
    PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS oidc_models (
      model TEXT NOT NULL,
      id TEXT NOT NULL,
      payload TEXT NOT NULL,
      grant_id TEXT,
      uid TEXT,
      user_code TEXT,
      expires_at INTEGER,
      consumed_at INTEGER,
      PRIMARY KEY (model, id)
    );
    CREATE INDEX IF NOT EXISTS oidc_models_grant ON oidc_models (grant_id);
    CREATE INDEX IF NOT EXISTS oidc_models_uid ON oidc_models (model, uid);
    CREATE TABLE IF NOT EXISTS users (
      id TEXT PRIMARY KEY,
      phone TEXT UNIQUE NOT NULL,
      username TEXT,
      name TEXT,
      picture TEXT,
      custom_data TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS signing_keys (
      kid TEXT PRIMARY KEY,
      private_jwk TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    -- Codes used to belong to a number (one row per phone); now each send is its own record,
    -- bound to the interaction that asked for it, as Logto keeps them.
    DROP TABLE IF EXISTS verification_codes;
    DROP TABLE IF EXISTS code_sends;
    CREATE TABLE IF NOT EXISTS verification_records (
      id TEXT PRIMARY KEY,
      interaction_uid TEXT NOT NULL,
      phone TEXT NOT NULL,
      code TEXT NOT NULL,
      usage_type TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      failed_attempts INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS verification_records_interaction
      ON verification_records (interaction_uid, phone, created_at);
    CREATE TABLE IF NOT EXISTS sms_sends (
      phone TEXT NOT NULL,
      interaction_uid TEXT NOT NULL,
      client_ip TEXT NOT NULL,
      billable INTEGER NOT NULL,
      sent_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sms_sends_phone ON sms_sends (phone, sent_at);
    CREATE INDEX IF NOT EXISTS sms_sends_interaction ON sms_sends (interaction_uid, sent_at);
    CREATE INDEX IF NOT EXISTS sms_sends_ip ON sms_sends (client_ip, sent_at);
    CREATE INDEX IF NOT EXISTS sms_sends_time ON sms_sends (sent_at);
    CREATE TABLE IF NOT EXISTS identifier_failures (
      phone TEXT NOT NULL,
      failed_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS identifier_failures_phone ON identifier_failures (phone, failed_at);
    CREATE TABLE IF NOT EXISTS identifier_lockouts (
      phone TEXT PRIMARY KEY,
      locked_until INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sign_in_progress (
      uid TEXT PRIMARY KEY,
      phone TEXT NOT NULL,
      step TEXT NOT NULL,
      code_sent_at INTEGER NOT NULL
    );
  `);
  const barrier = createDurabilityBarrier(db, `${file}-wal`);
  return {
    db,
    durable: barrier.durable,
    async close() {
      await barrier.close();
      db.close();
    },
  };
}
