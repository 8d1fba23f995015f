/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { GetServerSidePropsContext } from 'next';
import { encode } from 'next-auth/jwt';
import { env, requireSession } from '@/auth';
import { REFRESH_MARGIN_SECONDS, refreshDueAt } from '@/lib/auth/core/tokens';

describe('when an access token is due for refresh', () => {
  it('is a minute before expiry for Logto’s one-hour tokens', () => {
    expect(refreshDueAt(10_000 + 3600, 10_000)).toBe(10_000 + 3600 - REFRESH_MARGIN_SECONDS);
  });

  it('is halfway through the life of a token shorter than two minutes, so it is not due on arrival', () => {
    expect(refreshDueAt(10_030, 10_000)).toBe(10_015);
  });
});

/** A getServerSideProps context carrying `cookie` as the session cookie. */
function context(cookie: string, resolvedUrl: string): GetServerSidePropsContext {
  const outgoing: Record<string, unknown> = {};
  return {
    req: {
      headers: { host: 'localhost:3000', cookie: `next-auth.session-token=${cookie}` },
      cookies: { 'next-auth.session-token': cookie },
      method: 'GET',
      url: resolvedUrl,
    },
    res: {
      getHeader: (name: string) => outgoing[name.toLowerCase()],
      setHeader: (name: string, value: unknown) => void (outgoing[name.toLowerCase()] = value),
    },
    resolvedUrl,
    locale: 'en',
    defaultLocale: 'en',
    locales: ['en', 'ja'],
    query: {},
  } as unknown as GetServerSidePropsContext;
}

describe('requireSession with a session that could not be refreshed', () => {
  it('hands over only the errored session, for the notice, and loads none of the page data', async () => {
    const cookie = await encode({
      token: { sub: 'a1b2c3d4e5f6', idToken: 'id', error: 'RefreshAccessTokenError' },
      secret: env.secret,
    });
    const loadProps = jest.fn(() => ({ props: { secret: 'page data' } }));

    const result = await requireSession(loadProps)(context(cookie, '/books/1'));

    expect(loadProps).not.toHaveBeenCalled();
    expect(result).toEqual({
      props: {
        session: expect.objectContaining({ error: 'RefreshAccessTokenError' }),
      },
    });
  });
});
