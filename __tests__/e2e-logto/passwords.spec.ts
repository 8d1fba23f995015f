import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { loadLogtoConfig } from '../../logto-config';
import {
  asM2mApp,
  dataOf,
  installMockEmailConnector,
  installMockSmsConnector,
} from '../../scripts/logto-oss/provision';
import { PASSWORDS_TENANT_FILE } from '../e2e/support/stacks';
import { escapeRegExp, submitPhoneInApp } from '../e2e/support/flows';
import type { PhoneNumber } from '../e2e/support/fixtures';
import { expect, test } from './support/fixtures';
import { codeFromMockSms, international } from './support/logto-flows';
import { runLogtoSetup } from './support/logto-setup-cli';
import {
  confirmNewAccount,
  emailFromMockConnector,
  logtoPasswordField,
  typeCodeIntoLogto,
} from './support/password-flows';
import type { LogtoSuite } from './support/suite';

// The same tenant file and the same steps as the browser suite's passwords.spec.ts on
// logto-local, through Logto's own sign-in UI: logto-local and Logto are held to one scenario.
test.describe.configure({ mode: 'serial' });

const REPO_ROOT = path.resolve(__dirname, '../..');
const FIRST_PASSWORD = 'b00kst0re-Lover';
const NEW_PASSWORD = 'n3w-Reading-Lamp';
/** The SMTP connector logto:setup creates; Logto checks only its shape (the mock replaces it). */
const SMTP_ENV = {
  SMTP_HOST: 'smtp.bookstore.test',
  SMTP_USER: 'bookstore-suite',
  SMTP_PASSWORD: 'suite-smtp-password',
};

/**
 * The example tenant file, with Logto's breached-password check turned off: it asks
 * api.pwnedpasswords.com for every new password, and this machine reaches no such host.
 */
function exampleWithoutBreachCheck(): string {
  const config = JSON.parse(readFileSync(path.join(REPO_ROOT, PASSWORDS_TENANT_FILE), 'utf8'));
  config.signInExperience.passwordPolicy = { rejects: { pwned: false } };
  const file = path.join(
    mkdtempSync(path.join(os.tmpdir(), 'bookstore-passwords-')),
    'tenant.json',
  );
  writeFileSync(file, JSON.stringify(config));
  return file;
}

test('logto:setup applies the example tenant, and Logto’s mocks stand in for Vonage and SMTP', async ({
  suite,
}) => {
  const file = exampleWithoutBreachCheck();
  const run = await runLogtoSetup({
    endpoint: suite.logto,
    m2m: suite.m2m,
    appUrl: suite.app,
    envFile: suite.envFile,
    args: ['--config', file],
    env: SMTP_ENV,
  });
  expect(run.output).not.toContain('✗');
  expect(run.code).toBe(0);
  expect(run.output).toContain('✓ SMTP email connector: created');

  const api = await asM2mApp(suite.logto, suite.m2m);
  const experience = await dataOf('GET /api/sign-in-exp', api.GET('/api/sign-in-exp'));
  expect(experience.signUp).toMatchObject({ identifiers: ['email', 'phone'], password: true });
  expect(experience.forgotPasswordMethods).toEqual([
    'PhoneVerificationCode',
    'EmailVerificationCode',
  ]);
  expect(experience.passwordPolicy).toMatchObject({ length: { min: 8, max: 256 } });

  const config = loadLogtoConfig({ path: file, env: { ...process.env, ...SMTP_ENV } });
  await installMockSmsConnector(api, config.smsConnector.templates);
  await installMockEmailConnector(api, config.emailConnector!.templates);
});

/** From a gated page through Logto's phone page to its code page; returns when the code was asked. */
async function phoneToLogtoCode(page: Page, suite: LogtoSuite, phone: PhoneNumber) {
  await page.goto('/books');
  await submitPhoneInApp(page, phone);
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(suite.logto)}/identifier-sign-in\\?`));
  const since = Date.now();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Verify your phone number')).toBeVisible();
  return since;
}

async function switchToLogtoPassword(page: Page) {
  await page.getByText('Sign in with password').click();
  await expect(logtoPasswordField(page)).toBeVisible();
}

async function signInWithLogtoPassword(page: Page, password: string) {
  await logtoPasswordField(page).fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

async function signOut(page: Page, suite: LogtoSuite) {
  await page.goto('/account');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${suite.app}/`);
  await expect(page.getByText('You are not signed in.')).toBeVisible();
}

async function me(page: Page) {
  return (await (await page.request.get('/api/me')).json()) as {
    phoneNumber: string | null;
    email: string | null;
  };
}

test('a phone signs up with a password, signs in with it, resets it by SMS code and signs in with the new one, on Logto', async ({
  page,
  suite,
  freshPhone,
  shoot,
}) => {
  // Four sign-ins through Logto's pages: on a busy 2-core machine one can take 40 s.
  test.setTimeout(360_000);
  const phone = freshPhone();

  const since = await phoneToLogtoCode(page, suite, phone);
  await typeCodeIntoLogto(page, await codeFromMockSms(suite, phone.e164, since));
  await confirmNewAccount(page, international(phone.e164));
  await expect(logtoPasswordField(page)).toBeVisible();
  await logtoPasswordField(page).fill('12345678');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Avoid overusing sequential characters.')).toBeVisible();
  await shoot('logto-create-password-refused');
  await logtoPasswordField(page).fill(FIRST_PASSWORD);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page).toHaveURL(`${suite.app}/books`);
  expect((await me(page)).phoneNumber).toBe(phone.e164);

  await signOut(page, suite);

  await phoneToLogtoCode(page, suite, phone);
  await switchToLogtoPassword(page);
  await signInWithLogtoPassword(page, 'not-the-password-1');
  await expect(
    page.getByText('Incorrect account or password. Please check your input.'),
  ).toBeVisible();
  await signInWithLogtoPassword(page, FIRST_PASSWORD);
  await expect(page).toHaveURL(`${suite.app}/books`);

  await signOut(page, suite);

  await phoneToLogtoCode(page, suite, phone);
  await switchToLogtoPassword(page);
  await page.getByText('Forgot your password?').click();
  await expect(page.getByText('Reset password', { exact: true })).toBeVisible();
  const resetSince = Date.now();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  // The sign-in code of a moment ago may still be in the file: wait for the reset's own.
  await typeCodeIntoLogto(
    page,
    await codeFromMockSms(suite, phone.e164, resetSince, 'ForgotPassword'),
  );
  await expect(logtoPasswordField(page)).toBeVisible();
  await logtoPasswordField(page).fill(FIRST_PASSWORD);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(
    page.getByText('New password cannot be the same as your old password.'),
  ).toBeVisible();
  await logtoPasswordField(page).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();
  await shoot('logto-password-changed');

  await page.goto(suite.app);
  await phoneToLogtoCode(page, suite, phone);
  await switchToLogtoPassword(page);
  await signInWithLogtoPassword(page, FIRST_PASSWORD);
  await expect(
    page.getByText('Incorrect account or password. Please check your input.'),
  ).toBeVisible();
  await signInWithLogtoPassword(page, NEW_PASSWORD);
  await expect(page).toHaveURL(`${suite.app}/books`);
  expect((await me(page)).phoneNumber).toBe(phone.e164);
});

test('"Continue without a phone number" reaches email on Logto: sign-up and sign-in by an email code', async ({
  page,
  suite,
  shoot,
}) => {
  const email = `reader-${Date.now()}@example.com`;

  const emailToLogtoCode = async () => {
    await page.goto('/signin?callbackUrl=%2Fbooks');
    await page.getByRole('button', { name: 'Continue without a phone number' }).click();
    await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(suite.logto)}/sign-in`));
    await page.getByRole('textbox').first().fill(email);
    const since = Date.now();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Verify your email')).toBeVisible();
    return since;
  };

  const signUpSince = await emailToLogtoCode();
  const welcome = await emailFromMockConnector(email, signUpSince);
  expect(welcome.type).toBe('SignIn');
  await typeCodeIntoLogto(page, welcome.code);
  await confirmNewAccount(page, email);
  await logtoPasswordField(page).fill(FIRST_PASSWORD);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page).toHaveURL(`${suite.app}/books`);
  expect(await me(page)).toMatchObject({ email, phoneNumber: null });

  await signOut(page, suite);

  const signInSince = await emailToLogtoCode();
  await shoot('logto-email-code');
  await typeCodeIntoLogto(page, (await emailFromMockConnector(email, signInSince)).code);
  await expect(page).toHaveURL(`${suite.app}/books`);
  expect((await me(page)).email).toBe(email);
});
