import { expect, test } from './support/fixtures';
import {
  codeFromOutbox,
  enterCode,
  messageFromOutbox,
  sendCodeAtProvider,
  submitPhoneInApp,
} from './support/flows';
import { SHORT_CODE_TTL_SECONDS } from './support/stacks';

// This stack's logto-local runs with LOGTO_LOCAL_CODE_TTL=SHORT_CODE_TTL_SECONDS and a resend
// countdown one second longer.
test.use({ stackName: 'shortCode' });

/** Bounds the waits on the code's lifetime and the resend countdown, with room for a busy machine. */
const LIFETIME_BOUND_MS = (SHORT_CODE_TTL_SECONDS + 10) * 1000;

test('an expired code says so, and a new code after the countdown signs in', async ({
  page,
  stack,
  freshPhone,
  shoot,
}) => {
  const phone = freshPhone();
  await page.goto('/books');
  await submitPhoneInApp(page, phone);
  const since = Date.now();
  await sendCodeAtProvider(page, stack);
  const sms = await messageFromOutbox(stack, phone.e164, since);

  // Wait on the clock, not a fixed sleep: until the code's lifetime has passed. The code is
  // issued just before the message is recorded, so it is dead by sentAt + TTL.
  const expiresAt = Date.parse(sms.sentAt) + SHORT_CODE_TTL_SECONDS * 1000;
  await expect
    .poll(() => Date.now(), { timeout: LIFETIME_BOUND_MS })
    .toBeGreaterThan(expiresAt + 250);
  await enterCode(page, sms.code);
  await expect(page.getByText('This code has expired. Ask for a new code.')).toBeVisible();
  await shoot('expired-code');

  const resend = page.getByRole('button', { name: 'Resend code', exact: true });
  await expect(resend).toBeEnabled({ timeout: LIFETIME_BOUND_MS });
  const resentSince = Date.now();
  await resend.click();
  await expect(page.getByText('A new code was sent to +1 201 555')).toBeVisible();
  await enterCode(page, await codeFromOutbox(stack, phone.e164, resentSince));
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(`${stack.app}/books`);
  await expect(page.getByRole('heading', { name: 'The catalogue' })).toBeVisible();
});
