/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// Signing in with a password and choosing a new one (sign-up or reset), in-process, on a scratch
// database and a hand-moved clock for the lockout.
import { createClientGuessLimit } from '@/logto-local/client-guess-limit';
import { createIdentifierLockout } from '@/logto-local/identifier-lockout';
import { hashPassword } from '@/logto-local/passwords/hashing';
import {
  checkSignInPassword,
  chooseNewPassword,
  minimumLength,
} from '@/logto-local/passwords/rules';
import { manualClock, openScratchDatabase } from './scratch-database';

const PHONE = '+819012345678';
const CLIENT = '203.0.113.7';
let scratch: ReturnType<typeof openScratchDatabase>;
let clock: ReturnType<typeof manualClock>;
/** The lockout (after `failures` wrong guesses for an identifier) and the per-client cap. */
const boundsOf = (failures = 3, perClient = 50) => ({
  lockout: createIdentifierLockout(
    scratch.db,
    { lockoutFailures: failures, lockoutDuration: 600 },
    clock.now,
  ),
  clientGuesses: createClientGuessLimit(scratch.db, { failuresPerIp: perClient }, clock.now),
});
const attempt = (identifier = PHONE, clientIp = CLIENT) => ({ identifier, clientIp });

beforeEach(() => {
  scratch = openScratchDatabase();
  clock = manualClock();
});
afterEach(() => scratch.remove());

describe('signing in with a password', () => {
  it('accepts the password the account was made with', async () => {
    const hash = await hashPassword('b00kst0re-Lover');
    await expect(
      checkSignInPassword(boundsOf(), attempt(), hash, 'b00kst0re-Lover'),
    ).resolves.toEqual({ result: 'ok' });
  });

  it('refuses another password and counts it towards the lockout', async () => {
    const hash = await hashPassword('b00kst0re-Lover');
    const bounds = boundsOf(2);
    await expect(checkSignInPassword(bounds, attempt(), hash, 'wrong-one-1')).resolves.toEqual({
      result: 'wrong',
    });
    const second = await checkSignInPassword(bounds, attempt(), hash, 'wrong-one-2');
    expect(second).toEqual({ result: 'identifier-locked', until: new Date(clock.now() + 600_000) });
  });

  it('refuses even the right password while the identifier is locked', async () => {
    const hash = await hashPassword('b00kst0re-Lover');
    const bounds = boundsOf(1);
    await checkSignInPassword(bounds, attempt(), hash, 'wrong');
    await expect(
      checkSignInPassword(bounds, attempt(), hash, 'b00kst0re-Lover'),
    ).resolves.toMatchObject({ result: 'identifier-locked' });
  });

  it('lets the identifier in again once the lockout is over', async () => {
    const hash = await hashPassword('b00kst0re-Lover');
    const bounds = boundsOf(1);
    await checkSignInPassword(bounds, attempt(), hash, 'wrong');
    clock.advanceSeconds(601);
    await expect(checkSignInPassword(bounds, attempt(), hash, 'b00kst0re-Lover')).resolves.toEqual({
      result: 'ok',
    });
  });

  it('answers an unknown identifier or an account without a password as a wrong password', async () => {
    await expect(
      checkSignInPassword(boundsOf(), attempt(), undefined, 'anything'),
    ).resolves.toEqual({ result: 'wrong' });
    await expect(checkSignInPassword(boundsOf(), attempt(), null, 'anything')).resolves.toEqual({
      result: 'wrong',
    });
  });

  it('counts the guesses against an unknown identifier too, so probing it is bounded', async () => {
    const bounds = boundsOf(1);
    await checkSignInPassword(bounds, attempt('ada@example.com'), undefined, 'guess');
    expect(bounds.lockout.lockedUntil('ada@example.com')).toBeInstanceOf(Date);
  });

  it('stops a client past its hourly cap of wrong guesses, across identifiers, before any Argon2 work', async () => {
    const hash = await hashPassword('b00kst0re-Lover');
    const bounds = boundsOf(100, 2);
    await checkSignInPassword(bounds, attempt('+819011111111'), hash, 'wrong-1');
    await checkSignInPassword(bounds, attempt('ada@example.com'), hash, 'wrong-2');
    const stopped = await checkSignInPassword(bounds, attempt(), hash, 'b00kst0re-Lover');
    expect(stopped).toEqual({
      result: 'client-limited',
      until: new Date(clock.now() + 60 * 60 * 1000),
    });
    // Another client is not affected, and the number itself is not locked.
    await expect(
      checkSignInPassword(bounds, attempt(PHONE, '198.51.100.9'), hash, 'b00kst0re-Lover'),
    ).resolves.toEqual({ result: 'ok' });
  });
});

describe('choosing a new password', () => {
  const options = { policy: {}, owner: { phone: PHONE }, locale: 'en' as const };

  it('hashes a password the policy takes with Argon2i, never storing it as typed', async () => {
    const verdict = await chooseNewPassword('b00kst0re-Lover', options);
    expect(verdict.ok).toBe(true);
    const hash = verdict.ok ? verdict.passwordHash : '';
    expect(hash).toMatch(/^\$argon2i\$v=19\$m=8192,t=8,p=1\$/);
    expect(hash).not.toContain('b00kst0re-Lover');
    await expect(
      checkSignInPassword(boundsOf(), attempt(), hash, 'b00kst0re-Lover'),
    ).resolves.toEqual({ result: 'ok' });
  });

  it("refuses what the policy refuses, with the policy's words", async () => {
    await expect(chooseNewPassword('819012345678', options)).resolves.toEqual({
      ok: false,
      message: 'Avoid overusing your personal information and sequential characters.',
    });
  });

  it('refuses, in a reset, the password the account already has', async () => {
    const currentHash = await hashPassword('b00kst0re-Lover');
    await expect(
      chooseNewPassword('b00kst0re-Lover', { ...options, currentHash }),
    ).resolves.toEqual({
      ok: false,
      message: 'New password cannot be the same as your old password.',
    });
  });

  it('takes, in a reset, any other password the policy takes', async () => {
    const currentHash = await hashPassword('b00kst0re-Lover');
    const verdict = await chooseNewPassword('n3w-Reading-Lamp', { ...options, currentHash });
    expect(verdict.ok).toBe(true);
  });

  it('says it in Japanese', async () => {
    const currentHash = await hashPassword('b00kst0re-Lover');
    await expect(
      chooseNewPassword('b00kst0re-Lover', { ...options, currentHash, locale: 'ja' }),
    ).resolves.toEqual({
      ok: false,
      message: '新しいパスワードは以前のパスワードと同じにできません。',
    });
  });
});

it("states the tenant's minimum length on the page, else Logto's 8", () => {
  expect(minimumLength({})).toBe(8);
  expect(minimumLength({ length: { min: 12 } })).toBe(12);
});
