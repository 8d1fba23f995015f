import NextAuth from 'next-auth';
import { inProcessAuthStore, type AuthStore } from '@/lib/auth/core/auth-store';
import { getAuthEnv, type AuthDevDefaults, type AuthEnv } from '@/lib/auth/core/env';
import { LogtoIssuer } from '@/lib/auth/core/logto-issuer';
import { sharedRefreshMemory } from '@/lib/auth/core/shared-refresh';
import { signedOutSessions } from '@/lib/auth/core/signed-out';
import { DEFAULT_ID_TOKEN_ALG } from '@/lib/auth/provider/id-token-alg';
import { logtoWellKnownUrl } from '@/lib/auth/provider/well-known';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/core/session-shape';
import { appRouterSession } from './app-session';
import { authjsConfig } from './config';
import { pagesRouterSession } from './pages-session';
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
 * pages, and the federated sign-out. Refresh, sign-out at Logto and the env are lib/auth/core's.
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
  const nextAuthConfig = authjsConfig(env, { logtoClient, signedOut, sharedRefreshes });
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
  };
}
