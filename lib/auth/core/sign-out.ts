import type { NextApiHandler } from 'next';
import { getToken } from 'next-auth/jwt';
import { authCookieNames, clearSessionCookies } from './cookies';
import type { AuthContext } from './logto-auth';
import { federatedSignOutRoute } from './sign-out-route';

/**
 * The federated sign-out route (./sign-out-route.ts) with next-auth v4's cookies: its CSRF cookie,
 * its session cookie read with the app's own format (the speed layer's, when set).
 */
export function federatedSignOut(
  { env, authOptions, logtoClient, signedOut }: AuthContext,
  options: { revocationRetryDelaysMs?: readonly number[] } = {},
): NextApiHandler {
  const { secure, csrfToken } = authCookieNames(env.appUrl);
  return federatedSignOutRoute(
    {
      env,
      logtoClient,
      signedOut,
      csrf: { cookieName: csrfToken, secret: env.secret },
      readToken: (req) =>
        getToken({
          req,
          secret: env.secret,
          secureCookie: secure,
          decode: authOptions.jwt?.decode,
        }),
      clearSession: (req, res) => clearSessionCookies(req, res, env.appUrl),
    },
    options,
  );
}
