import type { JWT } from 'next-auth/jwt';
import { errors, TokenSet, type BaseClient } from 'openid-client';

/**
 * Refresh this long before the access token expires, so a request that reads the session just
 * before expiry still carries a token that is valid while the request is served.
 */
export const REFRESH_MARGIN_SECONDS = 60;

/**
 * How long a finished refresh is remembered for callers that still hold the refresh token it
 * used. See {@link refreshSingleFlight} for why this exists.
 */
export const REMEMBER_REFRESH_MS = 30_000;

/**
 * After Logto could not be reached, how long callers keep their current token without asking
 * again, so an outage does not turn every page view into a request that times out.
 */
export const RETRY_AFTER_UNAVAILABLE_MS = 5_000;

export type RefreshOutcome =
  | { kind: 'refreshed'; tokens: TokenSet }
  /** Logto refused the refresh token (`invalid_grant`): the grant is gone for good. */
  | { kind: 'rejected' }
  /** Logto could not be reached or answered with a server error: try again later. */
  | { kind: 'unavailable' };

const inFlight = new Map<string, Promise<RefreshOutcome>>();
const remembered = new Map<string, { outcome: RefreshOutcome; until: number }>();

/**
 * When the access token should be refreshed: {@link REFRESH_MARGIN_SECONDS} before it expires,
 * or halfway through its life when it lives under two margins (a 30 s token in development
 * would otherwise be "due" the moment it arrives, and every request would rotate it).
 */
export function refreshDueAt(expiresAt: number, issuedAt: number): number {
  const lifetime = Math.max(0, expiresAt - issuedAt);
  return expiresAt - Math.min(REFRESH_MARGIN_SECONDS, Math.floor(lifetime / 2));
}

/**
 * Refreshes with `refreshToken` once per process, however many callers ask at the same time.
 *
 * next-auth runs the `jwt` callback on every `/api/auth/session` and `getServerSession`, so a
 * page load, a focus refetch and a few API calls all arrive with the same cookie and the same
 * refresh token. Logto rotates refresh tokens and, 3 s after a rotation, treats a second use
 * of the old one as theft and revokes the whole grant. So concurrent callers share one flight,
 * and the result is also remembered for {@link REMEMBER_REFRESH_MS}: a request that started
 * just after the flight landed, still carrying the old cookie (the browser has not stored the
 * new Set-Cookie yet, or another tab sent it), gets the same new tokens instead of using the
 * old refresh token again: within the grace that would fork the session, after it would end it.
 * @see ../shared/DESIGN.md ("Logto facts": rotation and the 3 s reuse grace)
 * @see https://www.rfc-editor.org/rfc/rfc9700#name-refresh-token-protection
 */
export function refreshSingleFlight(
  client: () => Promise<BaseClient>,
  refreshToken: string,
  idToken?: string,
): Promise<RefreshOutcome> {
  const now = Date.now();
  forgetExpired(now);
  const known = remembered.get(refreshToken);
  if (known) return Promise.resolve(known.outcome);
  const running = inFlight.get(refreshToken);
  if (running) return running;

  const flight = refreshAtLogto(client, refreshToken, idToken).then((outcome) => {
    inFlight.delete(refreshToken);
    const keepFor =
      outcome.kind === 'unavailable' ? RETRY_AFTER_UNAVAILABLE_MS : REMEMBER_REFRESH_MS;
    remembered.set(refreshToken, { outcome, until: Date.now() + keepFor });
    return outcome;
  });
  inFlight.set(refreshToken, flight);
  return flight;
}

async function refreshAtLogto(
  client: () => Promise<BaseClient>,
  refreshToken: string,
  idToken: string | undefined,
): Promise<RefreshOutcome> {
  try {
    const logto = await client();
    // With the ID token alongside, openid-client also checks the new ID token names the same `sub`.
    const current = idToken
      ? new TokenSet({ refresh_token: refreshToken, id_token: idToken })
      : refreshToken;
    return { kind: 'refreshed', tokens: await logto.refresh(current) };
  } catch (error) {
    if (error instanceof errors.OPError && error.error === 'invalid_grant') {
      return { kind: 'rejected' };
    }
    // Network failures, timeouts and 5xx answers: the grant may well be fine.
    console.warn(`[auth] Could not refresh the access token at Logto: ${describe(error)}`);
    return { kind: 'unavailable' };
  }
}

/** What went wrong, without anything from the request (never a token). */
function describe(error: unknown): string {
  if (error instanceof errors.OPError) return `${error.error} (HTTP ${error.response?.statusCode})`;
  if (error instanceof errors.RPError) return `invalid response: ${error.message}`;
  if (error instanceof Error)
    return `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}`;
  return 'unknown error';
}

function forgetExpired(now: number) {
  for (const [key, { until }] of remembered) if (until <= now) remembered.delete(key);
}

/** Forgets flights and remembered results; for tests that need a clean process. */
export function forgetRefreshes(): void {
  inFlight.clear();
  remembered.clear();
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The `jwt` callback's work on every session read after sign-in: returns the token unchanged
 * while the access token is fresh, refreshed when it is due, and marked
 * `error: 'RefreshAccessTokenError'` when it can no longer be refreshed. The error is final: an
 * errored token is never refreshed again, so a dead session cannot loop.
 * @see https://next-auth.js.org/v3/tutorials/refresh-token-rotation
 */
export async function refreshTokenIfDue(
  token: JWT,
  client: () => Promise<BaseClient>,
): Promise<JWT> {
  if (token.error || token.accessTokenExpiresAt === undefined) return token;
  const now = nowSeconds();
  const dueAt = token.accessTokenRefreshAt ?? token.accessTokenExpiresAt - REFRESH_MARGIN_SECONDS;
  if (now < dueAt) return token;
  // No refresh token (e.g. Logto was asked without prompt=consent): the session cannot outlive
  // its access token. Saying so beats refreshing nothing on every request.
  if (!token.refreshToken) return withRefreshError(token);

  const outcome = await refreshSingleFlight(client, token.refreshToken, token.idToken);
  if (outcome.kind === 'rejected') return withRefreshError(token);
  if (outcome.kind === 'unavailable') {
    return now < token.accessTokenExpiresAt ? token : withRefreshError(token);
  }
  return withRefreshedTokens(token, outcome.tokens, now);
}

/** Keeps the ID token (sign-out needs it as `id_token_hint`) and drops what can no longer be used. */
function withRefreshError(token: JWT): JWT {
  const errored: JWT = { ...token, error: 'RefreshAccessTokenError' };
  delete errored.accessToken;
  delete errored.refreshToken;
  delete errored.accessTokenRefreshAt;
  return errored;
}

function withRefreshedTokens(token: JWT, tokens: TokenSet, now: number): JWT {
  const expiresAt = tokens.expires_at ?? now + 3600;
  return {
    ...token,
    accessToken: tokens.access_token,
    accessTokenExpiresAt: expiresAt,
    accessTokenRefreshAt: refreshDueAt(expiresAt, now),
    // Logto rotates: the old refresh token is now spent. Keep it only if none came back.
    refreshToken: tokens.refresh_token ?? token.refreshToken,
    idToken: tokens.id_token ?? token.idToken,
  };
}
