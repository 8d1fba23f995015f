import type { NextAuthConfig } from 'next-auth';
import { decode } from 'next-auth/jwt';
import Logto from 'next-auth/providers/logto';
import type { BaseClient } from 'openid-client';
import { DEFAULT_ID_TOKEN_ALG } from '@/lib/auth/provider/id-token-alg';
import { LOGTO_SCOPES, mapLogtoProfile } from '@/lib/auth/provider/logto-oidc';
import { logtoIssuerOf } from '@/lib/auth/provider/well-known';
import type { AuthEnv } from '@/lib/auth/core/env';
import { AUTH_PAGES } from '@/lib/auth/core/routes';
import { sameOriginUrl } from '@/lib/auth/core/same-origin';
import type { SharedRefreshMemory } from '@/lib/auth/core/shared-refresh';
import {
  SESSION_MAX_AGE_SECONDS,
  sessionFromToken,
  tokenFromSignIn,
} from '@/lib/auth/core/session-shape';
import { withSessionId, type SignedOutSessions } from '@/lib/auth/core/signed-out';
import { refreshTokenIfDue } from '@/lib/auth/core/tokens';
import { authjsLogger } from './logger';
import { withV4Sessions } from './v4-session-bridge';

/** What the configuration is made of besides the env (see ./logto-auth.ts). */
export interface AuthjsConfigParts {
  /** The openid-client Client refreshes go through: lib/auth/core's, the same as under v4. */
  logtoClient: () => Promise<BaseClient>;
  signedOut: SignedOutSessions;
  sharedRefreshes?: SharedRefreshMemory;
  /**
   * Refresh at Logto on every read, due or not (at most once per few seconds per session): the
   * configuration of the read back from Logto's Account Center (lib/auth/core/account-center.ts).
   */
  refreshNow?: boolean;
}

/**
 * Auth.js v5's configuration, doing what lib/auth/core/options.ts does under v4: v5's built-in
 * Logto provider with the checks, scope, algorithm and claims mapping our hand-written one has;
 * a JWT session whose `jwt` callback refreshes through lib/auth/core/tokens.ts (the same rule and
 * single-flight); the app's pages; redirects kept on this origin; and the v4 cookie bridge.
 * @see https://authjs.dev/reference/nextjs#nextauthconfig
 */
export function authjsConfig(env: AuthEnv, parts: AuthjsConfigParts): NextAuthConfig {
  return {
    // v5 encrypts with the first and reads with each: NEXTAUTH_PREVIOUS_SECRETS after it.
    secret: [env.secret, ...(env.previousSecrets ?? [])],
    // The origin comes from NEXTAUTH_URL (next-auth v5 rewrites each request to it), not from
    // the Host header; v5 trusts its own AUTH_URL only.
    trustHost: true,
    useSecureCookies: env.appUrl.startsWith('https://'),
    providers: [
      Logto({
        issuer: logtoIssuerOf(env.issuer),
        clientId: env.clientId,
        clientSecret: env.clientSecret,
        // v5 checks only PKCE by default; all three protect a different step.
        checks: ['pkce', 'state', 'nonce'],
        // Logto issues a refresh token only for offline_access with prompt=consent.
        authorization: { params: { scope: LOGTO_SCOPES, prompt: 'consent' } },
        // Logto signs with ES384 unless the tenant's keys were switched (AUTH_LOGTO_ID_TOKEN_ALG).
        client: {
          id_token_signed_response_alg: env.idTokenAlg ?? DEFAULT_ID_TOKEN_ALG,
          token_endpoint_auth_method: 'client_secret_basic',
        },
        profile: mapLogtoProfile,
      }),
    ],
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    // The bridge: v5's own decode, reading next-auth v4's cookies too (./v4-session-bridge.ts).
    jwt: { decode: withV4Sessions(decode) },
    pages: { ...AUTH_PAGES },
    logger: authjsLogger,
    callbacks: {
      async jwt({ token, user, account }) {
        if (user && account) return tokenFromSignIn(user, account);
        await parts.signedOut.refuse(token);
        return refreshTokenIfDue(withSessionId(token), parts.logtoClient, {
          now: parts.refreshNow,
          shared: parts.sharedRefreshes,
        });
      },
      session({ session, token }) {
        return sessionFromToken(String(session.expires), token);
      },
      redirect({ url, baseUrl }) {
        return (sameOriginUrl(url, baseUrl) ?? sameOriginUrl(baseUrl, baseUrl))?.href ?? baseUrl;
      },
    },
  };
}
