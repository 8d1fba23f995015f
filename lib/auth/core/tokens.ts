import { isNativeError } from 'node:util/types';
import type { User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { errors, type BaseClient } from 'openid-client';
import { mapLogtoProfile, type LogtoProfile } from '../provider/logto-oidc';
import type { SharedRefreshMemory } from './shared-refresh';

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

/**
 * How recent a remembered refresh must be for a refresh asked for `now` (back from Logto's Account
 * Center) to take it instead of asking Logto again: a refresh just before the change may carry
 * the old claims.
 */
export const FRESH_REFRESH_MS = 5_000;

/** The person as the session cookie keeps them: what the ID token's claims map to. */
export type ProfileClaims = Pick<
  JWT,
  'name' | 'email' | 'picture' | 'phoneNumber' | 'phoneNumberVerified'
>;

/** The profile fields of the cookie, from the user next-auth's `profile()` mapped. */
export function profileClaims(user: Omit<User, 'id'>): ProfileClaims {
  return {
    name: user.name ?? null,
    email: user.email ?? null,
    picture: user.image ?? null,
    phoneNumber: user.phoneNumber ?? null,
    phoneNumberVerified: user.phoneNumberVerified ?? false,
  };
}

/** The tokens a refresh returned, as plain strings and numbers. */
interface RefreshedTokens {
  accessToken: string | undefined;
  /** Seconds since the epoch, when Logto said. */
  expiresAt: number | undefined;
  /** Logto sends one back on every refresh: the same one, or a new one once it rotates. */
  refreshToken: string | undefined;
  idToken: string | undefined;
  /** The profile the new ID token carries (a changed phone number, say); none without one. */
  profile: ProfileClaims | undefined;
}

type RefreshOutcome =
  | { kind: 'refreshed'; tokens: RefreshedTokens }
  /** Logto refused the refresh token (`invalid_grant`): the grant is gone for good. */
  | { kind: 'rejected' }
  /** Logto could not be reached or answered with a server error: try again later. */
  | { kind: 'unavailable' };

interface RefreshOptions {
  /** Refresh even if not due (back from Logto's Account Center). */
  now?: boolean;
  /** Refreshes shared with the other instances of the app; this process only when absent. */
  shared?: SharedRefreshMemory;
}

/** What a session holds that a refresh needs: plain strings, never openid-client objects. */
interface RefreshRequest {
  refreshToken: string;
  /**
   * The signed-in person; a refreshed ID token must name the same one. next-auth always stores
   * `sub`; a session without one cannot be checked, so a refresh with an ID token ends it.
   */
  sub: string | undefined;
}

interface Refreshes {
  inFlight: Map<string, Promise<RefreshOutcome>>;
  remembered: Map<string, { outcome: RefreshOutcome; at: number; until: number }>;
}

// why globalThis: Next bundles each route apart (the session endpoint, every API route and page),
// and one browser's requests land on several of them at once; a module-level map would exist once
// per bundle and each would spend the same refresh token. Only promises of plain data live here.
const REFRESHES = Symbol.for('bookstore.auth.refreshes');

function refreshes(): Refreshes {
  const holder = globalThis as typeof globalThis & { [REFRESHES]?: Refreshes };
  holder[REFRESHES] ??= { inFlight: new Map(), remembered: new Map() };
  return holder[REFRESHES];
}

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
 * refresh token. When Logto rotates a refresh token, a second use of the old one more than 3 s
 * later is treated as theft and revokes the whole grant. So concurrent callers share one flight,
 * and the result is also remembered for {@link REMEMBER_REFRESH_MS}: a request that started
 * just after the flight landed, still carrying the old cookie (the browser has not stored the
 * new Set-Cookie yet, or another tab sent it), gets the same new tokens instead of using the
 * old refresh token again.
 * @see ../../../README.md#staying-signed-in
 * @see https://www.rfc-editor.org/rfc/rfc9700#name-refresh-token-protection
 */
function refreshSingleFlight(
  client: () => Promise<BaseClient>,
  request: RefreshRequest,
  { now: refreshNow = false, shared }: RefreshOptions = {},
): Promise<RefreshOutcome> {
  const { inFlight, remembered } = refreshes();
  const { refreshToken } = request;
  const now = Date.now();
  forgetExpired(remembered, now);
  const known = remembered.get(refreshToken);
  if (known && !(refreshNow && mayAskAgain(known, refreshToken, now))) {
    return Promise.resolve(known.outcome);
  }
  const running = inFlight.get(refreshToken);
  if (running) return running;

  const flight = refreshOnce(client, request, refreshNow, shared).then((outcome) => {
    inFlight.delete(refreshToken);
    const keepFor =
      outcome.kind === 'unavailable' ? RETRY_AFTER_UNAVAILABLE_MS : REMEMBER_REFRESH_MS;
    const at = Date.now();
    remembered.set(refreshToken, { outcome, at, until: at + keepFor });
    return outcome;
  });
  inFlight.set(refreshToken, flight);
  return flight;
}

/**
 * One refresh at Logto, unless another instance just made it: with a shared memory (./shared-refresh.ts),
 * its result is taken from there, and a result of Logto's is put there for the others.
 */
async function refreshOnce(
  client: () => Promise<BaseClient>,
  request: RefreshRequest,
  refreshNow: boolean,
  shared: SharedRefreshMemory | undefined,
): Promise<RefreshOutcome> {
  const known = await shared?.recall<RefreshOutcome>(request.refreshToken);
  if (known && !(refreshNow && mayAskAgain(known, request.refreshToken, Date.now()))) {
    return known.outcome;
  }
  const outcome = await refreshAtLogto(client, request);
  // An outage is each instance's own to retry; what Logto answered holds for all of them.
  if (outcome.kind !== 'unavailable') {
    await shared?.remember(request.refreshToken, { outcome, at: Date.now() }, REMEMBER_REFRESH_MS);
  }
  return outcome;
}

/**
 * Whether a refresh asked for now may spend the refresh token of a remembered refresh again: only
 * when that refresh is older than {@link FRESH_REFRESH_MS} and Logto handed the same token back
 * (before 70% of its life it does). A rotated one must not be spent again: after its 3-second
 * grace, Logto revokes the grant.
 */
function mayAskAgain(
  known: { outcome: RefreshOutcome; at: number },
  refreshToken: string,
  now: number,
): boolean {
  const { outcome } = known;
  if (outcome.kind !== 'refreshed' || now - known.at < FRESH_REFRESH_MS) return false;
  return (outcome.tokens.refreshToken ?? refreshToken) === refreshToken;
}

async function refreshAtLogto(
  client: () => Promise<BaseClient>,
  { refreshToken, sub }: RefreshRequest,
): Promise<RefreshOutcome> {
  try {
    const logto = await client();
    // A plain string, not a TokenSet: openid-client recognises its TokenSet by instanceof, which
    // another bundle's copy fails (it then sent "[object Object]"). The sub check that a TokenSet
    // would buy is done here instead.
    const tokens = await logto.refresh(refreshToken);
    // Verified by openid-client (signature, iss, aud); Logto's claims, whichever it sent.
    const claims = tokens.id_token ? (tokens.claims() as unknown as LogtoProfile) : undefined;
    if (claims && claims.sub !== sub) {
      console.error('[auth] Logto refreshed the session with an ID token for another user.');
      return { kind: 'rejected' };
    }
    return {
      kind: 'refreshed',
      tokens: {
        accessToken: tokens.access_token,
        expiresAt: tokens.expires_at,
        refreshToken: tokens.refresh_token,
        idToken: tokens.id_token,
        // The same mapping as at sign-in, so a number changed at Logto replaces the old one
        // everywhere, the display name that falls back to it included.
        profile: claims ? profileClaims(mapLogtoProfile(claims)) : undefined,
      },
    };
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
  // Not instanceof: Node's own errors (ECONNREFUSED) come from another realm under Jest's vm.
  if (isNativeError(error))
    return `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}`;
  return 'unknown error';
}

function forgetExpired(remembered: Refreshes['remembered'], now: number) {
  remembered.forEach(({ until }, key) => {
    if (until <= now) remembered.delete(key);
  });
}

/** Forgets flights and remembered results; for tests that need a clean process. */
export function forgetRefreshes(): void {
  refreshes().inFlight.clear();
  refreshes().remembered.clear();
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A session with an access token to refresh, which has not ended. */
function canRefresh(token: JWT): token is JWT & { accessTokenExpiresAt: number } {
  return !token.error && token.accessTokenExpiresAt !== undefined;
}

/**
 * Whether the next session read that can write the cookie should refresh `token`: its access
 * token has reached its refresh time (see {@link refreshDueAt}) and the session has not ended.
 * The gates, the fast path and {@link refreshTokenIfDue} all ask this one question.
 */
export function isRefreshDue(token: JWT, now = nowSeconds()): boolean {
  if (!canRefresh(token)) return false;
  return now >= (token.accessTokenRefreshAt ?? token.accessTokenExpiresAt - REFRESH_MARGIN_SECONDS);
}

/**
 * The `jwt` callback's work on every session read after sign-in: returns the token unchanged
 * while the access token is fresh, refreshed when it is due (or asked for `now`, back from Logto's
 * Account Center), with the profile claims of the new ID token, and marked
 * `error: 'RefreshAccessTokenError'` when it can no longer be refreshed. The error is final: an
 * errored token is never refreshed again, so a dead session cannot loop.
 * @see https://next-auth.js.org/v3/tutorials/refresh-token-rotation
 */
export async function refreshTokenIfDue(
  token: JWT,
  client: () => Promise<BaseClient>,
  { now: refreshNow = false, shared }: RefreshOptions = {},
): Promise<JWT> {
  const now = nowSeconds();
  if (refreshNow ? !canRefresh(token) : !isRefreshDue(token, now)) return token;
  // No refresh token (e.g. Logto was asked without prompt=consent): the session cannot outlive
  // its access token. Saying so beats refreshing nothing on every request.
  if (!token.refreshToken) return withRefreshError(token);

  const outcome = await refreshSingleFlight(
    client,
    { refreshToken: token.refreshToken, sub: token.sub },
    { now: refreshNow, shared },
  );
  if (outcome.kind === 'rejected') return withRefreshError(token);
  if (outcome.kind === 'unavailable') {
    const expiresAt = token.accessTokenExpiresAt!;
    return now < expiresAt ? withRetryLater(token, now, expiresAt) : withRefreshError(token);
  }
  return withRefreshedTokens(token, outcome.tokens, now);
}

/**
 * Keeps the current token and, in the cookie, puts the next attempt a little later (never past
 * the token's expiry): during an outage a server component's gate would otherwise send the
 * person through the refresh route on every page view, and back again.
 */
function withRetryLater(token: JWT, now: number, expiresAt: number): JWT {
  const retryAt = now + Math.ceil(RETRY_AFTER_UNAVAILABLE_MS / 1000);
  return { ...token, accessTokenRefreshAt: Math.min(retryAt, expiresAt) };
}

/** Keeps the ID token (sign-out needs it as `id_token_hint`) and drops what can no longer be used. */
function withRefreshError(token: JWT): JWT {
  const errored: JWT = { ...token, error: 'RefreshAccessTokenError' };
  delete errored.accessToken;
  delete errored.refreshToken;
  delete errored.accessTokenRefreshAt;
  return errored;
}

function withRefreshedTokens(token: JWT, tokens: RefreshedTokens, now: number): JWT {
  // Logto always sends expires_in; an hour is its access token lifetime if it ever does not.
  const expiresAt = tokens.expiresAt ?? now + 3600;
  return {
    ...token,
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: expiresAt,
    accessTokenRefreshAt: refreshDueAt(expiresAt, now),
    // A rotated refresh token replaces the spent one; keep the old one only if none came back.
    refreshToken: tokens.refreshToken ?? token.refreshToken,
    idToken: tokens.idToken ?? token.idToken,
    ...tokens.profile,
  };
}
