import type { NextAuthOptions } from 'next-auth';
import type { JWTOptions } from 'next-auth/jwt';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { BaseClient } from 'openid-client';
import Logto, { type LogtoProfile } from '../provider/logto';
import type { AuthEnv } from './env';
import { authLogger } from './logger';
import { AUTH_PAGES } from './routes';
import { sameOriginUrl } from './same-origin';
import type { SharedRefreshMemory } from './shared-refresh';
import { SESSION_MAX_AGE_SECONDS, sessionFromToken, tokenFromSignIn } from './session-shape';
import { withSessionId, type SignedOutSessions } from './signed-out';
import { refreshTokenIfDue } from './tokens';

export { SESSION_MAX_AGE_SECONDS } from './session-shape';

/**
 * How often an active person's cookie is re-issued to slide its expiry (next-auth's default is a
 * day). The speed layer's fast path sets no cookie for reads in between.
 */
const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

/** The provider built from validated configuration: the one place `Logto()` meets the env. */
export function logtoProviderFor(env: AuthEnv): OAuthConfig<LogtoProfile> {
  return Logto({
    issuer: env.issuer,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    idTokenAlg: env.idTokenAlg,
  });
}

/** What the options are made of besides the env; the speed layer swaps some of them. */
interface AuthOptionsParts {
  /** `logtoProviderFor(env)`, or the speed layer's cached version of it. */
  provider: OAuthConfig<LogtoProfile>;
  /** The Logto client refreshes go through. */
  logtoClient: () => Promise<BaseClient>;
  /** The session cookie's format; next-auth's own when absent. */
  jwt?: Partial<Pick<JWTOptions, 'encode' | 'decode'>>;
  /**
   * Refresh at Logto on every read, due or not (at most once per few seconds per session): the
   * options of the read back from Logto's Account Center (see ./account-center.ts).
   */
  refreshNow?: boolean;
  /** The sessions that signed out, refused on every read (see ./signed-out.ts). */
  signedOut?: SignedOutSessions;
  /** Refreshes shared with the other instances; this process's own when absent. */
  sharedRefreshes?: SharedRefreshMemory;
}

/**
 * The next-auth configuration: the Logto provider, a lean JWT session that refreshes its access
 * token when due (single-flight, see ./tokens.ts), the app's sign-in and error pages, redirects
 * kept on this origin, and a logger nobody can flood from outside.
 * @see https://next-auth.js.org/configuration/options
 */
export function buildAuthOptions(env: AuthEnv, parts: AuthOptionsParts): NextAuthOptions {
  return {
    secret: env.secret,
    providers: [parts.provider],
    // From the validated app URL, so next-auth names its cookies as ./cookies.ts does.
    useSecureCookies: env.appUrl.startsWith('https://'),
    session: {
      strategy: 'jwt',
      maxAge: SESSION_MAX_AGE_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
    },
    ...(parts.jwt ? { jwt: parts.jwt } : {}),
    pages: { ...AUTH_PAGES },
    logger: authLogger,
    callbacks: {
      // Runs on every session read: sign-in stores the tokens, later reads refresh them when due.
      async jwt({ token, user, account }) {
        if (user && account) return tokenFromSignIn(user, account);
        // A copy of a signed-out session's cookie: next-auth clears it and reads no session.
        await parts.signedOut?.refuse(token);
        return refreshTokenIfDue(withSessionId(token), parts.logtoClient, {
          now: parts.refreshNow,
          shared: parts.sharedRefreshes,
        });
      },
      session({ session, token }) {
        return sessionFromToken(session.expires, token);
      },
      // Relative paths resolve against this origin; anything on another origin goes home.
      // @see https://next-auth.js.org/configuration/callbacks#redirect-callback
      redirect({ url, baseUrl }) {
        return (sameOriginUrl(url, baseUrl) ?? sameOriginUrl(baseUrl, baseUrl))?.href ?? baseUrl;
      },
    },
  };
}
