import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as nextAuthReact from 'next-auth/react';
import HomePage from '@/pages/index';
import { setupTestServer } from '../support/msw-server';
import { renderPage } from '../support/render-page';
import {
  aSession,
  CSRF_TOKEN,
  pendingSessionHandler,
  sessionHandler,
  signInHandlers,
} from '../support/session-handlers';

const server = setupTestServer(sessionHandler(null));

afterEach(() => jest.restoreAllMocks());

function sessionState() {
  return within(screen.getByText(/signed in|checking/i).closest('section') as HTMLElement);
}

describe('/', () => {
  it('is public: shows the page while the session is still being checked', async () => {
    const pending = pendingSessionHandler();
    server.use(pending.handler);
    renderPage(HomePage);

    expect(
      screen.getByRole('heading', { name: 'Read the classics, sign in with your phone' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Checking whether you are signed in…')).toBeInTheDocument();
    pending.release();
  });

  it('says a visitor is not signed in and signs in with Logto, as the guide does', async () => {
    const signIn = jest.spyOn(nextAuthReact, 'signIn').mockResolvedValue(undefined);
    const user = userEvent.setup();
    renderPage(HomePage);

    expect(await screen.findByText('You are not signed in.')).toBeInTheDocument();
    await user.click(sessionState().getByRole('button', { name: 'Sign in with Logto' }));

    expect(signIn).toHaveBeenCalledWith('logto', undefined, { ui_locales: 'en' });
  });

  it('says who is signed in and signs them out here and at Logto with a CSRF-protected POST', async () => {
    server.use(
      sessionHandler(aSession({ user: { name: 'Hanako Yamada' } })),
      ...signInHandlers().handlers,
    );
    const submitted: HTMLFormElement[] = [];
    jest.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function (
      this: HTMLFormElement,
    ) {
      submitted.push(this);
    });
    const user = userEvent.setup();
    renderPage(HomePage);

    expect(await screen.findByText('Signed in as Hanako Yamada')).toBeInTheDocument();
    await user.click(sessionState().getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]!.method).toBe('post');
    expect(new URL(submitted[0]!.action).pathname).toBe('/api/auth/federated-sign-out');
    expect((submitted[0]!.elements.namedItem('csrfToken') as HTMLInputElement).value).toBe(
      CSRF_TOKEN,
    );
  });

  it('says so when sign-out could not reach Logto', async () => {
    renderPage(HomePage, { router: { query: { signedOut: 'local' } } });

    expect(await screen.findByRole('status')).toHaveTextContent(
      'You are signed out of Bookstore. We could not reach the sign-in service',
    );
  });

  it('names a person without a name by their phone number', async () => {
    server.use(sessionHandler(aSession({ user: { name: null } })));
    renderPage(HomePage, { router: { locale: 'ja' } });

    expect(await screen.findByText('+819012345678 としてサインイン中')).toBeInTheDocument();
  });

  it('offers a skip link, the navigation and both languages in the header', async () => {
    renderPage(HomePage, { router: { asPath: '/', locale: 'ja' } });

    expect(screen.getByRole('link', { name: '本文へスキップ' })).toHaveAttribute('href', '#main');
    const nav = screen.getByRole('navigation', { name: 'メイン' });
    expect(within(nav).getByRole('link', { name: '本' })).toHaveAttribute('href', '/ja/books');
    const languages = screen.getByRole('navigation', { name: '言語' });
    expect(within(languages).getByRole('link', { name: 'English' })).toHaveAttribute('href', '/');
    expect(within(languages).getByRole('link', { name: '日本語' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    expect(await screen.findByRole('link', { name: 'サインイン' })).toHaveAttribute(
      'href',
      '/ja/signin',
    );
  });
});
