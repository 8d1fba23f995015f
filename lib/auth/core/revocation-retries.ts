/**
 * When a sign-out could not reach Logto, the refresh token is revoked later: after each of these
 * delays in turn (about 3 hours in all), then given up with a log line. The signed-out list
 * refuses the cookie meanwhile (./signed-out.ts); revoking also ends the grant at Logto.
 */
export const REVOCATION_RETRY_DELAYS_MS = [
  10_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 60 * 60_000,
];

/** At most this many refresh tokens wait for a retry in one process; more are given up at once. */
export const MAX_PENDING_REVOCATIONS = 1_000;

// why globalThis: the count bounds the whole process, whichever route bundle signed out.
// Stryker disable next-line StringLiteral: any key every copy of the module shares works; the text only names it.
const PENDING = Symbol.for('lib.auth.core.pendingRevocations');

interface Pending {
  count: number;
  timers: Set<ReturnType<typeof setTimeout>>;
}

function pending(): Pending {
  const holder = globalThis as typeof globalThis & { [PENDING]?: Pending };
  holder[PENDING] ??= { count: 0, timers: new Set() };
  return holder[PENDING];
}

/** Drops every pending retry (a server shutting down, or a test file ending). */
export function cancelRevocationRetries(): void {
  const state = pending();
  state.timers.forEach((timer) => clearTimeout(timer));
  state.timers.clear();
  state.count = 0;
}

/**
 * Calls `revoke` again after each delay until it reports that Logto answered, then stops. Gives
 * up after the last delay, logging one line. The timers do not keep the process alive, and a
 * restart forgets what was pending (the README says so).
 * @see https://www.rfc-editor.org/rfc/rfc7009
 */
export function keepRevoking(
  revoke: () => Promise<boolean>,
  delays: readonly number[] = REVOCATION_RETRY_DELAYS_MS,
): void {
  const state = pending();
  if (state.count >= MAX_PENDING_REVOCATIONS) {
    console.warn(
      `[auth] ${MAX_PENDING_REVOCATIONS} refresh tokens already wait to be revoked at Logto; this one will not be retried. Its session stays signed out here.`,
    );
    return;
  }
  state.count += 1;
  const attempt = (index: number) => {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      void revoke()
        // Stryker disable next-line ArrowFunction: undefined, like false, means not revoked.
        .catch(() => false)
        .then((revoked) => {
          if (revoked) {
            state.count -= 1;
            console.info(
              `[auth] Revoked a signed-out session's refresh token at Logto, on retry ${index + 1}.`,
            );
          } else if (index + 1 < delays.length) {
            attempt(index + 1);
          } else {
            state.count -= 1;
            console.warn(
              `[auth] Gave up revoking a signed-out session's refresh token at Logto after ${delays.length} retries: Logto keeps its grant until it expires. This app keeps refusing the session's cookie.`,
            );
          }
        });
    }, delays[index]);
    timer.unref();
    state.timers.add(timer);
  };
  if (delays.length > 0) attempt(0);
}
