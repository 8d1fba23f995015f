import { expect, test } from './support/fixtures';
import { enterCode, sendCodeAtProvider, submitPhoneInApp } from './support/flows';
import type { StackUrls } from './support/stacks';
import type { RecordedSms } from './support/vonage-stand-in';

// logto-local runs with VONAGE_API_KEY/SECRET/BRAND_NAME set and VONAGE_REST_HOST pointed at the
// stand-in that global setup started, so codes go through the real Vonage sender.
test.use({ stackName: 'vonage' });
// One stand-in, one queue of answers: these scenarios run one after the other.
test.describe.configure({ mode: 'serial' });

async function messagesTo(stack: StackUrls, digits: string): Promise<RecordedSms[]> {
  const response = await fetch(`${stack.vonage}/__e2e/messages`);
  return ((await response.json()) as RecordedSms[]).filter((sms) => sms.to === digits);
}

/** Waits for the stand-in to receive the `count`-th SMS to `digits`, and returns it. */
async function nthMessageTo(stack: StackUrls, digits: string, count: number) {
  await expect
    .poll(async () => (await messagesTo(stack, digits)).length, {
      message: `SMS number ${count} to ${digits} at the Vonage stand-in`,
    })
    .toBeGreaterThanOrEqual(count);
  return (await messagesTo(stack, digits))[count - 1]!;
}

test('the code goes to Vonage with a digits-only number, the brand as sender and the code in the text', async ({
  page,
  stack,
  freshPhone,
}) => {
  const phone = freshPhone();
  const digits = phone.e164.slice(1);
  await page.goto('/books');
  await submitPhoneInApp(page, phone);
  await sendCodeAtProvider(page, stack);

  const sms = await nthMessageTo(stack, digits, 1);
  expect(sms.to).toMatch(/^\d+$/);
  expect(sms.to).toBe(digits);
  expect(sms.from).toBe('Bookstore');
  expect(sms.authScheme).toBe('Basic');
  const code = /\b(\d{6})\b/.exec(sms.text)?.[1];
  expect(code).toBeDefined();
  const outbox = (await (await fetch(`${stack.logto}/dev/sms.json`)).json()) as unknown[];
  expect(outbox).toEqual([]);

  await enterCode(page, code!);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(`${stack.app}/books`);
});

test('Vonage refusing the credentials (status 4) shows a clear error, and trying again works', async ({
  page,
  stack,
  freshPhone,
  shoot,
}) => {
  const phone = freshPhone();
  const digits = phone.e164.slice(1);
  await fetch(`${stack.vonage}/__e2e/next-statuses`, {
    method: 'POST',
    body: JSON.stringify(['4']),
  });
  await page.goto('/books');
  await submitPhoneInApp(page, phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(
    page.getByText(/Vonage API key or secret is wrong or disabled \(status 4\)/),
  ).toBeVisible();
  await expect(page.getByText(/contact the site owner/)).toBeVisible();
  await shoot('vonage-status-4');

  // Nothing was stored: the same number can ask again, and this time the SMS goes out.
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  const sms = await nthMessageTo(stack, digits, 2);
  await enterCode(page, /\b(\d{6})\b/.exec(sms.text)![1]!);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(`${stack.app}/books`);
});
