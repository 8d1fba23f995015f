/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// One client's wrong codes, in-process against logto-local's own schema and a hand-moved clock;
// ../identifier-lockout.test.ts drives the same rule through the pages.
import { createClientGuessLimit } from '@/logto-local/client-guess-limit';
import { createIdentifierLockout } from '@/logto-local/identifier-lockout';
import { createVerificationCodes } from '@/logto-local/verification-codes';
import { manualClock, openScratchDatabase } from './scratch-database';

const LOCKOUT_FAILURES = 20;
const FAILURES_PER_IP = 10;
const STRANGER = '198.51.100.7';
const OWNER = '203.0.113.1';
const PHONE = '+819012345678';

let database: ReturnType<typeof openScratchDatabase>;
let clock: ReturnType<typeof manualClock>;
let codes: ReturnType<typeof createVerificationCodes>;
let lockout: ReturnType<typeof createIdentifierLockout>;

beforeEach(() => {
  database = openScratchDatabase();
  clock = manualClock();
  lockout = createIdentifierLockout(
    database.db,
    { lockoutFailures: LOCKOUT_FAILURES, lockoutDuration: 3600 },
    clock.now,
  );
  const clientGuesses = createClientGuessLimit(
    database.db,
    { failuresPerIp: FAILURES_PER_IP },
    clock.now,
  );
  codes = createVerificationCodes(
    database.db,
    {
      ttl: { verificationCode: 600 } as never,
      codes: { maxAttempts: 10 } as never,
      testPhones: new Map(),
    },
    { lockout, clientGuesses },
    clock.now,
  );
});
afterEach(() => database.remove());

const wrongCodeFor = (code: string) => (code === '000000' ? '000001' : '000000');

/** `count` wrong codes from `clientIp` for `phone`, each in a sign-in of its own; the last answer. */
function guessWrong(clientIp: string, phone: string, count: number) {
  let last;
  for (let guess = 1; guess <= count; guess += 1) {
    const uid = `sign-in-${clientIp}-${phone}-${clock.now()}-${guess}`;
    const { code } = codes.issue(uid, phone, 'SignIn');
    last = codes.check(uid, phone, wrongCodeFor(code), clientIp);
  }
  return last;
}

it('stops checking codes from a client once it entered its hourly cap of wrong codes, before the number locks', () => {
  expect(guessWrong(STRANGER, PHONE, FAILURES_PER_IP)).toMatchObject({ result: 'wrong' });

  const { code } = codes.issue('stranger-again', PHONE, 'SignIn');
  const refused = codes.check('stranger-again', PHONE, code, STRANGER);
  expect(refused).toEqual({ result: 'client-limited', until: new Date(clock.now() + 3600_000) });
  expect(lockout.lockedUntil(PHONE)).toBeUndefined();
});

it("counts a client's wrong codes across every number it tries", () => {
  guessWrong(STRANGER, '+819011110001', FAILURES_PER_IP / 2);
  guessWrong(STRANGER, '+819011110002', FAILURES_PER_IP / 2);
  const { code } = codes.issue('third-number', '+819011110003', 'SignIn');
  expect(codes.check('third-number', '+819011110003', code, STRANGER).result).toBe(
    'client-limited',
  );
});

it("keeps checking the owner's code from another client while the stranger is capped", () => {
  guessWrong(STRANGER, PHONE, FAILURES_PER_IP + 5);
  const { code } = codes.issue('owner', PHONE, 'SignIn');
  expect(codes.check('owner', PHONE, code, OWNER)).toEqual({ result: 'ok' });
});

it('still locks the number when several clients together reach the lockout count', () => {
  guessWrong(STRANGER, PHONE, FAILURES_PER_IP);
  const last = guessWrong('192.0.2.9', PHONE, LOCKOUT_FAILURES - FAILURES_PER_IP);
  expect(last).toMatchObject({ result: 'identifier-locked' });
});

it('lets the client guess again once its oldest wrong code is an hour old', () => {
  guessWrong(STRANGER, PHONE, 1);
  clock.advanceSeconds(600);
  guessWrong(STRANGER, PHONE, FAILURES_PER_IP - 1);
  clock.advanceSeconds(2999);
  const { code: early } = codes.issue('a-second-early', PHONE, 'SignIn');
  expect(codes.check('a-second-early', PHONE, early, STRANGER).result).toBe('client-limited');
  clock.advanceSeconds(1);
  const { code } = codes.issue('after-an-hour', PHONE, 'SignIn');
  expect(codes.check('after-an-hour', PHONE, code, STRANGER)).toEqual({ result: 'ok' });
});

it('does not count right codes against the client', () => {
  for (let signIn = 1; signIn <= FAILURES_PER_IP + 1; signIn += 1) {
    const { code } = codes.issue(`right-${signIn}`, PHONE, 'SignIn');
    expect(codes.check(`right-${signIn}`, PHONE, code, STRANGER)).toEqual({ result: 'ok' });
  }
});
