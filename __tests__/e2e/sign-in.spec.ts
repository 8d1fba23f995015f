import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  codeFromOutbox,
  enterCode,
  escapeRegExp,
  sendCodeAtProvider,
  signUpAndLand,
  submitPhoneInApp,
} from './support/flows';
import { TEST_PHONE } from './support/stacks';

/** The account page's "International format" value. */
const internationalFormat = (page: Page) =>
  page.locator('dt', { hasText: 'International format' }).locator('xpath=following-sibling::dd');

test.describe('signing in by phone', () => {
  test('a new number goes from a gated page through the code to the books, and its account shows the number', async ({
    page,
    stack,
    shoot,
  }) => {
    // A fixed, good-looking number for the README screenshots; no other scenario uses it.
    const phone = { national: '2015550123', e164: '+12015550123' };

    await page.goto('/');
    await expect(page.getByRole('heading', { name: /sign in with your phone/i })).toBeVisible();
    await expect(page.getByText('You are not signed in.')).toBeVisible();
    await shoot('home', { curated: true });

    await page.goto('/books');
    await expect(page).toHaveURL(`${stack.app}/signin?callbackUrl=%2Fbooks`);
    await expect(page.getByRole('heading', { name: 'Sign in with your phone' })).toBeVisible();
    await page.getByLabel('Phone number').fill(phone.national);
    await expect(page.getByLabel('Phone number')).toHaveValue('(201) 555-0123');
    await shoot('sign-in', { curated: true });
    await page.getByRole('button', { name: 'Send me a code' }).click();

    await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(stack.logto)}/interaction/`));
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Phone number')).toHaveValue(/201.*555.*0123/);
    await shoot('phone', { curated: true });
    await sendCodeAtProvider(page, stack);
    await expect(page.getByText('Enter the 6-digit code sent to +1 201 555 0123')).toBeVisible();

    const code = await codeFromOutbox(stack, phone.e164);
    await page.getByLabel('Verification code').fill(code);
    await shoot('code', { curated: true });
    await page.getByRole('button', { name: 'Verify' }).click();

    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await shoot('create-account');
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL(`${stack.app}/books`);
    await expect(page.getByRole('heading', { name: 'The catalogue' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Pride and Prejudice/ }).first()).toBeVisible();
    await shoot('books', { curated: true });

    await page.getByRole('link', { name: 'Account' }).click();
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await expect(internationalFormat(page)).toHaveText('+1 201 555 0123');
    await expect(page.getByText('Verified', { exact: true })).toBeVisible();
    await shoot('account', { curated: true });
  });

  test('a returning number signs in again in a new browser and lands on the page it asked for', async ({
    page,
    browser,
    stack,
    freshPhone,
    shoot,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone);

    const elsewhere = await browser.newContext({ baseURL: stack.app });
    const second = await elsewhere.newPage();
    await second.goto('/books/moby-dick');
    await expect(second).toHaveURL(`${stack.app}/signin?callbackUrl=%2Fbooks%2Fmoby-dick`);
    await submitPhoneInApp(second, phone);
    const since = Date.now();
    await sendCodeAtProvider(second, stack);
    // The number has an account now, so the code goes straight back to the app: no "Create account".
    await enterCode(second, await codeFromOutbox(stack, phone.e164, since));
    await expect(second).toHaveURL(`${stack.app}/books/moby-dick`);
    await expect(second.getByRole('heading', { name: 'Moby-Dick' })).toBeVisible();
    await second.screenshot({ path: test.info().outputPath('returning-user-book.png') });
    await elsewhere.close();
    await shoot('first-browser-still-signed-in');
  });

  test('a fixed test number signs in with its fixed code and no SMS', async ({ page, stack }) => {
    await page.goto('/account');
    await submitPhoneInApp(page, TEST_PHONE);
    await sendCodeAtProvider(page, stack);
    await expect(page.getByText('This is a test number: no SMS is sent')).toBeVisible();
    await enterCode(page, TEST_PHONE.code);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(`${stack.app}/account`);
    await expect(internationalFormat(page)).toHaveText('+1 202 555 0100');
    const outbox = (await (await fetch(`${stack.logto}/dev/sms.json`)).json()) as { to: string }[];
    expect(outbox.filter((entry) => entry.to.endsWith('12025550100'))).toEqual([]);
  });

  test('an invalid number is refused on /signin with a message and no navigation', async ({
    page,
    stack,
    shoot,
  }) => {
    await page.goto('/signin?callbackUrl=%2Fbooks');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await submitPhoneInApp(page, { national: '201555' });
    await expect(
      page.getByText('This is not a valid mobile number for United States'),
    ).toBeVisible();
    await expect(page.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
    await shoot('invalid-phone');
    expect(page.url()).toMatch(/\/signin\?callbackUrl=%2Fbooks$/);
    // Neither next-auth's sign-in route nor the provider was asked anything.
    const signInRequests = requests.filter(
      (url) =>
        url.includes('/api/auth/signin') ||
        url.includes('/api/auth/csrf') ||
        url.startsWith(stack.logto),
    );
    expect(signInRequests).toEqual([]);
  });

  test('a signed-in visit to /account shows the profile with no /api/auth/session request before it', async ({
    page,
    stack,
    freshPhone,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone);

    const log: string[] = [];
    page.on('request', (request) => log.push(`request ${new URL(request.url()).pathname}`));
    const response = await page.goto('/account');
    // The profile is in the server-rendered HTML, so there is nothing to wait for or flash.
    expect(await response!.text()).toContain('Your account');
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    log.push('profile visible');
    await page.waitForLoadState('networkidle');
    expect(log).toContain('request /account');
    expect(log.slice(0, log.indexOf('profile visible'))).not.toContain('request /api/auth/session');
    expect(log).not.toContain('request /api/auth/session');
  });

  test('signing out from /account ends the app session and the Logto session, so signing in again asks for a code', async ({
    page,
    stack,
    freshPhone,
    shoot,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone, '/account');
    const endSessionRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (`${url.origin}${url.pathname}` === `${stack.issuer}/session/end`) {
        endSessionRequests.push(url);
      }
    });

    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    // Through logto-local's end-session page and back home, without the notice that says only
    // this site signed out (that is where the person lands when Logto could not be told).
    await expect(page).toHaveURL(`${stack.app}/`);
    await expect(page.getByText('You are not signed in.')).toBeVisible();
    await expect(page.getByText(/could not reach the sign-in service/)).toHaveCount(0);
    await shoot('signed-out');
    expect(endSessionRequests).not.toHaveLength(0);
    expect(endSessionRequests[0]!.searchParams.get('post_logout_redirect_uri')).toBe(
      `${stack.app}/`,
    );
    expect(endSessionRequests[0]!.searchParams.get('id_token_hint')).toBeTruthy();

    // Same browser, same cookies at logto-local. Were the Logto session still open, logto-local
    // would skip its pages and send the person straight back to /account, signed in.
    await page.goto('/account');
    await expect(page).toHaveURL(`${stack.app}/signin?callbackUrl=%2Faccount`);
    await submitPhoneInApp(page, phone);
    const since = Date.now();
    await sendCodeAtProvider(page, stack);
    const international = phone.national.replace(/^(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3');
    await expect(page.getByText(`Enter the 6-digit code sent to ${international}`)).toBeVisible();
    await shoot('signed-out-asks-for-a-code-again');
    await enterCode(page, await codeFromOutbox(stack, phone.e164, since));
    // The account exists now: no "Create account", straight to the page asked for.
    await expect(page).toHaveURL(`${stack.app}/account`);
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  });
});
