import { screen, within } from '@testing-library/react';
import AuthErrorPage from '@/pages/auth/error';
import { en } from '@/lib/i18n/en';
import { AUTH_ERROR_CODES } from '@/lib/i18n';
import { setupTestServer } from '../../support/msw-server';
import { renderPage } from '../../support/render-page';
import { sessionHandler } from '../../support/session-handlers';

setupTestServer(sessionHandler(null));

function renderError(query: Record<string, string>, locale = 'en') {
  const search = new URLSearchParams(query).toString();
  return renderPage(AuthErrorPage, {
    router: { asPath: `/auth/error?${search}`, pathname: '/auth/error', query, locale },
  });
}

/** What each code must say, written out so a changed message is a deliberate change. */
const EXPECTED: Record<(typeof AUTH_ERROR_CODES)[number], [string, RegExp]> = {
  Configuration: ['Sign-in is not set up correctly', /problem on our side/],
  AccessDenied: ['Access was denied', /use another phone number/],
  Verification: ['This sign-in link is no longer valid', /Start signing in again/],
  OAuthSignin: ['We could not start signing you in', /Wait a moment, then try again/],
  OAuthCallback: ['We could not finish signing you in', /could not be verified/],
  OAuthCreateAccount: ['We could not create your account', /Try again in a moment/],
  EmailCreateAccount: ['We could not create your account', /sign in with your phone number/],
  Callback: ['Sign-in was interrupted', /You may have cancelled/],
  OAuthAccountNotLinked: [
    'This account is linked to another way of signing in',
    /same way you did the first time/,
  ],
  SessionRequired: ['Please sign in to see this page', /take you back/],
  Default: ['Something went wrong while signing you in', /contact support/],
};

describe('/auth/error', () => {
  it.each(AUTH_ERROR_CODES)('explains %s and what to do about it', async (code) => {
    renderError({ error: code });

    const [title, whatToDo] = EXPECTED[code];
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(whatToDo);
    expect(screen.getByText(`Error code: ${code}`)).toBeInTheDocument();
  });

  it('treats an unknown code as Default', async () => {
    renderError({ error: 'SomethingNew' });

    expect(
      await screen.findByRole('heading', { name: en.authError.codes.Default.title }),
    ).toBeInTheDocument();
    expect(screen.getByText('Error code: Default')).toBeInTheDocument();
  });

  it('treats a missing code as Default', async () => {
    renderError({});

    expect(
      await screen.findByRole('heading', { name: en.authError.codes.Default.title }),
    ).toBeInTheDocument();
  });

  it('keeps the callbackUrl in "Try again"', async () => {
    renderError({ error: 'Callback', callbackUrl: '/ja/books/kokoro' });

    expect(await screen.findByRole('link', { name: 'Try again' })).toHaveAttribute(
      'href',
      '/signin?callbackUrl=%2Fja%2Fbooks%2Fkokoro',
    );
  });

  it('drops an off-site callbackUrl from "Try again"', async () => {
    renderError({ error: 'Callback', callbackUrl: 'https://evil.example/' });

    expect(await screen.findByRole('link', { name: 'Try again' })).toHaveAttribute(
      'href',
      '/signin?callbackUrl=%2Fbooks',
    );
  });

  it('links to the other language without the query until the router is ready, as the server did', async () => {
    renderPage(AuthErrorPage, {
      router: {
        asPath: '/auth/error?error=Callback',
        pathname: '/auth/error',
        query: { error: 'Callback' },
        isReady: false,
      },
    });

    const languages = screen.getByRole('navigation', { name: 'Language' });
    expect(within(languages).getByRole('link', { name: '日本語' })).toHaveAttribute(
      'href',
      '/ja/auth/error',
    );
  });

  it('explains the error in Japanese under /ja', async () => {
    renderError({ error: 'AccessDenied' }, 'ja');

    expect(
      await screen.findByRole('heading', { name: 'アクセスが拒否されました' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'もう一度試す' })).toBeInTheDocument();
  });
});
