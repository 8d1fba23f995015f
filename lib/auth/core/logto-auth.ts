import type { NextAuthOptions, Session } from 'next-auth';
import type { JWTOptions } from 'next-auth/jwt';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { BaseClient } from 'openid-client';
import type { LogtoProfile } from '../provider/logto';
import { logtoWellKnownUrl } from '../provider/well-known';
import { accountCenter } from './account-center';
import { appRouterSession } from './app-session';
import { authCookieNames } from './cookies';
import { getAuthEnv, type AuthDevDefaults, type AuthEnv } from './env';
import { LogtoIssuer, type LoadIssuerMetadata } from './logto-issuer';
import { buildAuthOptions, logtoProviderFor } from './options';
import { pagesRouterSession } from './pages-session';
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
}

interface LogtoAuthConfig {
  /** The app's values for variables that are not set in development (see ./env.ts). */
  devDefaults?: AuthDevDefaults;
  /** Validated configuration to use instead of `process.env` (tests, or your own loading). */
  env?: AuthEnv;
  /** `speedLayer()` from ../speed, or nothing. */
  speed?: SpeedLayer;
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
  const parts = {
    provider: speed ? speed.provider(provider, issuer) : provider,
    logtoClient,
    jwt: speed?.jwt,
  };
  const authOptions = buildAuthOptions(env, parts);
  const context: AuthContext = {
    env,
    authOptions,
    logtoClient,
    readFromCookie: speed?.readFromCookie(authOptions, authCookieNames(env.appUrl).sessionToken),
  };
  return {
    env,
    authOptions,
    /** An openid-client Client for Logto, for calls of the app's own (e.g. userinfo). */
    logtoClient,
    ...pagesRouterSession(context),
    ...appRouterSession(context),
    federatedSignOut: federatedSignOut(context),
    ...accountCenter({
      env,
      refreshNowOptions: () => buildAuthOptions(env, { ...parts, refreshNow: true }),
    }),
  };
}
