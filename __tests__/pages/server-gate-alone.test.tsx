import { render, screen } from '@testing-library/react';
import { SessionProvider } from 'next-auth/react';
import AccountPage from '@/pages/account';
import BooksPage from '@/pages/books';
import BookPage from '@/pages/books/[id]';
import { listBooks } from '@/lib/books/catalogue';
import { RouterContext } from '../support/router-context';
import { aRouter } from '../support/render-page';
import { aSession } from '../support/session-handlers';

// A team that copies requireSession but not _app's AuthGate renders its pages like this: with
// what getServerSideProps returned and nothing else around them.
function renderAlone(page: React.ReactElement, error: 'RefreshAccessTokenError' | null) {
  return render(
    <RouterContext.Provider value={aRouter({ asPath: '/books' })}>
      <SessionProvider session={aSession({ error })} refetchOnWindowFocus={false}>
        {page}
      </SessionProvider>
    </RouterContext.Provider>,
  );
}

describe('a gated page with the server gate alone', () => {
  it('shows the catalogue for a live session', () => {
    renderAlone(<BooksPage books={listBooks('en')} sessionEnded={false} />, null);
    expect(screen.getByRole('heading', { name: 'The catalogue' })).toBeInTheDocument();
  });

  it('shows the session-ended notice, not a crash, when its data was not loaded', () => {
    renderAlone(<BooksPage sessionEnded />, 'RefreshAccessTokenError');
    expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended');
  });

  it('shows the notice on a book page whose session ended', () => {
    renderAlone(<BookPage sessionEnded />, 'RefreshAccessTokenError');
    expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended');
  });

  it('shows the notice on the account page whose session ended', () => {
    renderAlone(<AccountPage sessionEnded />, 'RefreshAccessTokenError');
    expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended');
    expect(screen.queryByRole('heading', { name: 'Your account' })).not.toBeInTheDocument();
  });
});
