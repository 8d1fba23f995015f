/**
 * The clock of this test process. The app under test and the mocked Logto run in one process and
 * read one `Date`, so moving it forward expires tokens on both sides at once, as time passing
 * would; next-auth, openid-client and jose keep agreeing on `iat` and `exp`. Like `mockdate`, it
 * swaps the global `Date` for a subclass of the one it finds (Jest's fake `Date` too) whose
 * `now()` and `new Date()` are shifted; timers and sockets keep real time.
 */
let offsetMs = 0;
/** The `Date` that was global before the first move, put back by `resetProcessClock()`. */
let replaced: DateConstructor | undefined;

function shifted(BaseDate: DateConstructor): DateConstructor {
  class ShiftedDate extends BaseDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(BaseDate.now() + offsetMs);
      else super(...(args as [number]));
    }

    static override now(): number {
      return BaseDate.now() + offsetMs;
    }
  }
  return ShiftedDate as DateConstructor;
}

/** Moves this process's clock `seconds` forward (it adds up). */
export function advanceProcessClock(seconds: number): void {
  if (!replaced) {
    replaced = globalThis.Date;
    globalThis.Date = shifted(replaced);
  }
  offsetMs += seconds * 1000;
}

/** Puts back the `Date` the first move replaced; does nothing when the clock was never moved. */
export function resetProcessClock(): void {
  if (replaced) globalThis.Date = replaced;
  replaced = undefined;
  offsetMs = 0;
}
