import { randomUUID } from 'node:crypto';
import type { JWT } from 'next-auth/jwt';
import type { AuthStore } from './auth-store';

/**
 * Thrown by a read of a session that signed out. next-auth's session read catches it, clears the
 * cookie and answers "no session", as for a cookie it cannot read.
 */
export class SignedOutSessionError extends Error {
  constructor() {
    super('this session signed out; a copy of its cookie was sent again');
    this.name = 'SignedOutSession';
  }
}

const keyOf = (sessionId: string) => `signed-out:${sessionId}`;

/** The token with a session id (made at sign-in; cookies from before it get one on their next read). */
export function withSessionId(token: JWT): JWT {
  return token.sessionId ? token : { ...token, sessionId: randomUUID() };
}

/**
 * The sessions that signed out, so that a copy of a signed-out cookie is refused by every read:
 * the cookie itself cannot be taken back, and it holds a refresh token that keeps working at
 * Logto until revoked (and, when Logto was unreachable at sign-out, for the grant's whole life).
 * Each session id is remembered for `maxAgeSeconds`, the cookie's own lifetime: a copy made
 * before the sign-out expires by then, and none can be re-issued after it, since every read is
 * refused.
 * @see ../../../README.md#sessions-refresh-and-sign-out
 */
export function signedOutSessions(store: AuthStore, maxAgeSeconds: number) {
  return {
    /** Records the session of `token` as signed out, on every instance that shares `store`. */
    async record(token: JWT | null): Promise<void> {
      if (token?.sessionId) await store.set(keyOf(token.sessionId), '1', maxAgeSeconds * 1000);
    },

    /** Throws {@link SignedOutSessionError} when the session of `token` signed out. */
    async refuse(token: JWT): Promise<void> {
      if (token.sessionId && (await store.get(keyOf(token.sessionId))) !== undefined) {
        throw new SignedOutSessionError();
      }
    },
  };
}

export type SignedOutSessions = ReturnType<typeof signedOutSessions>;
