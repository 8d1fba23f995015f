import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { signUpAndLand } from './support/flows';
import { refreshHistory } from '../../support/logto-local-grants';
import { SHORT_ACCESS_TOKEN_TTL_SECONDS } from './support/stacks';

// Access tokens live 20 s on this stack and every refresh rotates the refresh token, so each
// refresh is a race the app can lose by spending a refresh token twice (Logto then ends the grant).
test.use({ stackName: 'shortTokens' });

/** Long enough to cross at least three refreshes (one is due halfway through a 20 s token). */
const BROWSING_MS = SHORT_ACCESS_TOKEN_TTL_SECONDS * 2_000;

async function expectSignedIn(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await expect(page.getByText(/session has ended/i)).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

async function expectApiMe(page: Page, e164: string) {
  const response = await page.request.get('/api/me');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ phoneNumber: e164 });
}

/** Logto Console's "Rotate private keys", at logto-local. */
async function rotateKeys(logtoOrigin: string): Promise<true> {
  const response = await fetch(`${logtoOrigin}/dev/rotate-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
  });
  expect(response.status).toBe(200);
  return true;
}

test.describe('staying signed in on the production build', () => {
  test('a person browsing across several refreshes stays signed in, and each refresh token is spent once', async ({
    page,
    stack,
    freshPhone,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone, '/books');
    const until = Date.now() + BROWSING_MS;
    let rotated = false;
    while (Date.now() < until) {
      // Halfway, Logto's keys rotate: later refreshes bring ID tokens signed by the new key.
      if (!rotated && until - Date.now() < BROWSING_MS / 2) rotated = await rotateKeys(stack.logto);
      await expectSignedIn(page, '/books');
      await expectSignedIn(page, '/account');
      await expectApiMe(page, phone.e164);
      await page.waitForTimeout(3_000);
    }

    const grant = refreshHistory(stack.logtoDataDir, phone.e164);
    expect(grant.alive).toBe(true);
    expect(grant.spentAt.length).toBeGreaterThanOrEqual(3);
    expect(grant.unspent).toBe(1);

    // Sign-out still ends the Logto session after the rotations (it sends the newest ID token).
    await page.goto('/account');
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${stack.app}/`);
    await expect(page.getByText(/could not reach the sign-in service/)).toHaveCount(0);
  });

  test('two tabs refetching on focus across refreshes stay signed in, and no refresh token is spent twice', async ({
    page,
    context,
    stack,
    freshPhone,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone, '/books');
    const second = await context.newPage();
    await expectSignedIn(second, '/account');
    const until = Date.now() + BROWSING_MS;
    while (Date.now() < until) {
      // Both tabs ask at once: a focus refetch of /api/auth/session in each, plus page loads.
      await Promise.all(
        [page, second].map(async (tab) => {
          await tab.evaluate(() => window.dispatchEvent(new Event('focus')));
          await tab.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
          await expectApiMe(tab, phone.e164);
        }),
      );
      await Promise.all([expectSignedIn(page, '/books'), expectSignedIn(second, '/account')]);
      await page.waitForTimeout(2_000);
    }

    const grant = refreshHistory(stack.logtoDataDir, phone.e164);
    expect(grant.alive).toBe(true);
    expect(grant.spentAt.length).toBeGreaterThanOrEqual(3);
    expect(grant.unspent).toBe(1);
  });

  test('a sign-in right after Logto rotated its signing keys succeeds', async ({
    browser,
    page,
    stack,
    freshPhone,
  }) => {
    // The first sign-in loads the keys into the callback's cache.
    await signUpAndLand(page, stack, freshPhone(), '/books');
    await rotateKeys(stack.logto);

    const other = await browser.newContext({ baseURL: stack.app });
    const next = await other.newPage();
    const phone = freshPhone();
    await signUpAndLand(next, stack, phone, '/account');
    await expect(next.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await expectApiMe(next, phone.e164);
    await other.close();
  });
});
