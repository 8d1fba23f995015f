import { randomInt } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

/** A person known to logto-local, shaped like Logto's user record. */
export interface LocalUser {
  /** 12-character lowercase id, Logto's `sub`. */
  id: string;
  /** E.164 with `+`, e.g. `+819012345678`; null for an account made by email. */
  phone: string | null;
  /** Lowercase, e.g. `ada@example.com`; null for an account made by phone. */
  email: string | null;
  /** Argon2i hash (../passwords/hashing.ts); null until the person sets a password. */
  passwordHash: string | null;
  username: string | null;
  name: string | null;
  picture: string | null;
  customData: Record<string, unknown>;
  /** Milliseconds since the epoch, as Logto's `created_at` claim. */
  createdAt: number;
  updatedAt: number;
}

interface UserRow {
  id: string;
  phone: string | null;
  email: string | null;
  password_hash: string | null;
  username: string | null;
  name: string | null;
  picture: string | null;
  custom_data: string;
  created_at: number;
  updated_at: number;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Logto's user ids are 12 lowercase alphanumerics. @see https://docs.logto.io/user-management/user-data#id */
export function newUserId(): string {
  let id = '';
  for (let index = 0; index < 12; index += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** An email as logto-local keeps and looks it up: trimmed and lowercase. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Users in SQLite: looked up by phone or email at sign-in and by id when issuing claims. An
 * account has a phone, an email or both, each belonging to one account only.
 */
export function createUserStore(db: DatabaseSync) {
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byPhone = db.prepare('SELECT * FROM users WHERE phone = ?');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const insert = db.prepare(
    `INSERT INTO users (id, phone, email, password_hash, username, name, picture, custom_data, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, NULL, NULL, '{}', ?, ?) ON CONFLICT DO NOTHING`,
  );
  const updatePassword = db.prepare(
    'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?',
  );
  const findByPhone = (phone: string) => toUser(byPhone.get(phone) as UserRow | undefined);
  const findByEmail = (email: string) =>
    toUser(byEmail.get(normalizeEmail(email)) as UserRow | undefined);
  /** The account an identifier belongs to: an email has an `@`, a phone number never does. */
  const findByIdentifier = (identifier: string) =>
    identifier.includes('@') ? findByEmail(identifier) : findByPhone(identifier);
  // One statement, so two accounts racing for a number cannot both get it.
  const movePhone = db.prepare(
    `UPDATE users SET phone = ?, updated_at = ? WHERE id = ?
     AND NOT EXISTS (SELECT 1 FROM users WHERE phone = ? AND id <> ?)`,
  );
  return {
    findById(id: string): LocalUser | undefined {
      return toUser(byId.get(id) as UserRow | undefined);
    },
    findByPhone,
    findByEmail,
    findByIdentifier,
    /**
     * Creates the account for a verified phone or email, with a password hash when sign-up asked
     * for one; returns the existing account if another tab made it first.
     */
    createWithIdentifier(identifier: string, passwordHash: string | null = null): LocalUser {
      const now = Date.now();
      const email = identifier.includes('@') ? normalizeEmail(identifier) : null;
      insert.run(newUserId(), email ? null : identifier, email, passwordHash, now, now);
      return findByIdentifier(identifier)!;
    },
    /** Creates the account for a verified phone; returns the existing one if it raced another tab. */
    createWithPhone(phone: string): LocalUser {
      const now = Date.now();
      insert.run(newUserId(), phone, null, null, now, now);
      return findByPhone(phone)!;
    },
    /** Replaces the account's password hash (a reset). */
    setPasswordHash(id: string, passwordHash: string): void {
      updatePassword.run(passwordHash, Date.now(), id);
    },
    /**
     * Moves an account to another verified number, keeping its id (`sub`); false, and nothing
     * changed, when another account has the number. The old number is free for a new account.
     */
    changePhone(id: string, phone: string): boolean {
      return Number(movePhone.run(phone, Date.now(), id, phone, id).changes) === 1;
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;

function toUser(row: UserRow | undefined): LocalUser | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    phone: row.phone,
    email: row.email,
    passwordHash: row.password_hash,
    username: row.username,
    name: row.name,
    picture: row.picture,
    customData: JSON.parse(row.custom_data) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
