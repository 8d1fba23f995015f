/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { GetServerSidePropsContext } from 'next';
import { encode } from 'next-auth/jwt';
import { env, requireSession } from '@/auth';

/** The headers the last context's response was given. */
let lastResponseHeaders: Record<string, unknown> = {};

/** The parts of a getServerSideProps context that requireSession reads. */
function context(options: {
  cookie?: string;
  resolvedUrl: string;
  locale?: string;
}): GetServerSidePropsContext {
  const headers: Record<string, string> = { host: 'localhost:3000' };
  const cookies: Record<string, string> = {};
  if (options.cookie) {
    headers.cookie = `next-auth.session-token=${options.cookie}`;
    cookies['next-auth.session-token'] = options.cookie;
  }
  const outgoing: Record<string, unknown> = {};
  lastResponseHeaders = outgoing;
  return {
    req: { headers, cookies, method: 'GET', url: options.resolvedUrl },
    res: {
      getHeader: (name: string) => outgoing[name.toLowerCase()],
      setHeader: (name: string, value: unknown) => void (outgoing[name.toLowerCase()] = value),
    },
    resolvedUrl: options.resolvedUrl,
    locale: options.locale ?? 'en',
    defaultLocale: 'en',
    locales: ['en', 'ja'],
    query: {},
  } as unknown as GetServerSidePropsContext;
}

const sessionCookie = () =>
  encode({
    token: { sub: 'a1b2c3d4e5f6', name: 'Hanako', phoneNumber: '+819012345678' },
    secret: env.secret,
  });

describe('requireSession', () => {
  it('sends a signed-out visitor to /signin with the page as callbackUrl', async () => {
    const result = await requireSession()(context({ resolvedUrl: '/books?page=2' }));
    expect(result).toEqual({
      redirect: { destination: '/signin?callbackUrl=%2Fbooks%3Fpage%3D2', permanent: false },
    });
  });

  it('tells shared caches not to keep a gated answer, signed in or not', async () => {
    await requireSession()(context({ resolvedUrl: '/books' }));
    expect(lastResponseHeaders['cache-control']).toBe('private, no-store');
  });

  it('keeps the locale prefix on both the sign-in page and the callbackUrl', async () => {
    const result = await requireSession()(context({ resolvedUrl: '/account', locale: 'ja' }));
    expect(result).toEqual({
      redirect: { destination: '/ja/signin?callbackUrl=%2Fja%2Faccount', permanent: false },
    });
  });

  it('hands the session to the page so SessionProvider need not fetch it', async () => {
    const result = await requireSession()(
      context({ cookie: await sessionCookie(), resolvedUrl: '/account' }),
    );
    expect(result).toMatchObject({
      props: {
        session: { user: { id: 'a1b2c3d4e5f6', name: 'Hanako', phoneNumber: '+819012345678' } },
      },
    });
  });

  it('merges the page props with the session', async () => {
    const gssp = requireSession(async (_ctx, session) => ({
      props: { greeting: `hello ${session.user.id}` },
    }));
    const result = await gssp(context({ cookie: await sessionCookie(), resolvedUrl: '/books' }));
    expect(result).toMatchObject({
      props: { greeting: 'hello a1b2c3d4e5f6', session: { user: { id: 'a1b2c3d4e5f6' } } },
    });
  });

  it('passes a notFound from the page through', async () => {
    const gssp = requireSession(() => ({ notFound: true }));
    expect(await gssp(context({ cookie: await sessionCookie(), resolvedUrl: '/books/x' }))).toEqual(
      { notFound: true },
    );
  });

  it('re-issues the cookie of a session whose tokens know nothing of refresh', async () => {
    await requireSession()(context({ cookie: await sessionCookie(), resolvedUrl: '/account' }));
    expect(String(lastResponseHeaders['set-cookie'])).toMatch(/next-auth\.session-token=/);
  });

  it('sets no cookie for a fresh session whose access token is not due for refresh', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cookie = await encode({
      token: {
        sub: 'a1b2c3d4e5f6',
        sessionId: 'session-1',
        accessToken: 'at',
        accessTokenExpiresAt: now + 3600,
        accessTokenRefreshAt: now + 3540,
      },
      secret: env.secret,
    });

    const result = await requireSession()(context({ cookie, resolvedUrl: '/account' }));

    expect(result).toMatchObject({ props: { session: { user: { id: 'a1b2c3d4e5f6' } } } });
    expect(lastResponseHeaders['set-cookie']).toBeUndefined();
  });
});
