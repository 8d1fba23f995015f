import type { Page } from '@playwright/test';
import { emailFromOutbox } from './support/email-outbox';
import { expect, test } from './support/fixtures';
import type { PhoneNumber } from './support/fixtures';
import { codeFromOutbox, enterCode, escapeRegExp, submitPhoneInApp } from './support/flows';
import type { StackUrls } from './support/stacks';

// The tenant of logto-config/examples/phone-password-email.json: sign-up with an email or a phone
// number and a password, sign-in by code (first) or password, reset by SMS or email code.
test.use({ stackName: 'passwords' });

const FIRST_PASSWORD = 'b00kst0re-Lover';
const NEW_PASSWORD = 'n3w-Reading-Lamp';

/** From a gated page to logto-local's code page, for a phone typed on the app's /signin. */
async function phoneToCodePage(page: Page, stack: StackUrls, phone: PhoneNumber, path = '/books') {
  await page.goto(path);
  await submitPhoneInApp(page, phone);
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(stack.logto)}/interaction/`));
  const since = Date.now();
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  return since;
}

/** logto-local's password page, reached from the code page as Logto's switch does. */
async function switchToPassword(page: Page) {
  await page.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your password' })).toBeVisible();
}

async function signInWithPassword(page: Page, password: string) {
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page: Page, stack: StackUrls) {
  await page.goto('/account');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${stack.app}/`);
  await expect(page.getByText('You are not signed in.')).toBeVisible();
}

async function me(page: Page) {
  return (await (await page.request.get('/api/me')).json()) as {
    phoneNumber: string | null;
    email: string | null;
  };
}

test.describe('every sign-in option of the guide, on logto-local', () => {
  test('a phone signs up with a password, signs in with it, resets it by SMS code and signs in with the new one', async ({
    page,
    stack,
    freshPhone,
    shoot,
  }) => {
    const phone = freshPhone();

    // Sign up: the code first, then "Create your account", then "Create a password".
    const since = await phoneToCodePage(page, stack, phone);
    await enterCode(page, await codeFromOutbox(stack, phone.e164, since));
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Create a password' })).toBeVisible();
    await page.getByLabel('New password').fill('12345678');
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByText('Avoid overusing sequential characters.')).toBeVisible();
    await shoot('create-password-refused');
    await page.getByLabel('New password').fill(FIRST_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page).toHaveURL(`${stack.app}/books`);
    expect((await me(page)).phoneNumber).toBe(phone.e164);

    await signOut(page, stack);

    // Sign in with the password: no code needed; a wrong one is refused without saying more.
    await phoneToCodePage(page, stack, phone);
    await switchToPassword(page);
    await signInWithPassword(page, 'not-the-password-1');
    await expect(
      page.getByText('Incorrect account or password. Please check your input.'),
    ).toBeVisible();
    await signInWithPassword(page, FIRST_PASSWORD);
    await expect(page).toHaveURL(`${stack.app}/books`);

    await signOut(page, stack);

    // Reset by SMS code: "Forgot your password?", the number prefilled, the ForgotPassword text.
    await phoneToCodePage(page, stack, phone);
    await switchToPassword(page);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { name: 'Reset password' })).toBeVisible();
    await expect(page.getByLabel('Phone number')).toHaveValue(/201.*555/);
    const resetSince = Date.now();
    await page.getByRole('button', { name: 'Send code' }).click();
    const resetText = await codeFromOutbox(stack, phone.e164, resetSince);
    const outbox = (await (await fetch(`${stack.logto}/dev/sms.json`)).json()) as Array<{
      code: string;
      usageType: string;
    }>;
    expect(outbox.find((entry) => entry.code === resetText)?.usageType).toBe('ForgotPassword');
    await enterCode(page, resetText);
    await expect(page.getByRole('heading', { name: 'Reset password' })).toBeVisible();
    await page.getByLabel('New password').fill(FIRST_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(
      page.getByText('New password cannot be the same as your old password.'),
    ).toBeVisible();
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByText('Password changed. Sign in with your new password.')).toBeVisible();
    await shoot('password-changed');

    // Sign in with the new one, from the app as a person would; the old one no longer works.
    await page.goto(stack.app);
    await phoneToCodePage(page, stack, phone);
    await switchToPassword(page);
    await signInWithPassword(page, FIRST_PASSWORD);
    await expect(
      page.getByText('Incorrect account or password. Please check your input.'),
    ).toBeVisible();
    await signInWithPassword(page, NEW_PASSWORD);
    await expect(page).toHaveURL(`${stack.app}/books`);
    expect((await me(page)).phoneNumber).toBe(phone.e164);
  });

  test('"Continue without a phone number" reaches email: sign-up and sign-in by an email code from the outbox', async ({
    page,
    stack,
    shoot,
  }, testInfo) => {
    const email = `reader-${testInfo.workerIndex}-${Date.now()}@example.com`;

    const emailCodePage = async () => {
      await page.goto('/signin?callbackUrl=%2Fbooks');
      await page.getByRole('button', { name: 'Continue without a phone number' }).click();
      await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(stack.logto)}/interaction/`));
      await page.getByRole('link', { name: 'Use email instead' }).click();
      await page.getByLabel('Email').fill(email);
      const since = Date.now();
      await page.getByRole('button', { name: 'Send code' }).click();
      await expect(page.getByText(`Enter the 6-digit code sent to ${email}.`)).toBeVisible();
      return since;
    };

    const signUpSince = await emailCodePage();
    const welcome = await emailFromOutbox(stack, email, signUpSince);
    expect(welcome).toMatchObject({ usageType: 'SignIn', subject: 'Your Bookstore sign-in code' });
    await enterCode(page, welcome.code);
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('New password').fill(FIRST_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page).toHaveURL(`${stack.app}/books`);
    expect(await me(page)).toMatchObject({ email, phoneNumber: null });

    await signOut(page, stack);

    const signInSince = await emailCodePage();
    await shoot('email-code');
    await enterCode(page, (await emailFromOutbox(stack, email, signInSince)).code);
    await expect(page).toHaveURL(`${stack.app}/books`);
    expect((await me(page)).email).toBe(email);
  });
});
