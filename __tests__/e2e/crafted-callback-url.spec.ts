import type { Page, Request } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { escapeRegExp } from './support/flows';

/**
 * `callbackUrl` values the URL parser throws on, as the path itself or once dot segments
 * resolve. Each once crashed /signin in the browser ("Application error: a client-side
 * exception") and made /auth/error answer 500 (lib/components/callback-url.ts).
 */
const CRAFTED = ['//a:b', '//[', '//localhost:3402.evil.example', '/\\host:port.x', '/..//h:1.x'];

/** Uncaught errors in the page: what a client-side crash of a Next page throws first. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

for (const { path, heading, phoneNumber, submit } of [
  {
    path: '/signin',
    heading: 'Sign in with your phone',
    phoneNumber: 'Phone number',
    submit: 'Send me a code',
  },
  {
    path: '/ja/signin',
    heading: '電話番号でサインイン',
    phoneNumber: '電話番号',
    submit: 'コードを受け取る',
  },
]) {
  test(`${path} works with every crafted callbackUrl, and signs in towards /books`, async ({
    page,
    stack,
    freshPhone,
  }) => {
    const errors = collectPageErrors(page);
    for (const crafted of CRAFTED) {
      const sentCallbackUrls: (string | null)[] = [];
      const listener = (request: Request) => {
        if (new URL(request.url()).pathname === '/api/auth/signin/logto') {
          sentCallbackUrls.push(new URLSearchParams(request.postData() ?? '').get('callbackUrl'));
        }
      };
      page.on('request', listener);

      await page.goto(`${path}?callbackUrl=${encodeURIComponent(crafted)}`);
      await expect(page.getByRole('heading', { name: heading }), crafted).toBeVisible();
      await page.getByLabel(phoneNumber).fill(freshPhone().national);
      if (path === '/ja/signin') await page.getByLabel('国・地域').selectOption('US');
      await page.getByRole('button', { name: submit }).click();
      await expect(page, crafted).toHaveURL(
        new RegExp(`^${escapeRegExp(stack.logto)}/interaction/`),
      );

      page.off('request', listener);
      expect(sentCallbackUrls, crafted).toEqual(['/books']);
      expect(errors, crafted).toEqual([]);
    }
  });
}

test('/auth/error answers 200 to every crafted callbackUrl, and its retry link keeps /books', async ({
  page,
  request,
}) => {
  const errors = collectPageErrors(page);
  for (const crafted of CRAFTED) {
    const url = `/auth/error?error=Callback&callbackUrl=${encodeURIComponent(crafted)}`;
    const response = await request.get(url);
    expect(response.status(), crafted).toBe(200);

    await page.goto(url);
    await expect(page.getByRole('link', { name: 'Try again' }), crafted).toHaveAttribute(
      'href',
      '/signin?callbackUrl=%2Fbooks',
    );
    expect(errors, crafted).toEqual([]);
  }
});

test('/signin with an error and a crafted callbackUrl redirects to a working error page', async ({
  request,
}) => {
  for (const crafted of CRAFTED) {
    const query = `error=x&callbackUrl=${encodeURIComponent(crafted)}`;
    const redirect = await request.get(`/signin?${query}`, { maxRedirects: 0 });
    expect(redirect.status(), crafted).toBe(307);
    expect(redirect.headers().location, crafted).toBe(`/auth/error?${query}`);

    const landing = await request.get(`/signin?${query}`);
    expect(landing.url(), crafted).toContain('/auth/error?');
    expect(landing.status(), crafted).toBe(200);
  }
});
