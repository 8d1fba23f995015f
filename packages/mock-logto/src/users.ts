import { randomBytes } from 'node:crypto';
import type { IdTokenClaims } from '@logto/js';

/**
 * The claims of Logto's ID token, as Logto's own SDK types them. Type your provider's `profile()`
 * with it: it is what Logto sends, and what this mock signs.
 * @see https://docs.logto.io/user-management/user-data
 */
export type { IdTokenClaims } from '@logto/js';

/**
 * A person at Logto, as the profile claims of the ID tokens Logto signs for them with the scopes
 * `profile email phone`. Logto sends each of these, with `null` where a value is empty, so here
 * none is optional. `created_at` and `updated_at` (milliseconds) are sent too, though Logto's type
 * leaves them to its open index signature.
 */
export type LogtoUser = Required<
  Pick<
    IdTokenClaims,
    | 'sub'
    | 'name'
    | 'username'
    | 'picture'
    | 'email'
    | 'email_verified'
    | 'phone_number'
    | 'phone_number_verified'
  >
> & { created_at: number; updated_at: number };

/**
 * People who sign in by phone, as Logto holds their numbers: digits only, no `+`. Each is a part
 * of a user; `signIn()` and `approve()` fill the rest (a new `sub` every time).
 */
export const phoneUsers = {
  /** +81 90-1234-5678, a Japanese mobile number: what a user gets when none is given. */
  japan: { phone_number: '819012345678' },
  /** +1 201-555-0123. */
  us: { phone_number: '12015550123' },
  /** +44 7700 900123. */
  uk: { phone_number: '447700900123' },
  /** A person who also gave a name, which Logto sends alongside the number. */
  named: { name: 'Hanako Yamada', phone_number: '819012345678' },
  /** An account made with an email address and no phone: `phone_number` is null, as Logto sends it. */
  withoutPhone: {
    phone_number: null,
    phone_number_verified: false,
    email: 'hanako@example.com',
    email_verified: true,
  },
} satisfies Record<string, Partial<LogtoUser>>;

/** A full Logto user from a part of one: a new 12-character lowercase id, Logto's nulls elsewhere. */
export function logtoUser(overrides: Partial<LogtoUser> = {}): LogtoUser {
  const now = Date.now();
  const phone = overrides.phone_number === undefined ? '819012345678' : overrides.phone_number;
  return {
    sub: randomBytes(9).toString('hex').slice(0, 12),
    name: null,
    username: null,
    picture: null,
    email: null,
    email_verified: false,
    phone_number: phone,
    // Logto marks a number verified whenever one is set: it was only ever set by a code.
    phone_number_verified: phone !== null,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

/** A phone number as Logto keeps it: digits only, e.g. `+1 201-555-0123` → `12015550123`. */
export function logtoPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) {
    throw new Error(
      `mock-logto: "${phone}" is not a phone number (7 to 15 digits with the country code)`,
    );
  }
  return digits;
}
