import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrateForPasswordsAndEmail } from './credentials-schema';
import { makeDataDirPrivate } from './private-files';

/**
 * Opens (or creates) logto-local's SQLite file, in write-ahead-log mode with `synchronous =
 * NORMAL`: each commit is appended to the WAL file before the statement returns, so whatever a
 * response acknowledged survives a crash or `kill -9` of logto-local (the persistence tests kill
 * it mid-burst). Only a power cut or an OS crash may undo the last commits, never corrupt the
 * file: for a development tool that means signing in again. `synchronous = FULL` would add an
 * fsync per commit on the event loop, which queued 50 concurrent sign-ins past relying parties'
 * timeouts (BENCHMARKS.md).
 * @see https://nodejs.org/api/sqlite.html
 * @see https://www.sqlite.org/pragma.html#pragma_synchronous
 * @see https://www.sqlite.org/wal.html
 */
export function openDatabase(dataDir: string): DatabaseSync {
  makeDataDirPrivate(dataDir);
  const file = path.join(dataDir, 'logto-local.sqlite');
  const db = new DatabaseSync(file);
  // NORMAL keeps what was committed only in WAL mode; without WAL (a network file system) refuse.
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
    CREATE TABLE IF NOT EXISTS secrets (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
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
    CREATE TABLE IF NOT EXISTS client_failures (
      client_ip TEXT NOT NULL,
      failed_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS client_failures_ip ON client_failures (client_ip, failed_at);
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
  migrateForPasswordsAndEmail(db);
  return db;
}
