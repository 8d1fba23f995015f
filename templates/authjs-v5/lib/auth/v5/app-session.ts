import type { NextApiRequest, NextApiResponse } from 'next';
import NextAuth, { type NextAuthConfig, type NextAuthResult } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { appGates, type AppSessionRead } from '@/lib/auth/core/app-gates';
import { canWriteCookies, setCookies, type AppRequest } from '@/lib/auth/core/app-request';
import { sessionCookieParts } from '@/lib/auth/core/cookies';
import type { AuthEnv } from '@/lib/auth/core/env';
import type { SignedOutSessions } from '@/lib/auth/core/signed-out';
import { isRefreshDue } from '@/lib/auth/core/tokens';
import { bridgePagesRequest } from './requests';
import { authjsCookieNames } from './sign-out';
import { sessionCookieNames } from './v4-session-bridge';

interface AppSessionParts {
  env: AuthEnv;
  /** The app's configuration (./config.ts), as `NextAuth()` was given it. */
  config: NextAuthConfig;
  /** v5's reader of that configuration, which refreshes when due (the app's `jwt` callback). */
  auth: NextAuthResult['auth'];
  signedOut: SignedOutSessions;
}

/**
 * The App Router's readers under Auth.js v5, the same `getAppSession`, `requireAppSession` and
 * `refreshSessionRoute` as under v4 (lib/auth/core/app-session.ts), so `app/` pages and routes
 * stay as they are. v5's own `auth()` with no arguments (its reader for server components, route
 * handlers and server actions) runs the `jwt` callback, so it refreshes when due, and throws away
 * the cookies it sets: the spent refresh token stays in the cookie, and the session ends at its
 * next use. So these call v5's `auth(req, res)`, its reader for `pages/`, with the request of
 * next/headers and a response that keeps the cookies: where the request may write cookies (a
 * route handler, a server action) with the app's configuration, which refreshes, and the cookies
 * are set with `cookies().set()`; in a server component with a copy whose `jwt` callback returns
 * the token as stored, and a due refresh goes through the refresh route (lib/auth/core/app-gates.ts).
 * A v4 cookie is read through the bridge (./requests.ts) and moved to v5 where it can be written.
 * Checked against next-auth 5.0.0-beta.32, whose `auth(req, res)` reads `req.headers` and calls
 * `res.appendHeader('set-cookie', …)`.
 * @see https://github.com/nextauthjs/next-auth/blob/main/packages/next-auth/src/lib/index.ts
 */
export function appRouterSession({ env, config, auth, signedOut }: AppSessionParts) {
  const secure = env.appUrl.startsWith('https://');
  const sessionNames = [authjsCookieNames(secure).sessionToken, sessionCookieNames(secure).v4];

  /** `reader(req, res)` on the request, its v4 cookie bridged; returns what it set, too. */
  async function v5Read(request: AppRequest, reader: NextAuthResult['auth']) {
    const bridge = bridgePagesRequest(request.headers, secure);
    const setCookie: string[] = [];
    // What v5 and the bridge call on a response: they append Set-Cookie headers and read them.
    const res = {
      getHeader: () => setCookie,
      appendHeader: (_name: string, value: string | string[]) => setCookie.push(...[value].flat()),
    } as unknown as NextApiResponse;
    const session = await reader({ headers: bridge.headers } as NextApiRequest, res);
    bridge.settle(res);
    return { session, setCookie };
  }

  /** A read that never refreshes, for a request that may not write the cookie. */
  async function readStored(request: AppRequest): Promise<AppSessionRead> {
    let stored: JWT | undefined;
    const { auth: readOnly } = NextAuth({
      ...config,
      callbacks: {
        ...config.callbacks,
        // The token as stored; the app's callback would refresh it, and the cookie would be lost.
        async jwt({ token }) {
          await signedOut.refuse(token);
          return (stored = token);
        },
      },
    });
    const { session } = await v5Read(request, readOnly);
    // No token: the cookie did not decrypt, and there is no session to refresh.
    return { session, refreshDue: stored !== undefined && isRefreshDue(stored) };
  }

  async function readAppSession(request: AppRequest): Promise<AppSessionRead> {
    const names = Object.keys(request.cookies);
    const [firstPart] = sessionNames.flatMap((name) => sessionCookieParts(names, name));
    if (firstPart === undefined) return { session: null };
    if (!canWriteCookies(request, firstPart, secure)) return readStored(request);
    const { session, setCookie } = await v5Read(request, auth);
    setCookies(request, setCookie);
    return { session };
  }

  return appGates(readAppSession, env.appUrl);
}
