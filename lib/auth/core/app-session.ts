import type { NextApiRequest, NextApiResponse } from 'next';
import type { NextAuthOptions } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { getServerSession } from 'next-auth/next';
import { appGates, type AppSessionRead } from './app-gates';
import { canWriteCookies, setCookies, type AppRequest } from './app-request';
import { authCookieNames, boundSessionChunks, sessionCookieParts } from './cookies';
import type { AuthContext } from './logto-auth';
import { isRefreshDue } from './tokens';

/**
 * The App Router's readers, on one session with the Pages Router: the same cookie, the same
 * `Session`, and the same single-flight refresh. A refresh happens only where its cookie can be
 * written. A route handler or a server action may set cookies: there a read refreshes when due,
 * as in `pages/`. A server component may not (Next refuses `cookies().set()` while rendering), so
 * there a read never refreshes; a page's gate sends the person through the refresh route instead,
 * which writes the cookie and sends them back.
 *
 * `next-auth/next`'s `getServerSession()` called with no request (as its docs show for the App
 * Router) refreshes anyway and drops the cookie: its response's `setCookie` does nothing. So the
 * reads here call it with a request built from next/headers and a response that keeps the
 * cookies, and set them with `cookies().set()`. Checked against next-auth 4.22–4.24.15, which
 * read `req.headers` and `req.cookies` and write `Set-Cookie` through `res.getHeader` and
 * `res.setHeader`; `__tests__/integration/app-session.test.ts` fails if that changes.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/next/index.ts
 */
export function appRouterSession({ env, authOptions, readFromCookie, signedOut }: AuthContext) {
  const { secure, sessionToken } = authCookieNames(env.appUrl);

  /** next-auth's full read on `request`; the cookies it sets are applied only when `write`. */
  async function nextAuthRead(request: AppRequest, write: boolean) {
    let setCookie: string[] = [];
    const res = {
      // A copy: next-auth's setCookie pushes onto what it gets, and must set the header to keep it.
      getHeader: () => [...setCookie],
      setHeader: (_name: string, value: string[]) => (setCookie = value),
    };
    let token: JWT | undefined;
    const { jwt } = authOptions.callbacks ?? {};
    const options: NextAuthOptions = {
      ...authOptions,
      callbacks: {
        ...authOptions.callbacks,
        // Read-only: the token as stored, never refreshed. Writable: the app's own callback.
        async jwt(params) {
          // The app's callback refuses a signed-out session itself; the read-only path asks too.
          if (!(write && jwt)) await signedOut.refuse(params.token);
          token = write && jwt ? await jwt(params) : params.token;
          return token;
        },
      },
    };
    const session = await getServerSession(
      { headers: request.headers, cookies: request.cookies } as unknown as NextApiRequest,
      res as unknown as NextApiResponse,
      options,
    );
    if (write) setCookies(request, setCookie);
    return { session, token };
  }

  /** The session, and whether a refresh is due that this request could not store. */
  async function readAppSession(unbounded: AppRequest): Promise<AppSessionRead> {
    const request = { ...unbounded, cookies: boundSessionChunks(unbounded.cookies, sessionToken) };
    const fromCookie = await readFromCookie?.(request.cookies);
    if (fromCookie !== undefined) return { session: fromCookie };
    const [firstPart] = sessionCookieParts(Object.keys(request.cookies), sessionToken);
    if (firstPart === undefined) return { session: null };
    if (canWriteCookies(request, firstPart, secure)) {
      return { session: (await nextAuthRead(request, true)).session };
    }
    const { session, token } = await nextAuthRead(request, false);
    // No token: the cookie did not decrypt, and there is no session to refresh.
    return { session, refreshDue: token !== undefined && isRefreshDue(token) };
  }

  return appGates(readAppSession, env.appUrl);
}
