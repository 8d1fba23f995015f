import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import BooksPage from '@/pages/books';
import { listBooks } from '@/lib/books/catalogue';
import { setupTestServer } from '../../support/msw-server';
import { renderPage } from '../../support/render-page';
import { returnToTab } from '../../support/return-to-tab';
import { aSession, sessionHandler } from '../../support/session-handlers';

const server = setupTestServer(sessionHandler(null));

describe('/books', () => {
  it('sends a person who signed out in another tab to /signin with this page as callbackUrl, showing a skeleton meanwhile', async () => {
    const { router } = renderPage(BooksPage, {
      router: { asPath: '/books?sort=title' },
      pageProps: { books: listBooks('en'), session: aSession() },
    });
    expect(screen.getByRole('heading', { name: 'The catalogue' })).toBeInTheDocument();

    returnToTab();

    await waitFor(() =>
      expect(router.replace).toHaveBeenCalledWith('/signin?callbackUrl=%2Fbooks%3Fsort%3Dtitle'),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading your page…');
    expect(screen.queryByRole('heading', { name: 'The catalogue' })).not.toBeInTheDocument();
  });

  it('keeps the locale prefix in the callbackUrl of a Japanese reader', async () => {
    const { router } = renderPage(BooksPage, {
      router: { asPath: '/books', locale: 'ja' },
      pageProps: { books: listBooks('ja'), session: aSession() },
    });

    returnToTab();

    await waitFor(() =>
      expect(router.replace).toHaveBeenCalledWith('/signin?callbackUrl=%2Fja%2Fbooks'),
    );
  });

  it('lists a dozen books with links and prices', async () => {
    renderPage(BooksPage, {
      router: { asPath: '/books' },
      pageProps: { books: listBooks('en'), session: aSession() },
    });

    expect(await screen.findByRole('heading', { name: 'The catalogue' })).toBeInTheDocument();
    const bookLinks = screen
      .getAllByRole('link')
      .filter((link) => link.getAttribute('href')?.startsWith('/books/'));
    expect(bookLinks).toHaveLength(12);
    expect(screen.getByRole('link', { name: 'Kokoro' })).toHaveAttribute('href', '/books/kokoro');
    expect(screen.getByText('$12.99')).toBeInTheDocument();
  });

  it('renders at once from the server-seeded session without fetching it again', async () => {
    const sessionFetches: string[] = [];
    server.use(
      http.get('*/api/auth/session', ({ request }) => {
        sessionFetches.push(request.url);
        return HttpResponse.json({});
      }),
    );
    renderPage(BooksPage, {
      router: { asPath: '/ja/books', locale: 'ja' },
      pageProps: { books: listBooks('ja'), session: aSession() },
    });

    expect(screen.getByRole('heading', { name: '本の一覧' })).toBeInTheDocument();
    expect(screen.getByText('￥1,980')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(sessionFetches).toEqual([]);
  });

  it('shows the session-ended notice instead of the books when the session can no longer be refreshed', async () => {
    renderPage(BooksPage, {
      router: { asPath: '/books' },
      pageProps: {
        books: listBooks('en'),
        session: aSession({ error: 'RefreshAccessTokenError' }),
      },
    });

    expect(
      screen.getByRole('heading', { name: 'Your session has ended — sign in again' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      '/signin?callbackUrl=%2Fbooks',
    );
    expect(screen.queryByRole('heading', { name: 'The catalogue' })).not.toBeInTheDocument();
  });
});
