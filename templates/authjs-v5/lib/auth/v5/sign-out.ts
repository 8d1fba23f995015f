import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import { decode, getToken } from 'next-auth/jwt';
import type { BaseClient } from 'openid-client';
import { sessionCookieParts } from '@/lib/auth/core/cookies';
import type { AuthEnv } from '@/lib/auth/core/env';
import type { SignedOutSessions } from '@/lib/auth/core/signed-out';
import { federatedSignOutRoute } from '@/lib/auth/core/sign-out-route';
import { bridgeV4Cookies, clearV4Cookies, withV4Sessions } from './v4-session-bridge';

/** Auth.js v5's cookie names: `__Secure-` and `__Host-` on https, as v5 names them. */
export function authjsCookieNames(secure: boolean) {
  return {
    sessionToken: `${secure ? '__Secure-' : ''}authjs.session-token`,
    csrfToken: `${secure ? '__Host-' : ''}authjs.csrf-token`,
  };
}

/** Expires v5's session cookie and every chunk of it the browser sent. */
function clearAuthjsSession(req: NextApiRequest, res: NextApiResponse, secure: boolean): string[] {
  const { sessionToken } = authjsCookieNames(secure);
  const sent = sessionCookieParts(Object.keys(req.cookies), sessionToken);
  const names = sent.includes(sessionToken) ? sent : [sessionToken, ...sent];
  const attributes = `Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return names.map((name) => `${name}=; ${attributes}`);
}

interface SignOutParts {
  env: AuthEnv;
  secrets: string[];
  logtoClient: () => Promise<BaseClient>;
  signedOut: SignedOutSessions;
}

/**
 * The same federated sign-out route as under v4 (lib/auth/core/sign-out-route.ts: CSRF, revoke,
 * clear, Logto's end-session), with v5's cookies: its CSRF cookie, whose hash v5 makes with its
 * secrets joined by commas (`${options.secret}`), and its session cookie, or a v4 one not yet
 * moved (the bridge).
 */
export function federatedSignOut({ env, secrets, logtoClient, signedOut }: SignOutParts) {
  const secure = env.appUrl.startsWith('https://');
  const { csrfToken } = authjsCookieNames(secure);
  const route: NextApiHandler = federatedSignOutRoute({
    env,
    logtoClient,
    signedOut,
    csrf: { cookieName: csrfToken, secret: String(secrets) },
    async readToken(req) {
      const bridged = bridgeV4Cookies(req.headers.cookie, secure);
      const headers = { cookie: bridged?.cookie ?? req.headers.cookie ?? '' };
      return getToken({
        req: { headers },
        secret: secrets,
        secureCookie: secure,
        decode: withV4Sessions(decode),
      });
    },
    clearSession(req, res) {
      const v4 = bridgeV4Cookies(req.headers.cookie, secure)?.v4CookieNames ?? [];
      res.setHeader('Set-Cookie', [
        ...clearAuthjsSession(req, res, secure),
        ...clearV4Cookies(v4, secure),
      ]);
    },
  });
  return route;
}
