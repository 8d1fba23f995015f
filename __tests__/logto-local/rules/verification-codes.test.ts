/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The code rules in-process, against logto-local's own SQLite schema and a hand-moved clock; the
// process-level tests (../verification-codes.test.ts) keep one check of each through the pages.
import { createClientGuessLimit } from '@/logto-local/client-guess-limit';
import { createIdentifierLockout } from '@/logto-local/identifier-lockout';
import { createVerificationCodes } from '@/logto-local/verification-codes';
import { manualClock, openScratchDatabase } from './scratch-database';

const PHONE = '+819012345678';
const CLIENT_IP = '203.0.113.1';
const TEST_PHONE = '+15005550006';
const TTL_SECONDS = 600;
const LOCKOUT_FAILURES = 25;
const LOCKOUT_SECONDS = 3600;

let database: ReturnType<typeof openScratchDatabase>;
let clock: ReturnType<typeof manualClock>;
let codes: ReturnType<typeof createVerificationCodes>;

beforeEach(() => {
  database = openScratchDatabase();
  clock = manualClock();
  const lockout = createIdentifierLockout(
    database.db,
    { lockoutFailures: LOCKOUT_FAILURES, lockoutDuration: LOCKOUT_SECONDS },
    clock.now,
  );
  codes = createVerificationCodes(
    database.db,
    {
      ttl: { verificationCode: TTL_SECONDS } as never,
      codes: { maxAttempts: 10 } as never,
      testPhones: new Map([[TEST_PHONE, '123456']]),
    },
    {
      lockout,
      clientGuesses: createClientGuessLimit(database.db, { failuresPerIp: 1000 }, clock.now),
    },
    clock.now,
  );
});
afterEach(() => database.remove());

/** A six-digit code that is not `code`. */
function wrongCodeFor(code: string): string {
  return code === '000000' ? '000001' : '000000';
}

it('sends six digits', () => {
  for (let i = 0; i < 20; i++)
    expect(codes.issue('sign-in-1', PHONE, 'SignIn').code).toMatch(/^\d{6}$/);
});

it('accepts the right code once and refuses the same code when it is replayed', () => {
  const { code } = codes.issue('sign-in-1', PHONE, 'SignIn');

  expect(codes.check('sign-in-1', PHONE, code, CLIENT_IP)).toEqual({ result: 'ok' });
  expect(codes.check('sign-in-1', PHONE, code, CLIENT_IP)).toEqual({ result: 'missing' });
});

it('counts down the tries left after each wrong code', () => {
  const { code } = codes.issue('sign-in-1', PHONE, 'SignIn');

  expect(codes.check('sign-in-1', PHONE, wrongCodeFor(code), CLIENT_IP)).toEqual({
    result: 'wrong',
    remaining: 9,
  });
  expect(codes.check('sign-in-1', PHONE, wrongCodeFor(code), CLIENT_IP)).toEqual({
    result: 'wrong',
    remaining: 8,
  });
});

it('kills a code at its tenth wrong try, so even the right code is then refused', () => {
  const { code } = codes.issue('sign-in-1', PHONE, 'SignIn');
  for (let i = 0; i < 9; i++) codes.check('sign-in-1', PHONE, wrongCodeFor(code), CLIENT_IP);

  expect(codes.check('sign-in-1', PHONE, wrongCodeFor(code), CLIENT_IP)).toEqual({
    result: 'locked',
  });
  expect(codes.check('sign-in-1', PHONE, code, CLIENT_IP)).toEqual({ result: 'locked' });
});

it('counts something that is not six digits as a wrong try', () => {
  const { code } = codes.issue('sign-in-1', PHONE, 'SignIn');

  expect(codes.check('sign-in-1', PHONE, `${code}0`, CLIENT_IP)).toEqual({
    result: 'wrong',
    remaining: 9,
  });
  expect(codes.check('sign-in-1', PHONE, code.slice(1), CLIENT_IP)).toEqual({
    result: 'wrong',
    remaining: 8,
  });
  expect(codes.check('sign-in-1', PHONE, ` ${code}`, CLIENT_IP)).toEqual({
    result: 'wrong',
    remaining: 7,
  });
});

it('accepts a code until the last millisecond of its ten minutes, and not at the end', () => {
  const early = codes.issue('sign-in-1', PHONE, 'SignIn');
  clock.advanceMs(TTL_SECONDS * 1000 - 1);
  expect(codes.check('sign-in-1', PHONE, early.code, CLIENT_IP)).toEqual({ result: 'ok' });

  const late = codes.issue('sign-in-2', PHONE, 'SignIn');
  clock.advanceSeconds(TTL_SECONDS);
  expect(codes.check('sign-in-2', PHONE, late.code, CLIENT_IP)).toEqual({ result: 'expired' });
});

it('counts only the newest code a sign-in sent to the number', () => {
  const first = codes.issue('sign-in-1', PHONE, 'SignIn');
  let second = codes.issue('sign-in-1', PHONE, 'SignIn');
  while (second.code === first.code) second = codes.issue('sign-in-1', PHONE, 'SignIn');

  expect(codes.check('sign-in-1', PHONE, first.code, CLIENT_IP)).toEqual({
    result: 'wrong',
    remaining: 9,
  });
  expect(codes.check('sign-in-1', PHONE, second.code, CLIENT_IP)).toEqual({ result: 'ok' });
});

it('refuses a code sent to another sign-in, even for the same number', () => {
  const { code } = codes.issue('sign-in-1', PHONE, 'SignIn');

  expect(codes.check('sign-in-2', PHONE, code, CLIENT_IP)).toEqual({ result: 'missing' });
  expect(codes.check('sign-in-1', PHONE, code, CLIENT_IP)).toEqual({ result: 'ok' });
});

it('takes back a code whose SMS could not be sent', () => {
  const { id, code } = codes.issue('sign-in-1', PHONE, 'SignIn');
  codes.discard(id);

  expect(codes.check('sign-in-1', PHONE, code, CLIENT_IP)).toEqual({ result: 'missing' });
});

it("forgets a finished sign-in's codes and no other sign-in's", () => {
  const finished = codes.issue('sign-in-1', PHONE, 'SignIn');
  const other = codes.issue('sign-in-2', PHONE, 'SignIn');
  codes.forget('sign-in-1');

  expect(codes.check('sign-in-1', PHONE, finished.code, CLIENT_IP)).toEqual({ result: 'missing' });
  expect(codes.check('sign-in-2', PHONE, other.code, CLIENT_IP)).toEqual({ result: 'ok' });
});

it('gives a test number its fixed code and treats other numbers as real', () => {
  expect(codes.isTestPhone(TEST_PHONE)).toBe(true);
  expect(codes.isTestPhone(PHONE)).toBe(false);
  expect(codes.issue('sign-in-1', TEST_PHONE, 'SignIn').code).toBe('123456');
  expect(codes.check('sign-in-1', TEST_PHONE, '123456', CLIENT_IP)).toEqual({ result: 'ok' });
});

describe('the number lockout', () => {
  /** Spends wrong guesses on fresh sign-ins, so no single code dies first. */
  function guessWrong(times: number, phone = PHONE) {
    const results = [];
    for (let i = 0; i < times; i++) {
      const uid = `guess-${i}-${Math.random()}`;
      const { code } = codes.issue(uid, phone, 'SignIn');
      results.push(codes.check(uid, phone, wrongCodeFor(code), CLIENT_IP));
    }
    return results;
  }

  it('locks a number at its 25th wrong code within the hour, across sign-ins, and says until when', () => {
    const results = guessWrong(LOCKOUT_FAILURES);
    const until = new Date(clock.now() + LOCKOUT_SECONDS * 1000);

    expect(results.slice(0, -1).every((result) => result.result === 'wrong')).toBe(true);
    expect(results.at(-1)).toEqual({ result: 'identifier-locked', until });
  });

  it('refuses even the right code while the number is locked, and only that number', () => {
    guessWrong(LOCKOUT_FAILURES);
    const locked = codes.issue('after', PHONE, 'SignIn');
    const other = codes.issue('other', '+819087654321', 'SignIn');

    expect(codes.check('after', PHONE, locked.code, CLIENT_IP)).toEqual({
      result: 'identifier-locked',
      until: new Date(clock.now() + LOCKOUT_SECONDS * 1000),
    });
    expect(codes.check('other', '+819087654321', other.code, CLIENT_IP)).toEqual({ result: 'ok' });
  });

  it('lets the number in again the moment the lockout ends, with its count started afresh', () => {
    guessWrong(LOCKOUT_FAILURES);
    clock.advanceSeconds(LOCKOUT_SECONDS);

    const { code } = codes.issue('after', PHONE, 'SignIn');
    expect(guessWrong(LOCKOUT_FAILURES - 1).every((result) => result.result === 'wrong')).toBe(
      true,
    );
    expect(codes.check('after', PHONE, code, CLIENT_IP)).toEqual({ result: 'ok' });
  });

  it('still holds the lock a millisecond before it ends', () => {
    guessWrong(LOCKOUT_FAILURES);
    clock.advanceMs(LOCKOUT_SECONDS * 1000 - 1);
    const { code } = codes.issue('after', PHONE, 'SignIn');

    expect(codes.check('after', PHONE, code, CLIENT_IP).result).toBe('identifier-locked');
  });

  it('forgets wrong codes older than an hour', () => {
    guessWrong(LOCKOUT_FAILURES - 1);
    clock.advanceSeconds(3600);

    expect(guessWrong(1)).toEqual([{ result: 'wrong', remaining: 9 }]);
  });

  it('still counts a wrong code from just under an hour ago', () => {
    guessWrong(LOCKOUT_FAILURES - 1);
    clock.advanceMs(3600 * 1000 - 1);

    expect(guessWrong(1)[0]?.result).toBe('identifier-locked');
  });

  it('locks a test number like any number, even for its fixed code', () => {
    guessWrong(LOCKOUT_FAILURES, TEST_PHONE);
    codes.issue('after', TEST_PHONE, 'SignIn');

    expect(codes.check('after', TEST_PHONE, '123456', CLIENT_IP).result).toBe('identifier-locked');
  });
});
