import { screen } from '@testing-library/react';
import AccountPage from '@/pages/account';
import BooksPage from '@/pages/books';
import BookPage from '@/pages/books/[id]';
import HomePage from '@/pages/index';
import { listBooks } from '@/lib/books/catalogue';
import { renderPage } from '../support/render-page';
import { aSession, sessionHandler } from '../support/session-handlers';
import { setupTestServer } from '../support/msw-server';

setupTestServer(sessionHandler(null));

// `requireSession` in getServerSideProps is a page's whole gate: what it returns is all `_app`
// needs to gate the page in the browser too. No page checks the session itself.
describe('a page served by requireSession', () => {
  it('shows the catalogue for a live session', () => {
    renderPage(BooksPage, {
      router: { asPath: '/books' },
      pageProps: { books: listBooks('en'), session: aSession() },
    });
    expect(screen.getByRole('heading', { name: 'The catalogue' })).toBeInTheDocument();
  });

  it.each([
    ['the catalogue', BooksPage, '/books'],
    ['a book page', BookPage, '/books/kokoro'],
    ['the account page', AccountPage, '/account'],
  ])(
    'shows the session-ended notice in place of %s, which is never rendered without its data',
    (_, Page, asPath) => {
      // requireSession hands over only the session when it has ended: the page's own props are
      // missing, and rendering it would throw.
      renderPage(Page as React.ComponentType, {
        router: { asPath },
        pageProps: { session: aSession({ error: 'RefreshAccessTokenError' }) },
      });
      expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended');
      expect(screen.getByRole('link', { name: /sign in again/i })).toHaveAttribute(
        'href',
        `/signin?callbackUrl=${encodeURIComponent(asPath)}`,
      );
    },
  );
});

it('leaves a public page without a session ungated', async () => {
  renderPage(HomePage, { router: { asPath: '/' } });
  expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});
