import NextAuth from 'next-auth';
import { accountCenter } from '@/lib/auth/core/account-center';
import { inProcessAuthStore, type AuthStore } from '@/lib/auth/core/auth-store';
import { getAuthEnv, type AuthDevDefaults, type AuthEnv } from '@/lib/auth/core/env';
import { createAuthErrorPageProps } from '@/lib/auth/core/id-token-alg-mismatch';
import { LogtoIssuer } from '@/lib/auth/core/logto-issuer';
import { sharedRefreshMemory } from '@/lib/auth/core/shared-refresh';
import { signedOutSessions } from '@/lib/auth/core/signed-out';
import { DEFAULT_ID_TOKEN_ALG } from '@/lib/auth/provider/id-token-alg';
import { logtoWellKnownUrl } from '@/lib/auth/provider/well-known';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/core/session-shape';
import { appRouterSession } from './app-session';
import { authjsConfig } from './config';
import { pagesRouterSession, pagesSessionReader } from './pages-session';
import { withV4CookiesInRoute } from './requests';
import { federatedSignOut } from './sign-out';

interface LogtoAuthConfig {
  /** The app's values for variables that are not set in development (lib/auth/core/env.ts). */
  devDefaults?: AuthDevDefaults;
  /** Validated configuration to use instead of `process.env`. */
  env?: AuthEnv;
  /** Shared sign-outs and refreshes across instances (`redisAuthStore()`), as under v4. */
  store?: AuthStore;
}

/**
 * Everything the app's routes need under Auth.js v5, with the names they had under v4
 * (lib/auth/core/logto-auth.ts), so pages and API routes stay as they are: `handlers` for the
 * catch-all route handler, `auth` (v5's own reader), `requireSession` and `withSession` for
 * pages, the federated sign-out, the error page's props and the Account Center's link and way
 * back. Refresh, sign-out at Logto, the Account Center and the env are lib/auth/core's.
 * @see ../../../../../README.md#moving-to-authjs-v5
 */
export function createLogtoAuth(config: LogtoAuthConfig = {}) {
  const env = config.env ?? getAuthEnv(config.devDefaults);
  const secure = env.appUrl.startsWith('https://');
  const issuer = new LogtoIssuer(logtoWellKnownUrl(env.issuer));
  // The same Client as under v4: refresh and revocation go through openid-client.
  const logtoClient = () =>
    issuer.createClient({
      client_id: env.clientId,
      client_secret: env.clientSecret,
      id_token_signed_response_alg: env.idTokenAlg ?? DEFAULT_ID_TOKEN_ALG,
      token_endpoint_auth_method: 'client_secret_basic',
    });
  const store = config.store ?? inProcessAuthStore();
  const signedOut = signedOutSessions(store, SESSION_MAX_AGE_SECONDS);
  const sharedRefreshes = config.store ? sharedRefreshMemory(config.store) : undefined;
  const parts = { logtoClient, signedOut, sharedRefreshes };
  const nextAuthConfig = authjsConfig(env, parts);
  const { handlers, auth, signIn, signOut } = NextAuth(nextAuthConfig);
  return {
    env,
    auth,
    signIn,
    signOut,
    /** `app/api/auth/[...nextauth]/route.ts`: v5's handlers, through the v4 cookie bridge. */
    handlers: {
      GET: withV4CookiesInRoute(handlers.GET, secure),
      POST: withV4CookiesInRoute(handlers.POST, secure),
    },
    ...pagesRouterSession(auth, secure),
    ...appRouterSession({ env, config: nextAuthConfig, auth, signedOut }),
    federatedSignOut: federatedSignOut({
      env,
      secrets: [env.secret, ...(env.previousSecrets ?? [])],
      logtoClient,
      signedOut,
    }),
    /** `getServerSideProps` of the error page, on the same discovery (as under v4). */
    authErrorPageProps: createAuthErrorPageProps(env, { jwksUri: () => issuer.jwksUri() }),
    // The link to Logto's Account Center and the way back from it, as under v4; the read back
    // refreshes now, through a configuration built when a person comes back, which is rare.
    ...accountCenter({
      env,
      readRefreshingNow: (ctx) =>
        pagesSessionReader(
          NextAuth(authjsConfig(env, { ...parts, refreshNow: true })).auth,
          secure,
        )(ctx),
    }),
  };
}
