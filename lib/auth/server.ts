import type {
  GetServerSideProps,
  GetServerSidePropsContext,
  GetServerSidePropsResult,
  NextApiHandler,
  NextApiRequest,
  NextApiResponse,
} from 'next';
import type { Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import {
  ACCOUNT_CENTER_RETURN,
  accountCenterPhoneUrl,
  isAccountCenterReturn,
} from './account-center';
import { getAuthEnv } from './env';
import { rejectOtherMethods } from './methods';
import { authOptions, buildAuthOptions } from './options';
import { withSessionFastPath } from './session-fast-path';

type ServerContext =
  Pick<GetServerSidePropsContext, 'req' | 'res'> | { req: NextApiRequest; res: NextApiResponse };

/**
 * The one way to read the session on the server (decrypts the cookie; runs the jwt callback).
 * @see https://next-auth.js.org/configuration/nextjs#getserversession
 */
export function getServerAuthSession(ctx: ServerContext): Promise<Session | null> {
  return getServerSession(ctx.req, ctx.res, authOptions);
}

/**
 * What the gates below read with: {@link getServerAuthSession} behind a fast path that skips
 * next-auth's full read, and the cookie it re-issues, when that would change nothing. Pass
 * `getServerAuthSession` itself instead and the gates work the same, only slower.
 * @see ./session-fast-path.ts
 */
const readSession = withSessionFastPath(getServerAuthSession, authOptions);

/** The `/ja`-style prefix of a request in a non-default locale (Pages Router i18n). */
function localePrefix(ctx: Pick<GetServerSidePropsContext, 'locale' | 'defaultLocale'>): string {
  return ctx.locale && ctx.locale !== ctx.defaultLocale ? `/${ctx.locale}` : '';
}

/** The page path (with locale prefix) a person asked for, for `callbackUrl`. */
function requestedPath(ctx: GetServerSidePropsContext): string {
  return `${localePrefix(ctx)}${ctx.resolvedUrl}`;
}

/** The sign-in page for this locale, remembering where the person wanted to go. */
export function signInRedirectPath(ctx: GetServerSidePropsContext): string {
  return `${localePrefix(ctx)}/signin?callbackUrl=${encodeURIComponent(requestedPath(ctx))}`;
}

/**
 * What a gated page receives: its own props, or, when the session can no longer be refreshed,
 * only `sessionEnded: true`, so the page shows the session-ended notice in place of its content.
 * A page can check the flag itself and needs no client-side gate for it.
 */
export type SessionProps<P> = (P & { sessionEnded: false }) | { sessionEnded: true };

export type PropsWithSession<P> = SessionProps<P> & { session: Session };

/**
 * `getServerSideProps` for gated pages: redirects the signed-out to `/signin?callbackUrl=…`,
 * and hands the session to `SessionProvider` so the client does not fetch it again.
 */
export function requireSession<P extends Record<string, unknown> = Record<string, never>>(
  loadProps?: (
    ctx: GetServerSidePropsContext,
    session: Session,
  ) => Promise<GetServerSidePropsResult<P>> | GetServerSidePropsResult<P>,
) {
  return async (
    ctx: GetServerSidePropsContext,
  ): Promise<GetServerSidePropsResult<PropsWithSession<P>>> => {
    const session = await readSession(ctx);
    if (!session) {
      return { redirect: { destination: signInRedirectPath(ctx), permanent: false } };
    }
    // why: a session that can no longer be refreshed gets "Your session has ended — sign in
    // again" in place of the content, instead of a silent redirect: the person learns why,
    // keeps the URL, and the button brings them back here. The page's own data is not loaded.
    if (session.error) return { props: { session, sessionEnded: true } };
    const result = loadProps ? await loadProps(ctx, session) : { props: {} as P };
    if (!('props' in result)) return result;
    const props = await result.props;
    return { ...result, props: { ...props, session, sessionEnded: false } };
  };
}

type SessionApiHandler<T> = (
  req: NextApiRequest,
  res: NextApiResponse<T>,
  session: Session,
) => unknown | Promise<unknown>;

export interface WithSessionOptions {
  /** HTTP methods the route answers; anything else gets 405 with an `Allow` header. */
  methods: string[];
}

/**
 * Wraps an API route so the handler only runs for a signed-in person, in the manner of
 * Logto's `withLogtoApiRoute`.
 * @see https://docs.logto.io/quick-starts/next#protect-api-routes
 */
export function withSession<T>(
  handler: SessionApiHandler<T>,
  { methods }: WithSessionOptions,
): NextApiHandler {
  return async (req, res) => {
    if (!rejectOtherMethods(req, res, methods)) return;
    const session = await readSession({ req, res });
    if (!session) {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    if (session.error === 'RefreshAccessTokenError') {
      res.status(401).json({ error: 'session_expired' });
      return;
    }
    await handler(req, res as NextApiResponse<T>, session);
  };
}

/**
 * Logto's Account Center page for changing the phone number, coming back to this page (same
 * locale) when done. Built on the server, where the issuer is known.
 * @see ./account-center.ts
 */
export function phoneChangeUrl(ctx: GetServerSidePropsContext): string {
  const { issuer, appUrl } = getAuthEnv();
  const page = new URL(ctx.resolvedUrl, appUrl).pathname;
  return accountCenterPhoneUrl({
    issuer,
    returnTo: `${appUrl}${localePrefix(ctx)}${page}`,
    uiLocales: ctx.locale ?? ctx.defaultLocale ?? 'en',
  });
}

let refreshNowOptions: ReturnType<typeof buildAuthOptions> | undefined;

/**
 * For a page that Logto's Account Center sends the person back to (`?from=account-center`): the
 * session is refreshed at Logto at once, so it takes the new ID token's claims (a new phone
 * number, and the display name that falls back to it), the cookie is written, and the browser is
 * sent to the same page without the marker, where every reader (the page, `/api/me`,
 * `useSession()`, other tabs on their next refetch) sees the new number. Why a refresh rather
 * than Logto's userinfo: its ID token is verified (signature, issuer, audience, the same `sub`),
 * the refresh path already maps claims for every later refresh, and the cookie's ID token (the
 * sign-out hint) is renewed too. A refresh asked for again within a few seconds is not repeated.
 * @see ./tokens.ts (refreshTokenIfDue)
 */
export function refreshAfterAccountCenter<P extends Record<string, unknown>>(
  getProps: GetServerSideProps<P>,
): GetServerSideProps<P> {
  return async (ctx) => {
    if (!isAccountCenterReturn(ctx.query)) return getProps(ctx);
    refreshNowOptions ??= buildAuthOptions(undefined, { refreshNow: true });
    await getServerSession(ctx.req, ctx.res, refreshNowOptions);
    const page = new URL(ctx.resolvedUrl, 'http://localhost');
    page.searchParams.delete(ACCOUNT_CENTER_RETURN.param);
    return {
      redirect: {
        destination: `${localePrefix(ctx)}${page.pathname}${page.search}`,
        permanent: false,
      },
    };
  };
}
