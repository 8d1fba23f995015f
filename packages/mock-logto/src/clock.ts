/**
 * The clock of this test process. The app under test and the mocked Logto run in one process and
 * read one `Date`, so moving it forward expires tokens on both sides at once, as time passing
 * would; next-auth, openid-client and jose keep agreeing on `iat` and `exp`. Like `mockdate` or
 * Jest's fake `Date`, it swaps the global `Date` for a subclass whose `now()` and `new Date()` are
 * shifted; timers and sockets keep real time.
 */
const RealDate = globalThis.Date;
let offsetMs = 0;

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [number]));
  }

  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}

/** Moves this process's clock `seconds` forward (it adds up). */
export function advanceProcessClock(seconds: number): void {
  offsetMs += seconds * 1000;
  globalThis.Date = ShiftedDate as DateConstructor;
}

/** Puts the real clock back. */
export function resetProcessClock(): void {
  offsetMs = 0;
  globalThis.Date = RealDate;
}
