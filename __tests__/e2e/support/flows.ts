import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { PhoneNumber } from './fixtures';
import type { StackUrls } from './stacks';

export interface OutboxEntry {
  to: string;
  code: string;
  text: string;
  sentAt: string;
}

/**
 * Waits until logto-local's dev outbox (`/dev/sms.json`) holds a message for `e164` sent at or
 * after `since` (epoch ms), and returns the newest: the way a person waits for the text to arrive.
 */
export async function messageFromOutbox(
  stack: StackUrls,
  e164: string,
  since = 0,
): Promise<OutboxEntry> {
  let found: OutboxEntry | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${stack.logto}/dev/sms.json`);
        const entries = (await response.json()) as OutboxEntry[];
        found = entries.find(
          (entry) =>
            (entry.to === e164 || `+${entry.to}` === e164) && Date.parse(entry.sentAt) >= since,
        );
        return found !== undefined;
      },
      { message: `a code for ${e164} in the dev outbox` },
    )
    .toBe(true);
  return found!;
}

/** The code of the newest message for `e164` sent at or after `since` (see messageFromOutbox). */
export async function codeFromOutbox(stack: StackUrls, e164: string, since = 0): Promise<string> {
  return (await messageFromOutbox(stack, e164, since)).code;
}

/** On the app's /signin: types the national number and submits, as a person does. */
export async function submitPhoneInApp(
  page: Page,
  phone: Pick<PhoneNumber, 'national'>,
  labels = { phone: 'Phone number', submit: 'Send me a code' },
): Promise<void> {
  await page.getByLabel(labels.phone).fill(phone.national);
  await page.getByRole('button', { name: labels.submit }).click();
}

/**
 * On logto-local's phone page: checks the number arrived prefilled (login_hint) and asks for a
 * code. Waits for the code page.
 */
export async function sendCodeAtProvider(
  page: Page,
  stack: StackUrls,
  labels = { heading: 'Sign in', send: 'Send code', codeHeading: 'Enter your code' },
): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(stack.logto)}/interaction/`));
  await expect(page.getByRole('heading', { name: labels.heading })).toBeVisible();
  await page.getByRole('button', { name: labels.send }).click();
  await expect(page.getByRole('heading', { name: labels.codeHeading })).toBeVisible();
}

/** On logto-local's code page: types the code and presses Verify. */
export async function enterCode(
  page: Page,
  code: string,
  labels = { code: 'Verification code', verify: 'Verify' },
): Promise<void> {
  await page.getByLabel(labels.code).fill(code);
  await page.getByRole('button', { name: labels.verify }).click();
}

/**
 * The whole sign-in of a number from the app's /signin page to the app again: phone, code from
 * the outbox, and (for a new number) the account confirmation.
 */
export async function signInFromSignInPage(
  page: Page,
  stack: StackUrls,
  phone: PhoneNumber,
  { newAccount }: { newAccount: boolean },
): Promise<void> {
  await submitPhoneInApp(page, phone);
  const since = Date.now();
  await sendCodeAtProvider(page, stack);
  await enterCode(page, await codeFromOutbox(stack, phone.e164, since));
  if (newAccount) {
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await page.getByRole('button', { name: 'Create account' }).click();
  }
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(stack.app)}/`));
}

/** Signs a new number in, starting from a gated page, and ends on that page. */
export async function signUpAndLand(
  page: Page,
  stack: StackUrls,
  phone: PhoneNumber,
  path = '/books',
): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Sign in with your phone' })).toBeVisible();
  await signInFromSignInPage(page, stack, phone, { newAccount: true });
  await expect(page).toHaveURL(`${stack.app}${path}`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The account page's "International format" value. */
export function internationalFormat(page: Page) {
  return page
    .locator('dt', { hasText: 'International format' })
    .locator('xpath=following-sibling::dd');
}
