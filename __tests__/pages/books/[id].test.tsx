import { screen, waitFor } from '@testing-library/react';
import BookPage from '@/pages/books/[id]';
import { findBook } from '@/lib/books/catalogue';
import { setupTestServer } from '../../support/msw-server';
import { renderPage } from '../../support/render-page';
import { returnToTab } from '../../support/return-to-tab';
import { aSession, sessionHandler } from '../../support/session-handlers';

setupTestServer(sessionHandler(null));

const kokoro = (locale: string) => ({ book: findBook('kokoro', locale) });

describe('/books/[id]', () => {
  it('sends a person who signed out in another tab to /signin and back to this book', async () => {
    const { router } = renderPage(BookPage, {
      router: { asPath: '/books/kokoro' },
      pageProps: { ...kokoro('en'), session: aSession() },
    });

    returnToTab();

    await waitFor(() =>
      expect(router.replace).toHaveBeenCalledWith('/signin?callbackUrl=%2Fbooks%2Fkokoro'),
    );
    expect(screen.queryByRole('heading', { name: 'Kokoro' })).not.toBeInTheDocument();
  });

  it('shows the book with its price in yen for a signed-in Japanese reader', async () => {
    renderPage(BookPage, {
      router: { asPath: '/books/kokoro', locale: 'ja' },
      pageProps: { ...kokoro('ja'), session: aSession() },
    });

    expect(screen.getByRole('heading', { level: 1, name: 'Kokoro' })).toBeInTheDocument();
    expect(screen.getByText('Natsume Sōseki 著')).toBeInTheDocument();
    expect(screen.getByText('￥1,650')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← 一覧に戻る' })).toHaveAttribute('href', '/ja/books');
  });
});
