import type {
  GetServerSidePropsContext,
  GetServerSidePropsResult,
  NextApiHandler,
  NextApiRequest,
  NextApiResponse,
} from 'next';
import type { Session } from 'next-auth';
import { rejectOtherMethods } from './methods';
import { localePrefix, PRIVATE_NO_STORE, signInPath } from './routes';

export type PagesContext =
  Pick<GetServerSidePropsContext, 'req' | 'res'> | { req: NextApiRequest; res: NextApiResponse };

/**
 * The props of a page behind `requireSession`: its own, and the session for `SessionProvider`.
 * `_app` shows the session-ended notice in place of the page when `session.error` is set, so a
 * page never checks that itself.
 */
type GatedPageProps<P> = P & { session: Session };

type SessionApiHandler<T> = (
  req: NextApiRequest,
  res: NextApiResponse<T>,
  session: Session,
) => unknown | Promise<unknown>;

interface WithSessionOptions {
  /** HTTP methods the route answers; anything else gets 405 with an `Allow` header. */
  methods: string[];
}

/**
 * The Pages Router's gates around a session reader (next-auth v4's in ./pages-session.ts, Auth.js
 * v5's `auth(req, res)` after a move): `requireSession` for `getServerSideProps`, `withSession`
 * for API routes. They need nothing of next-auth but its `Session` type.
 */
export function pagesGates(readSession: (ctx: PagesContext) => Promise<Session | null>) {
  /**
   * `getServerSideProps` for gated pages, the one gate of a page: redirects the signed-out to
   * `/signin?callbackUrl=…`, and hands the session to `SessionProvider` so the client does not
   * fetch it again. When the session has ended (it can no longer be refreshed), the page's own
   * data is not loaded and `_app` shows the notice instead of the page.
   */
  function requireSession<P extends Record<string, unknown> = Record<string, never>>(
    loadProps?: (
      ctx: GetServerSidePropsContext,
      session: Session,
    ) => Promise<GetServerSidePropsResult<P>> | GetServerSidePropsResult<P>,
  ) {
    return async (
      ctx: GetServerSidePropsContext,
    ): Promise<GetServerSidePropsResult<GatedPageProps<P>>> => {
      const session = await readSession(ctx);
      ctx.res.setHeader('Cache-Control', PRIVATE_NO_STORE);
      if (!session) {
        const requested = `${localePrefix(ctx)}${ctx.resolvedUrl}`;
        return {
          redirect: { destination: signInPath(requested, localePrefix(ctx)), permanent: false },
        };
      }
      // why the cast: the page is never rendered with these props; `_app` renders the notice
      // ("Your session has ended — sign in again") for a session with an error.
      if (session.error) return { props: { session } as GatedPageProps<P> };
      const result = loadProps ? await loadProps(ctx, session) : { props: {} as P };
      if (!('props' in result)) return result;
      return { ...result, props: { ...(await result.props), session } };
    };
  }

  /**
   * Wraps an API route so the handler only runs for a signed-in person, in the manner of
   * Logto's `withLogtoApiRoute`: 401 `unauthorized` without a session, 401 `session_expired`
   * once it can no longer be refreshed.
   * @see https://docs.logto.io/quick-starts/next#protect-api-routes
   */
  function withSession<T>(
    handler: SessionApiHandler<T>,
    { methods }: WithSessionOptions,
  ): NextApiHandler {
    return async (req, res) => {
      if (!rejectOtherMethods(req, res, methods)) return;
      // Answers hold someone's data (or say whose session ended): no shared cache may keep them.
      res.setHeader('Cache-Control', PRIVATE_NO_STORE);
      const session = await readSession({ req, res });
      if (!session) {
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      // The same rule as requireSession's: any error means the session has ended.
      if (session.error) {
        res.status(401).json({ error: 'session_expired' });
        return;
      }
      await handler(req, res as NextApiResponse<T>, session);
    };
  }

  return { requireSession, withSession };
}
