import type { DatabaseSync } from 'node:sqlite';

/**
 * Brings a logto-local database to accounts with passwords and emails, keeping every account:
 * `users` gets `email` and `password_hash` and a nullable `phone` (an account made by email has
 * none; SQLite cannot relax NOT NULL in place, so the table is rebuilt once, in a transaction),
 * and `sign_in_progress` gets the flow a sign-in is in (sign-in, register or reset).
 * @see https://www.sqlite.org/lang_altertable.html#otheralter
 */
export function migrateForPasswordsAndEmail(db: DatabaseSync): void {
  const userColumns = columnsOf(db, 'users');
  if (!userColumns.has('email')) {
    db.exec(`
      BEGIN IMMEDIATE;
      CREATE TABLE users_with_credentials (
        id TEXT PRIMARY KEY,
        phone TEXT UNIQUE,
        email TEXT UNIQUE,
        password_hash TEXT,
        username TEXT,
        name TEXT,
        picture TEXT,
        custom_data TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (phone IS NOT NULL OR email IS NOT NULL)
      );
      INSERT INTO users_with_credentials
        (id, phone, username, name, picture, custom_data, created_at, updated_at)
        SELECT id, phone, username, name, picture, custom_data, created_at, updated_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_with_credentials RENAME TO users;
      COMMIT;
    `);
  }
  if (!columnsOf(db, 'sign_in_progress').has('flow')) {
    db.exec(`ALTER TABLE sign_in_progress ADD COLUMN flow TEXT NOT NULL DEFAULT 'sign-in'`);
  }
}

function columnsOf(db: DatabaseSync, table: string): Set<string> {
  const rows = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
  return new Set(rows.map((row) => row.name));
}
