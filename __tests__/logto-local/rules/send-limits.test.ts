/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The send limits in-process, against logto-local's own SQLite schema and a hand-moved clock; the
// process-level tests (../send-limits.test.ts) keep one check of each through the sign-in pages.
import { createSendLimits, type SendRequest } from '@/logto-local/send-limits';
import { manualClock, openScratchDatabase } from './scratch-database';

const COOLDOWN_SECONDS = 59;
const WINDOW_SECONDS = 600;
const PER_NUMBER = 4;
const PER_IP = 6;
const PER_HOUR = 8;
const NUMBERS_PER_SIGN_IN = 3;

let database: ReturnType<typeof openScratchDatabase>;
let clock: ReturnType<typeof manualClock>;
let log: jest.Mock<void, [string]>;
let limits: ReturnType<typeof createSendLimits>;

beforeEach(() => {
  database = openScratchDatabase();
  clock = manualClock();
  log = jest.fn();
  limits = createSendLimits(
    database.db,
    {
      codes: {
        maxAttempts: 10,
        maxSendsPerWindow: PER_NUMBER,
        sendWindow: WINDOW_SECONDS,
        resendCooldown: COOLDOWN_SECONDS,
      },
      limits: {
        lockoutFailures: 100,
        lockoutDuration: 3600,
        numbersPerSignIn: NUMBERS_PER_SIGN_IN,
        sendsPerIp: PER_IP,
        failuresPerIp: 50,
        smsPerHour: PER_HOUR,
      },
    },
    log,
    clock.now,
  );
});
afterEach(() => database.remove());

let signIns = 0;
/** A send from a sign-in of its own unless told otherwise, so the resend wait stays out of the way. */
function request(overrides: Partial<SendRequest> = {}): SendRequest {
  signIns += 1;
  return {
    interactionUid: `sign-in-${signIns}`,
    phone: '+819012345678',
    clientIp: `192.0.2.${signIns % 250}`,
    billable: true,
    ...overrides,
  };
}

function reserve(overrides: Partial<SendRequest> = {}) {
  return limits.reserve(request(overrides));
}

describe('the resend wait', () => {
  it('refuses a second send from one sign-in before the wait and says when to retry', () => {
    const start = clock.now();
    expect(reserve({ interactionUid: 'a' }).allowed).toBe(true);
    clock.advanceMs(COOLDOWN_SECONDS * 1000 - 1);

    expect(reserve({ interactionUid: 'a' })).toEqual({
      allowed: false,
      reason: 'resend-wait',
      retryAt: new Date(start + COOLDOWN_SECONDS * 1000),
    });
  });

  it('applies to another number from the same sign-in too', () => {
    reserve({ interactionUid: 'a', phone: '+819012345678' });

    expect(reserve({ interactionUid: 'a', phone: '+819087654321' })).toMatchObject({
      allowed: false,
      reason: 'resend-wait',
    });
  });

  it('lets the sign-in send again once the wait is over', () => {
    reserve({ interactionUid: 'a' });
    clock.advanceSeconds(COOLDOWN_SECONDS);

    expect(reserve({ interactionUid: 'a' }).allowed).toBe(true);
  });

  it('does not hold back another sign-in', () => {
    reserve({ interactionUid: 'a' });

    expect(reserve({ interactionUid: 'b' }).allowed).toBe(true);
  });
});

describe('numbers per sign-in', () => {
  function sendTo(phone: string) {
    const result = reserve({ interactionUid: 'a', phone });
    clock.advanceSeconds(COOLDOWN_SECONDS);
    return result;
  }

  it('refuses a fourth number in one sign-in and names the limit', () => {
    sendTo('+819000000001');
    sendTo('+819000000002');
    sendTo('+819000000003');

    expect(sendTo('+819000000004')).toEqual({
      allowed: false,
      reason: 'numbers-per-sign-in',
      limit: NUMBERS_PER_SIGN_IN,
    });
  });

  it('still lets that sign-in resend to a number it already used', () => {
    sendTo('+819000000001');
    sendTo('+819000000002');
    sendTo('+819000000003');

    expect(sendTo('+819000000002').allowed).toBe(true);
  });
});

describe('sends per number', () => {
  it('refuses the fifth code to one number within the window and says when the oldest leaves it', () => {
    const first = clock.now();
    for (let i = 0; i < PER_NUMBER; i++) {
      expect(reserve().allowed).toBe(true);
      clock.advanceSeconds(10);
    }

    expect(reserve()).toEqual({
      allowed: false,
      reason: 'per-number',
      retryAt: new Date(first + WINDOW_SECONDS * 1000),
    });
    expect(reserve({ phone: '+819087654321' }).allowed).toBe(true);
  });

  it('lets the number have a code again once its oldest send leaves the window', () => {
    for (let i = 0; i < PER_NUMBER; i++) reserve();
    clock.advanceSeconds(WINDOW_SECONDS);

    expect(reserve().allowed).toBe(true);
  });

  it('still counts a send from just inside the window', () => {
    for (let i = 0; i < PER_NUMBER; i++) reserve();
    clock.advanceMs(WINDOW_SECONDS * 1000 - 1);

    expect(reserve()).toMatchObject({ allowed: false, reason: 'per-number' });
  });

  it('counts only sends that went out: a released send is taken back', () => {
    for (let i = 0; i < PER_NUMBER; i++) {
      const reservation = reserve();
      if (reservation.allowed) reservation.release();
    }

    expect(reserve().allowed).toBe(true);
  });
});

describe('sends per client IP', () => {
  it('stops a burst from one IP at the cap, across numbers and sign-ins, and not other IPs', () => {
    const first = clock.now();
    for (let i = 0; i < PER_IP; i++) {
      expect(reserve({ clientIp: '198.51.100.7', phone: `+8190000000${10 + i}` }).allowed).toBe(
        true,
      );
      clock.advanceSeconds(1);
    }

    expect(reserve({ clientIp: '198.51.100.7', phone: '+819000000099' })).toEqual({
      allowed: false,
      reason: 'per-ip',
      retryAt: new Date(first + WINDOW_SECONDS * 1000),
    });
    expect(reserve({ clientIp: '198.51.100.8', phone: '+819000000099' }).allowed).toBe(true);
  });
});

describe('the hourly SMS cap', () => {
  /** Billable sends from as many IPs and numbers as it takes, so only the hourly cap applies. */
  function spread(count: number, billable = true) {
    return Array.from({ length: count }, (_, i) =>
      reserve({ phone: `+8190000001${String(i).padStart(2, '0')}`, billable }),
    );
  }

  it('refuses the next SMS once the hour has seen the cap, says when, and logs it once a minute', () => {
    const first = clock.now();
    expect(spread(PER_HOUR).every((result) => result.allowed)).toBe(true);

    const retryAt = new Date(first + 3600 * 1000);
    expect(spread(3)).toEqual(Array(3).fill({ allowed: false, reason: 'hourly-cap', retryAt }));
    expect(log.mock.calls).toEqual([
      [
        `logto-local: the hourly SMS cap (${PER_HOUR}, LOGTO_LOCAL_HOURLY_SMS_LIMIT) is reached; refusing codes until ${retryAt.toISOString()}`,
      ],
    ]);

    clock.advanceMs(60 * 1000 - 1);
    spread(1);
    expect(log).toHaveBeenCalledTimes(1);
    clock.advanceMs(1);
    spread(1);
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('lets test numbers through, which send no SMS, and does not count them', () => {
    expect(spread(PER_HOUR, false).every((result) => result.allowed)).toBe(true);
    expect(spread(PER_HOUR).every((result) => result.allowed)).toBe(true);
    expect(spread(1, false)[0]?.allowed).toBe(true);
  });

  it('opens again an hour after the oldest SMS, and not a millisecond before', () => {
    spread(PER_HOUR);
    clock.advanceMs(3600 * 1000 - 1);
    expect(spread(1)[0]).toMatchObject({ allowed: false, reason: 'hourly-cap' });
    clock.advanceMs(1);
    expect(spread(1)[0]?.allowed).toBe(true);
  });
});
