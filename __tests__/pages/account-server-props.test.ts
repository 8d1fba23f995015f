/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { GetServerSidePropsContext } from 'next';
import { encode } from 'next-auth/jwt';
import { authOptions } from '@/lib/auth/options';
import { getServerSideProps } from '@/pages/account';

/** A signed-in request for /account in `locale`, as requireSession reads it. */
async function signedInContext(locale: string) {
  const token = await encode({
    token: { sub: 'u1a2b3c4d5e6', phoneNumber: '+819012345678' },
    secret: String(authOptions.secret),
  });
  return {
    req: {
      headers: { cookie: `next-auth.session-token=${token}` },
      cookies: { 'next-auth.session-token': token },
      method: 'GET',
      url: '/account',
    },
    res: { getHeader: () => undefined, setHeader: jest.fn() },
    resolvedUrl: '/account',
    locale,
    defaultLocale: 'en',
    locales: ['en', 'ja'],
    query: {},
  } as unknown as GetServerSidePropsContext;
}

it('links to Logto’s Account Center phone page, back to /account in the page’s language', async () => {
  const result = await getServerSideProps(await signedInContext('ja'));
  const { changePhoneUrl } = (result as { props: { changePhoneUrl: string } }).props;
  const url = new URL(changePhoneUrl);
  // The development issuer: logto-local's, which serves the same page.
  expect(`${url.origin}${url.pathname}`).toBe('http://localhost:3001/account/phone');
  expect(url.searchParams.get('redirect')).toBe(
    'http://localhost:3000/ja/account?from=account-center',
  );
  expect(url.searchParams.get('ui_locales')).toBe('ja');
});

it('comes back to /account without a locale prefix in English', async () => {
  const result = await getServerSideProps(await signedInContext('en'));
  const url = new URL((result as { props: { changePhoneUrl: string } }).props.changePhoneUrl);
  expect(url.searchParams.get('redirect')).toBe(
    'http://localhost:3000/account?from=account-center',
  );
  expect(url.searchParams.get('ui_locales')).toBe('en');
});
