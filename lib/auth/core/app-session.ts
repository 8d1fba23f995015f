import type { NextApiRequest, NextApiResponse } from 'next';
import type { NextAuthOptions, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { getServerSession } from 'next-auth/next';
import { redirect } from 'next/navigation';
import { authCookieNames, boundSessionChunks, sessionCookieParts } from './cookies';
import type { AuthContext } from './logto-auth';
import { PRIVATE_NO_STORE, sessionRefreshPath, signInPath } from './routes';
import { sameOriginPath } from './same-origin';
import { isRefreshDue } from './tokens';

/** A cookie as `cookies().set()` takes it. */
interface CookieToSet {
  name: string;
  value: string;
  path?: string;
  expires?: Date;
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
}

/** The request as next/headers shows it, and its cookie store (writable only where Next allows). */
interface AppRequest {
  cookies: Record<string, string>;
  headers: Record<string, string>;
  store: { set(cookie: CookieToSet): unknown };
}

/**
 * next/headers, loaded when an App Router reader runs: a static import would make `next build`
 * refuse every page of `pages/` that imports the same module (it is for the App Router only).
 * `await` works on Next 14, where cookies() and headers() return the value, and on Next 15+,
 * where they return a promise.
 * @see https://nextjs.org/docs/app/api-reference/functions/cookies
 */
async function appRequest(): Promise<AppRequest> {
  const { cookies, headers } = await import('next/headers');
  const store = await cookies();
  const headerList = await headers();
  const request: AppRequest = { cookies: {}, headers: {}, store };
  store.getAll().forEach(({ name, value }) => (request.cookies[name] = value));
  // Stryker disable next-line ArrowFunction: next-auth reads the headers only for the origin when NEXTAUTH_URL is unset, and the env requires it; a faithful request all the same
  headerList.forEach((value, name) => (request.headers[name] = value));
  return request;
}

/**
 * One `Set-Cookie` header as next-auth serialises its session cookie (with the `cookie` package:
 * attributes joined by `; `, no `Domain` as the options set none), back into `cookies().set()`'s
 * shape.
 * @see https://github.com/jshttp/cookie#cookieserializename-value-options
 */
function parseSetCookie(header: string): CookieToSet {
  const [pair, ...attributes] = header.split('; ') as [string, ...string[]];
  const equals = pair.indexOf('=');
  const cookie: CookieToSet = {
    name: pair.slice(0, equals),
    value: decodeURIComponent(pair.slice(equals + 1)),
  };
  attributes.forEach((attribute) => {
    // `HttpOnly` and `Secure` have no value.
    const valueAt = attribute.indexOf('=');
    const value = attribute.slice(valueAt + 1);
    switch ((valueAt === -1 ? attribute : attribute.slice(0, valueAt)).toLowerCase()) {
      case 'path':
        cookie.path = value;
        break;
      case 'expires':
        cookie.expires = new Date(value);
        break;
      case 'max-age':
        cookie.maxAge = Number(value);
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'samesite':
        cookie.sameSite = value.toLowerCase() as CookieToSet['sameSite'];
    }
  });
  return cookie;
}

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
    if (write) setCookie.forEach((header) => request.store.set(parseSetCookie(header)));
    return { session, token };
  }

  /**
   * Whether this request may set cookies. Setting the session cookie to the value it already
   * has tells, and changes nothing: the read that follows writes it again. Next throws in a
   * server component ("Cookies can only be modified in a Server Action or Route Handler").
   */
  function canWriteCookies(request: AppRequest, name: string): boolean {
    try {
      const value = request.cookies[name]!;
      request.store.set({ name, value, path: '/', httpOnly: true, sameSite: 'lax', secure });
      return true;
    } catch {
      return false;
    }
  }

  /** The session, and whether a refresh is due that this request could not store. */
  async function readAppSession(
    unbounded: AppRequest,
  ): Promise<{ session: Session | null; refreshDue?: boolean }> {
    const request = { ...unbounded, cookies: boundSessionChunks(unbounded.cookies, sessionToken) };
    const fromCookie = await readFromCookie?.(request.cookies);
    if (fromCookie !== undefined) return { session: fromCookie };
    const [firstPart] = sessionCookieParts(Object.keys(request.cookies), sessionToken);
    if (firstPart === undefined) return { session: null };
    if (canWriteCookies(request, firstPart)) {
      return { session: (await nextAuthRead(request, true)).session };
    }
    const { session, token } = await nextAuthRead(request, false);
    // No token: the cookie did not decrypt, and there is no session to refresh.
    return { session, refreshDue: token !== undefined && isRefreshDue(token) };
  }

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
    const callbackUrl = sameOriginPath(path, env.appUrl);
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
        Location: sameOriginPath(callbackUrl, env.appUrl),
        'Cache-Control': PRIVATE_NO_STORE,
      },
    });
  }

  return { getAppSession, requireAppSession, refreshSessionRoute };
}
