/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { GetServerSidePropsContext } from 'next';
import { refreshAfterAccountCenter } from '@/lib/auth/server';

/** A page request without a session cookie, for `url` (locale prefix left out, as Next does). */
function context(url: string, locale = 'en'): GetServerSidePropsContext {
  const parsed = new URL(url, 'http://localhost:3000');
  return {
    req: { headers: { host: 'localhost:3000' }, cookies: {}, method: 'GET', url },
    res: { getHeader: () => undefined, setHeader: () => {} },
    resolvedUrl: `${parsed.pathname}${parsed.search}`,
    query: Object.fromEntries(parsed.searchParams),
    locale,
    defaultLocale: 'en',
    locales: ['en', 'ja'],
  } as unknown as GetServerSidePropsContext;
}

const page = jest.fn(async () => ({ props: {} }));
afterEach(() => page.mockClear());

it('sends the way back to the same page without the marker, other parameters kept', async () => {
  const getProps = refreshAfterAccountCenter(page);
  expect(await getProps(context('/account?tab=phone&from=account-center'))).toEqual({
    redirect: { destination: '/account?tab=phone', permanent: false },
  });
  expect(page).not.toHaveBeenCalled();
});

it('keeps the locale prefix on the way back', async () => {
  const getProps = refreshAfterAccountCenter(page);
  expect(await getProps(context('/account?from=account-center', 'ja'))).toEqual({
    redirect: { destination: '/ja/account', permanent: false },
  });
});

it('hands any other request to the page', async () => {
  const getProps = refreshAfterAccountCenter(page);
  const ctx = context('/account?from=elsewhere');
  expect(await getProps(ctx)).toEqual({ props: {} });
  expect(page).toHaveBeenCalledWith(ctx);
});
