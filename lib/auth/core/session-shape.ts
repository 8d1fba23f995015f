import type { Account, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { withSessionId } from './signed-out';
import { profileClaims, refreshDueAt } from './tokens';

// The cookie's token and the browser's session, the same under next-auth v4 (./options.ts) and
// Auth.js v5 (README, "Moving to Auth.js v5"): either version reads what the other wrote.

/** Matches Logto's refresh-token lifetime, so the cookie does not outlive what it can refresh. */
// Stryker disable next-line ArithmeticOperator: evaluated as the module loads, which per-test coverage cannot place; __tests__/lib/auth/session-shape.test.ts fails on each
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

/**
 * Stores what later requests need (who, and the tokens) and nothing else: three tokens plus
 * profile already fill most of one 4 KB cookie chunk.
 */
export function tokenFromSignIn(user: User, account: Account): JWT {
  const now = Math.floor(Date.now() / 1000);
  return withSessionId({
    sub: user.id,
    ...profileClaims(user),
    accessToken: account.access_token,
    accessTokenExpiresAt: account.expires_at,
    accessTokenRefreshAt:
      account.expires_at === undefined ? undefined : refreshDueAt(account.expires_at, now),
    refreshToken: account.refresh_token,
    idToken: account.id_token,
  });
}

/** Builds the browser-visible session: a new object, with no token in it. */
export function sessionFromToken(expires: string, token: JWT): Session {
  return {
    expires,
    user: {
      id: token.sub ?? '',
      name: token.name ?? null,
      email: token.email ?? null,
      image: token.picture ?? null,
      phoneNumber: token.phoneNumber ?? null,
      phoneNumberVerified: token.phoneNumberVerified ?? false,
    },
    error: token.error ?? null,
  };
}
