import type { NextApiRequest, NextApiResponse } from 'next';
import type { NextAuthResult, Session } from 'next-auth';
import { pagesGates, type PagesContext } from '@/lib/auth/core/pages-gates';
import { bridgePagesRequest } from './requests';

/**
 * The Pages Router's gates under v5, the same `requireSession` and `withSession` as under v4
 * (lib/auth/core/pages-gates.ts): only the reader changes, to v5's `auth(req, res)`, which runs
 * the `jwt` callback (refreshing when due) and writes the cookie on `res`.
 * @see https://authjs.dev/getting-started/migrating-to-v5#authenticating-server-side
 */
export function pagesRouterSession(auth: NextAuthResult['auth'], secure: boolean) {
  return pagesGates(pagesSessionReader(auth, secure));
}

/** `auth(req, res)` for a Pages request, through the v4 cookie bridge (./requests.ts). */
export function pagesSessionReader(auth: NextAuthResult['auth'], secure: boolean) {
  return async (ctx: PagesContext): Promise<Session | null> => {
    const bridge = bridgePagesRequest(ctx.req.headers, secure);
    // v5 reads only the headers of the request.
    const req = { headers: bridge.headers } as NextApiRequest;
    const session = await auth(req, ctx.res as NextApiResponse);
    bridge.settle(ctx.res);
    return session;
  };
}
