/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { GetServerSidePropsContext } from 'next';
import { encode } from 'next-auth/jwt';
import { authOptions } from '@/auth';
import { getServerSideProps as bookProps } from '@/pages/books/[id]';
import { getServerSideProps as catalogueProps } from '@/pages/books';

/** A session cookie the real getServerSession accepts, made with the app's own secret. */
async function sessionCookie(): Promise<string> {
  const token = await encode({
    token: { sub: 'u1a2b3c4d5e6', name: 'Hanako Yamada', phoneNumber: '+819012345678' },
    secret: String(authOptions.secret),
  });
  return `next-auth.session-token=${token}`;
}

/** The slice of a getServerSideProps context that requireSession and the pages read. */
function aContext(
  resolvedUrl: string,
  { cookie, locale = 'en', params }: { cookie?: string; locale?: string; params?: object } = {},
) {
  const cookies = Object.fromEntries(
    (cookie ?? '')
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  return {
    req: { headers: cookie ? { cookie } : {}, cookies, method: 'GET', url: resolvedUrl },
    res: { getHeader: () => undefined, setHeader: jest.fn() },
    resolvedUrl,
    locale,
    defaultLocale: 'en',
    locales: ['en', 'ja'],
    params,
    query: {},
  } as unknown as GetServerSidePropsContext;
}

describe('the book pages on the server', () => {
  it('redirect a signed-out visitor to sign-in, keeping the locale and the page', async () => {
    const result = await bookProps(
      aContext('/books/kokoro', { locale: 'ja', params: { id: 'kokoro' } }),
    );

    expect(result).toEqual({
      redirect: { destination: '/ja/signin?callbackUrl=%2Fja%2Fbooks%2Fkokoro', permanent: false },
    });
  });

  it('answer 404 for a book id that is not in the catalogue', async () => {
    const result = await bookProps(
      aContext('/books/no-such-book', {
        cookie: await sessionCookie(),
        params: { id: 'no-such-book' },
      }),
    );

    expect(result).toEqual({ notFound: true });
  });

  it('hand a known book and the session to the page', async () => {
    const result = await bookProps(
      aContext('/books/kokoro', { cookie: await sessionCookie(), params: { id: 'kokoro' } }),
    );

    expect(result).toMatchObject({
      props: {
        book: { id: 'kokoro', title: 'Kokoro', price: '$11.99' },
        session: { user: { id: 'u1a2b3c4d5e6', phoneNumber: '+819012345678' } },
      },
    });
  });

  it('hand the whole catalogue, priced in yen, to a Japanese reader', async () => {
    const result = await catalogueProps(
      aContext('/books', { cookie: await sessionCookie(), locale: 'ja' }),
    );

    expect(result).toMatchObject({
      props: { session: { user: { id: 'u1a2b3c4d5e6' } } },
    });
    const props = 'props' in result ? await result.props : undefined;
    const books = props?.books ?? [];
    expect(books).toHaveLength(12);
    expect(books[0]).toMatchObject({ id: 'pride-and-prejudice', price: '￥1,980' });
  });
});
