import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { escapeRegExp, internationalFormat } from '../e2e/support/flows';
import type { PhoneNumber } from '../e2e/support/fixtures';
import { expect, test } from './support/fixtures';
import { codeFromMockSms, signInThroughLogto } from './support/logto-flows';
import type { LogtoSuite } from './support/suite';

const shown = (phone: PhoneNumber) =>
  phone.e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3');

async function me(page: Page) {
  return (await (await page.request.get('/api/me')).json()) as { id: string; phoneNumber: string };
}

/**
 * Types the code Logto sent `phone` into one of its six-box code fields (the sixth digit
 * submits), and returns the template type Logto sent it with.
 */
async function typeCode(page: Page, suite: LogtoSuite, phone: PhoneNumber, since: number) {
  await expect(page.locator('input[name^="phoneCode_"]')).toHaveCount(6);
  const code = await codeFromMockSms(suite, phone.e164, since);
  const { type } = JSON.parse(readFileSync(suite.smsRecord, 'utf8')) as { type: string };
  await page.locator('input[name="phoneCode_0"]').pressSequentially(code);
  return type;
}

test('a person changes their number through Logto’s own Account Center and signs in with it to the same account; the old number gets a new one', async ({
  page,
  suite,
  freshPhone,
  shoot,
}) => {
  const old = freshPhone();
  const next = freshPhone();
  await page.goto('/account');
  await signInThroughLogto(page, suite, old, { newAccount: true });
  await expect(page).toHaveURL(`${suite.app}/account`);
  const before = await me(page);

  const accountCenter: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (`${url.origin}${url.pathname}` === `${suite.logto}/account/phone`) accountCenter.push(url);
  });
  await page.getByRole('link', { name: 'Change phone number' }).click();
  // Logto's Account Center signs itself in with the Logto session, then asks to verify the number.
  await expect(page.getByText('Verify your phone')).toBeVisible();
  expect(accountCenter[0]?.searchParams.get('redirect')).toBe(
    `${suite.app}/account?from=account-center`,
  );
  expect(accountCenter[0]?.searchParams.get('ui_locales')).toBe('en');
  await shoot('logto-account-center-verify');
  let since = Date.now();
  await page.getByRole('button', { name: 'Send verification code' }).click();
  expect(await typeCode(page, suite, old, since)).toBe('UserPermissionValidation');

  await expect(page.getByText('Link phone number')).toBeVisible();
  await page.locator('input[name="phone"]').fill(next.national);
  since = Date.now();
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await expect(page.getByText('Enter SMS verification code')).toBeVisible();
  await shoot('logto-account-center-new-code');
  expect(await typeCode(page, suite, next, since)).toBe('BindNewIdentifier');

  // Logto sends the browser back to the app, which takes the new number at once.
  await expect(page).toHaveURL(`${suite.app}/account`);
  await expect(internationalFormat(page)).toHaveText(shown(next));
  await shoot('logto-account-new-number');
  expect(await me(page)).toMatchObject({ id: before.id, phoneNumber: next.e164 });

  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${suite.app}/`);
  await page.goto('/account');
  await signInThroughLogto(page, suite, next, { newAccount: false });
  await expect(page).toHaveURL(`${suite.app}/account`);
  expect(await me(page)).toMatchObject({ id: before.id, phoneNumber: next.e164 });

  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${suite.app}/`);
  await page.goto('/account');
  await signInThroughLogto(page, suite, old, { newAccount: true });
  const afterwards = await me(page);
  expect(afterwards.id).not.toBe(before.id);
  expect(afterwards.phoneNumber).toBe(old.e164);
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(suite.app)}/account`));
});
