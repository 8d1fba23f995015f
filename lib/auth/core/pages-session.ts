import type { NextApiRequest } from 'next';
import type { Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import { authCookieNames, boundSessionChunks } from './cookies';
import type { AuthContext } from './logto-auth';
import { pagesGates, type PagesContext } from './pages-gates';

/**
 * The Pages Router's readers, on the request where a refresh can be stored: next-auth's
 * `getServerSession(req, res, …)` runs the `jwt` callback (which refreshes when due) and writes
 * the cookie on `res`. With the speed layer, a read that would change nothing skips it.
 * @see https://next-auth.js.org/configuration/nextjs#getserversession
 */
export function pagesRouterSession({ env, authOptions, readFromCookie }: AuthContext) {
  const { sessionToken } = authCookieNames(env.appUrl);

  async function readSession(ctx: PagesContext): Promise<Session | null> {
    const cookies = boundSessionChunks(ctx.req.cookies, sessionToken);
    const fromCookie = await readFromCookie?.(cookies);
    if (fromCookie !== undefined) return fromCookie;
    // next-auth reads only `headers` and `cookies` of the request.
    const req = { headers: ctx.req.headers, cookies } as unknown as NextApiRequest;
    return getServerSession(req, ctx.res, authOptions);
  }

  return pagesGates(readSession);
}
