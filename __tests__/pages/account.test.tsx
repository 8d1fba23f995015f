import { screen, waitFor, within } from '@testing-library/react';
import AccountPage from '@/pages/account';
import { setupTestServer } from '../support/msw-server';
import { renderPage } from '../support/render-page';
import { aSession, pendingSessionHandler, sessionHandler } from '../support/session-handlers';

const server = setupTestServer(sessionHandler(null));

/** The `<dd>` that follows a `<dt>` with this text. */
function valueOf(term: string): HTMLElement {
  const dt = screen.getByText(term, { selector: 'dt' });
  const dd = dt.nextElementSibling;
  if (!(dd instanceof HTMLElement)) throw new Error(`no value after "${term}"`);
  return dd;
}

describe('/account', () => {
  it('shows the skeleton while the session is being checked', async () => {
    const pending = pendingSessionHandler();
    server.use(pending.handler);
    renderPage(AccountPage, { router: { asPath: '/account' } });

    expect(await screen.findByRole('status')).toHaveTextContent('Loading your page…');
    expect(screen.queryByRole('heading', { name: 'Your account' })).not.toBeInTheDocument();
    pending.release();
  });

  it('sends a signed-out visitor to /signin and back to the account page', async () => {
    const { router } = renderPage(AccountPage, { router: { asPath: '/account' } });

    await waitFor(() =>
      expect(router.replace).toHaveBeenCalledWith('/signin?callbackUrl=%2Faccount'),
    );
  });

  it('renders the profile from the server-seeded session with no loading state', () => {
    renderPage(AccountPage, { router: { asPath: '/account' }, pageProps: { session: aSession() } });

    expect(screen.getByRole('heading', { name: 'Your account' })).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(valueOf('Name')).toHaveTextContent('Hanako Yamada');
    expect(valueOf('User ID')).toHaveTextContent('u1a2b3c4d5e6');
    expect(valueOf('Verification')).toHaveTextContent('Verified');
  });

  it('shows the phone number in national and international format', () => {
    renderPage(AccountPage, { router: { asPath: '/account' }, pageProps: { session: aSession() } });

    expect(valueOf('National format')).toHaveTextContent('090-1234-5678');
    expect(valueOf('International format')).toHaveTextContent('+81 90 1234 5678');
  });

  it('says when the session expires, formatted for the locale', () => {
    renderPage(AccountPage, {
      router: { asPath: '/account', locale: 'ja' },
      pageProps: { session: aSession({ expires: '2030-01-02T03:04:05.000Z' }) },
    });

    const expiry = within(valueOf('セッションの有効期限')).getByText(/2030年1月2日/);
    expect(expiry).toHaveAttribute('datetime', '2030-01-02T03:04:05.000Z');
  });

  it('says so when the phone number is not verified and there is no name', () => {
    renderPage(AccountPage, {
      router: { asPath: '/account' },
      pageProps: {
        session: aSession({ user: { name: null, phoneNumber: null, phoneNumberVerified: false } }),
      },
    });

    expect(valueOf('Name')).toHaveTextContent('Not set');
    expect(valueOf('Phone number')).toHaveTextContent('No phone number on this account');
    expect(valueOf('Verification')).toHaveTextContent('Not verified');
  });

  it('links to Logto’s Account Center to change the phone number', () => {
    const changePhoneUrl = 'http://localhost:3001/account/phone?redirect=x&ui_locales=en';
    renderPage(AccountPage, {
      router: { asPath: '/account' },
      pageProps: { session: aSession(), changePhoneUrl },
    });

    expect(
      within(valueOf('Phone number')).getByRole('link', { name: 'Change phone number' }),
    ).toHaveAttribute('href', changePhoneUrl);
  });

  it('offers to sign out', () => {
    renderPage(AccountPage, { router: { asPath: '/account' }, pageProps: { session: aSession() } });

    expect(
      within(screen.getByRole('main')).getByRole('button', { name: 'Sign out' }),
    ).toBeEnabled();
  });

  it('shows the session-ended notice when the session can no longer be refreshed', () => {
    renderPage(AccountPage, {
      router: { asPath: '/account', locale: 'ja' },
      pageProps: { session: aSession({ error: 'RefreshAccessTokenError' }) },
    });

    expect(
      screen.getByRole('heading', {
        name: 'セッションが終了しました。もう一度サインインしてください',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'もう一度サインイン' })).toHaveAttribute(
      'href',
      '/ja/signin?callbackUrl=%2Fja%2Faccount',
    );
  });
});
