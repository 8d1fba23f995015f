import type { NextApiHandler } from 'next';
import NextAuth, { type NextAuthOptions, type Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import type { JWTOptions } from 'next-auth/jwt';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { BaseClient } from 'openid-client';
import type { LogtoProfile } from '../provider/logto';
import { logtoWellKnownUrl } from '../provider/well-known';
import { accountCenter } from './account-center';
import { appRouterSession } from './app-session';
import { inProcessAuthStore, type AuthStore } from './auth-store';
import { authCookieNames, boundSessionChunks } from './cookies';
import { getAuthEnv, type AuthDevDefaults, type AuthEnv } from './env';
import { createAuthErrorPageProps } from './id-token-alg-mismatch';
import { LogtoIssuer, type LoadIssuerMetadata } from './logto-issuer';
import { buildAuthOptions, logtoProviderFor, SESSION_MAX_AGE_SECONDS } from './options';
import { pagesRouterSession } from './pages-session';
import { withPreviousSecrets } from './previous-secrets';
import { sharedRefreshMemory } from './shared-refresh';
import { signedOutSessions, type SignedOutSessions } from './signed-out';
import { federatedSignOut } from './sign-out';

/**
 * A session read from the cookie alone: the `Session`, `null` when there is no session cookie,
 * or `undefined` when only next-auth's full read can tell (and may need to write the cookie).
 */
type CookieSessionRead = (
  cookies: Partial<Record<string, string>>,
) => Promise<Session | null | undefined>;

/**
 * What an optional layer of speed changes, all in one value (`speedLayer()` in ../speed). The
 * core works the same without it, only slower: each hook has a plain default here.
 */
export interface SpeedLayer {
  /** Where the Issuer's discovery document comes from (default: a discovery request). */
  loadIssuerMetadata: LoadIssuerMetadata;
  /** The provider next-auth signs in with (default: `Logto()` itself). */
  provider(provider: OAuthConfig<LogtoProfile>, issuer: LogtoIssuer): OAuthConfig<LogtoProfile>;
  /** The session cookie's format (default: next-auth's own). */
  jwt: Pick<JWTOptions, 'encode' | 'decode'>;
  /** A read that skips next-auth when nothing would change (default: none). */
  readFromCookie(options: NextAuthOptions, sessionToken: string): CookieSessionRead;
}

/** What the session readers and the sign-out route share. */
export interface AuthContext {
  env: AuthEnv;
  authOptions: NextAuthOptions;
  logtoClient: () => Promise<BaseClient>;
  readFromCookie?: CookieSessionRead;
  signedOut: SignedOutSessions;
}

interface LogtoAuthConfig {
  /** The app's values for variables that are not set in development (see ./env.ts). */
  devDefaults?: AuthDevDefaults;
  /** Validated configuration to use instead of `process.env` (tests, or your own loading). */
  env?: AuthEnv;
  /** `speedLayer()` from ../speed, or nothing. */
  speed?: SpeedLayer;
  /**
   * Where signed-out sessions and fresh refreshes are kept: shared by every instance of the app
   * (`redisAuthStore()` from ../redis), or, when absent, this process's memory.
   */
  store?: AuthStore;
  /** When a sign-out that could not reach Logto tries to revoke again (see ./revocation-retries.ts). */
  revocationRetryDelaysMs?: readonly number[];
}

/**
 * Everything the app's routes need, built once from the environment, in the manner of Auth.js
 * v5's `NextAuth()`: the next-auth options for the catch-all route, the readers and gates of both
 * routers (one session, one refresh per due time), the federated sign-out route, and the link
 * to Logto's Account Center with the way back from it (./account-center.ts).
 * @see ../../../README.md#files-to-copy-in-order
 */
export function createLogtoAuth(config: LogtoAuthConfig = {}) {
  const env = config.env ?? getAuthEnv(config.devDefaults);
  const { speed } = config;
  const issuer = new LogtoIssuer(logtoWellKnownUrl(env.issuer), {
    loadMetadata: speed?.loadIssuerMetadata,
  });
  const provider = logtoProviderFor(env);
  // The provider's own client settings (ID token alg, auth method), without redirect URIs:
  // refresh and revocation take none, and sign-out passes its post-logout URI itself.
  const logtoClient = () =>
    issuer.createClient({
      ...provider.client,
      client_id: env.clientId,
      client_secret: env.clientSecret,
    });
  const signedOut = signedOutSessions(
    config.store ?? inProcessAuthStore(),
    SESSION_MAX_AGE_SECONDS,
  );
  const parts = {
    provider: speed ? speed.provider(provider, issuer) : provider,
    logtoClient,
    jwt: withPreviousSecrets(speed?.jwt, env.previousSecrets),
    signedOut,
    // In one process, ./tokens.ts remembers refreshes itself; a shared store tells the others.
    sharedRefreshes: config.store ? sharedRefreshMemory(config.store) : undefined,
  };
  const authOptions = buildAuthOptions(env, parts);
  const context: AuthContext = {
    env,
    authOptions,
    logtoClient,
    readFromCookie: speed?.readFromCookie(authOptions, authCookieNames(env.appUrl).sessionToken),
    signedOut,
  };
  const { sessionToken } = authCookieNames(env.appUrl);
  return {
    env,
    authOptions,
    /**
     * The catch-all route (`pages/api/auth/[...nextauth].ts`): next-auth's own handler, reading at
     * most a bounded number of session cookie chunks (see ./cookies.ts).
     */
    nextAuthHandler: ((req, res) =>
      NextAuth(
        Object.assign(req, { cookies: boundSessionChunks(req.cookies, sessionToken) }),
        res,
        authOptions,
      )) as NextApiHandler,
    /** An openid-client Client for Logto, for calls of the app's own (e.g. userinfo). */
    logtoClient,
    ...pagesRouterSession(context),
    ...appRouterSession(context),
    /** `getServerSideProps` of the error page, on the cached discovery (see ./id-token-alg-mismatch.ts). */
    authErrorPageProps: createAuthErrorPageProps(env, { jwksUri: () => issuer.jwksUri() }),
    federatedSignOut: federatedSignOut(context, config),
    ...accountCenter({
      env,
      // Options built when a person comes back from the Account Center, which is rare, rather
      // than kept beside the app's own.
      readRefreshingNow: (ctx) =>
        getServerSession(ctx.req, ctx.res, buildAuthOptions(env, { ...parts, refreshNow: true })),
    }),
  };
}
