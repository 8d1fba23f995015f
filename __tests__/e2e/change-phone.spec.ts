import type { Page } from '@playwright/test';
import { expect, test, type PhoneNumber } from './support/fixtures';
import {
  escapeRegExp,
  internationalFormat,
  messageFromOutbox,
  signInFromSignInPage,
  signUpAndLand,
} from './support/flows';
import type { StackUrls } from './support/stacks';

/** How the account page writes a US number internationally: `+1 201 555 2001`. */
const shown = (phone: PhoneNumber) =>
  phone.e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3');

async function me(page: Page): Promise<{ id: string; phoneNumber: string; name: string }> {
  const response = await page.request.get('/api/me');
  expect(response.status()).toBe(200);
  return (await response.json()) as { id: string; phoneNumber: string; name: string };
}

async function signOut(page: Page, stack: StackUrls) {
  await page.goto('/account');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${stack.app}/`);
  await expect(page.getByText('You are not signed in.')).toBeVisible();
}

/** Types the code the outbox holds for `phone` (sent at or after `since`) and continues. */
async function enterCodeFor(page: Page, stack: StackUrls, phone: PhoneNumber, since: number) {
  const message = await messageFromOutbox(stack, phone.e164, since);
  await page.getByLabel('Verification code').fill(message.code);
  return message;
}

test('a person changes their number from /account and signs in with it to the same account; the old number gets a new one', async ({
  page,
  context,
  stack,
  freshPhone,
  shoot,
}) => {
  const old = freshPhone();
  const next = freshPhone();
  await signUpAndLand(page, stack, old, '/account');
  await expect(internationalFormat(page)).toHaveText(shown(old));
  const before = await me(page);
  // Another tab of the same browser, open on the account page all along.
  const otherTab = await context.newPage();
  await otherTab.goto('/account');
  await expect(internationalFormat(otherTab)).toHaveText(shown(old));

  await page.getByRole('link', { name: 'Change phone number' }).click();
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(stack.logto)}/account/phone\\?`));
  await expect(page.getByRole('heading', { name: 'Verify your phone' })).toBeVisible();
  await shoot('change-phone-verify', { curated: true });
  let since = Date.now();
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await expect(
    page.getByText(`The verification code has been sent to your phone ${shown(old)}.`),
  ).toBeVisible();
  const toOld = await enterCodeFor(page, stack, old, since);
  expect(toOld.text).toContain('Your Bookstore confirmation code is');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Link phone number' })).toBeVisible();
  await page.getByLabel('Phone number').fill(next.national);
  await shoot('change-phone-new-number', { curated: true });
  since = Date.now();
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter SMS verification code' })).toBeVisible();
  const toNew = await enterCodeFor(page, stack, next, since);
  expect(toNew.text).toContain('Your code to add this number to Bookstore is');
  await shoot('change-phone-code');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back on /account, with the new number at once: no sign-out, no wait for a refresh.
  await expect(page).toHaveURL(`${stack.app}/account`);
  await expect(internationalFormat(page)).toHaveText(shown(next));
  await expect(page.getByText(shown(old))).toHaveCount(0);
  await shoot('account-new-number', { curated: true });
  expect(await me(page)).toMatchObject({
    id: before.id,
    phoneNumber: next.e164,
    name: shown(next),
  });
  // The other tab takes it on its next session refetch (focus), without a reload.
  await otherTab.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(internationalFormat(otherTab)).toHaveText(shown(next));
  await otherTab.close();

  await signOut(page, stack);
  await page.goto('/account');
  await signInFromSignInPage(page, stack, next, { newAccount: false });
  await expect(page).toHaveURL(`${stack.app}/account`);
  expect(await me(page)).toMatchObject({ id: before.id, phoneNumber: next.e164 });

  // The old number is free again: signing in with it makes a new, empty account.
  await signOut(page, stack);
  await page.goto('/account');
  await signInFromSignInPage(page, stack, old, { newAccount: true });
  const afterwards = await me(page);
  expect(afterwards.id).not.toBe(before.id);
  expect(afterwards.phoneNumber).toBe(old.e164);
});

test('a number that belongs to another account is refused in Logto’s words, and the account keeps its number', async ({
  browser,
  page,
  stack,
  freshPhone,
  shoot,
}) => {
  const taken = freshPhone();
  const elsewhere = await browser.newContext({ baseURL: stack.app });
  await signUpAndLand(await elsewhere.newPage(), stack, taken);
  await elsewhere.close();
  const mine = freshPhone();
  await signUpAndLand(page, stack, mine, '/account');

  await page.getByRole('link', { name: 'Change phone number' }).click();
  let since = Date.now();
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await enterCodeFor(page, stack, mine, since);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Phone number').fill(taken.national);
  since = Date.now();
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await enterCodeFor(page, stack, taken, since);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('alert')).toHaveText(
    'This phone number is associated with an existing account.',
  );
  await expect(page.getByRole('heading', { name: 'Link phone number' })).toBeVisible();
  await shoot('change-phone-taken', { curated: true });
  await page.goto(`${stack.app}/account`);
  await expect(internationalFormat(page)).toHaveText(shown(mine));
});

test('in Japanese, the Account Center speaks Japanese (ui_locales=ja) and comes back to /ja/account', async ({
  page,
  stack,
  freshPhone,
}) => {
  await signUpAndLand(page, stack, freshPhone(), '/account');
  await page.goto('/ja/account');

  const link = page.getByRole('link', { name: '電話番号を変更' });
  const href = new URL((await link.getAttribute('href'))!);
  expect(href.searchParams.get('ui_locales')).toBe('ja');
  expect(href.searchParams.get('redirect')).toBe(`${stack.app}/ja/account?from=account-center`);
  await link.click();
  await expect(page.getByRole('heading', { name: '電話番号を確認' })).toBeVisible();
  await expect(page.getByRole('button', { name: '認証コードを送信' })).toBeVisible();
  await page.getByRole('link', { name: 'キャンセル' }).click();
  await expect(page).toHaveURL(`${stack.app}/ja/account`);
  await expect(page.getByRole('heading', { name: 'アカウント情報' })).toBeVisible();
});
