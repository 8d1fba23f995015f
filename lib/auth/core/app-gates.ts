import type { Session } from 'next-auth';
import { redirect } from 'next/navigation';
import { appRequest, type AppRequest } from './app-request';
import { PRIVATE_NO_STORE, sessionRefreshPath, signInPath } from './routes';
import { sameOriginPath } from './same-origin';

/** A read of the session, and whether a refresh is due that this request could not store. */
export interface AppSessionRead {
  session: Session | null;
  refreshDue?: boolean;
}

/**
 * The App Router's readers around a session reader (next-auth v4's in ./app-session.ts, Auth.js
 * v5's after a move): `getAppSession`, the gate `requireAppSession`, and the refresh route. The
 * reader refreshes where the request may write cookies and only reads elsewhere; these need
 * nothing of next-auth but its `Session` type.
 */
export function appGates(
  readAppSession: (request: AppRequest) => Promise<AppSessionRead>,
  appUrl: string,
) {
  /**
   * The session, the same `Session` that `getServerSession` gives in `pages/` (with `expires`),
   * or `null`. In a route handler or a server action it refreshes a due access token and writes
   * the cookie; in a server component it only reads (see `requireAppSession`).
   */
  async function getAppSession(): Promise<Session | null> {
    return (await readAppSession(await appRequest())).session;
  }

  /**
   * The gate of an `app/` page, given the page's own path (a server component cannot know it):
   * signed out, it redirects to `/signin?callbackUrl=<path>`; with a refresh due, through the
   * refresh route and back, so the refresh is stored before the page renders. Otherwise it
   * returns the session, with `error` set when the session has ended (show the notice then).
   */
  async function requireAppSession(path: string): Promise<Session> {
    const callbackUrl = sameOriginPath(path, appUrl);
    const { session, refreshDue } = await readAppSession(await appRequest());
    if (!session) redirect(signInPath(callbackUrl));
    if (refreshDue) redirect(sessionRefreshPath(callbackUrl));
    return session;
  }

  /**
   * `GET` of the refresh route (`app/api/auth/refresh/route.ts`): refreshes the session if it is
   * due, writes the cookie, and sends the person back to `callbackUrl` on this site.
   */
  async function refreshSessionRoute(request: Request): Promise<Response> {
    await getAppSession();
    const callbackUrl = new URL(request.url).searchParams.get('callbackUrl');
    return new Response(null, {
      status: 303,
      headers: {
        Location: sameOriginPath(callbackUrl, appUrl),
        'Cache-Control': PRIVATE_NO_STORE,
      },
    });
  }

  return { getAppSession, requireAppSession, refreshSessionRoute };
}
