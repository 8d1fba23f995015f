import { render, screen } from '@testing-library/react';
import { RouterContext } from '../support/router-context';
import { SessionEndedNotice } from '@/lib/components/SessionEndedNotice';
import { aRouter } from '../support/render-page';

function renderNotice(props: { callbackUrl?: string }, router = aRouter()) {
  return render(
    <RouterContext.Provider value={router}>
      <SessionEndedNotice {...props} />
    </RouterContext.Provider>,
  );
}

describe('SessionEndedNotice', () => {
  it('tells the person their session ended and is announced as an alert', () => {
    renderNotice({});

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Your session has ended — sign in again');
  });

  it('signs in again back to the current page, locale included', () => {
    renderNotice({}, aRouter({ asPath: '/books/kokoro?tab=2', locale: 'ja' }));

    expect(screen.getByRole('link', { name: 'もう一度サインイン' })).toHaveAttribute(
      'href',
      `/ja/signin?callbackUrl=${encodeURIComponent('/ja/books/kokoro?tab=2')}`,
    );
  });

  it('uses the callbackUrl it is given instead of the current page', () => {
    renderNotice({ callbackUrl: '/account' }, aRouter({ asPath: '/books' }));

    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      '/signin?callbackUrl=%2Faccount',
    );
  });
});
