import { readFileSync, statSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from '../../e2e/support/fixtures';
import type { PhoneNumber } from '../../e2e/support/fixtures';
import { escapeRegExp, submitPhoneInApp } from '../../e2e/support/flows';
import type { LogtoSuite } from './suite';

/** One message as Logto's mock SMS connector writes it (the file holds only the last one). */
interface MockSmsRecord {
  phone: string;
  code: string;
  type: string;
}

/**
 * Waits until the mock SMS connector's file holds a message for `e164` written at or after
 * `since` (epoch ms), and returns its code. Logto sends the number as digits, without `+`.
 */
export async function codeFromMockSms(
  suite: LogtoSuite,
  e164: string,
  since: number,
  /** Only a message of this template (e.g. `ForgotPassword`), when an earlier one may be recent. */
  usageType?: string,
): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      () => {
        try {
          // mtime has whole-millisecond precision at best; allow for the clock's rounding.
          if (statSync(suite.smsRecord).mtimeMs < since - 1000) return false;
          const record = JSON.parse(readFileSync(suite.smsRecord, 'utf8')) as MockSmsRecord;
          if (`+${record.phone}` !== e164 && record.phone !== e164) return false;
          if (usageType !== undefined && record.type !== usageType) return false;
          code = record.code;
          return true;
        } catch {
          return false; // Not written yet, or being written.
        }
      },
      { message: `a ${usageType ?? ''} code for ${e164} in ${suite.smsRecord}` },
    )
    .toBe(true);
  return code!;
}

/** Logto's sign-in UI, in the language it is shown in. */
export interface LogtoLabels {
  signIn: string;
  verifyHeading: string;
  noAccount: (international: string) => string;
  continue: string;
}

export const LOGTO_EN: LogtoLabels = {
  signIn: 'Sign in',
  verifyHeading: 'Verify your phone number',
  noAccount: (international) => `No account found for ${international}. Create a new one?`,
  continue: 'Continue',
};

/**
 * From the app's /signin to the app again through Logto's own UI: the number typed in the app
 * arrives prefilled (login_hint + first_screen=identifier:sign_in), "Sign in" sends the code, the
 * six boxes take it, and a new number confirms "Create a new one?".
 */
export async function signInThroughLogto(
  page: Page,
  suite: LogtoSuite,
  phone: PhoneNumber,
  options: {
    newAccount: boolean;
    labels?: LogtoLabels;
    appLabels?: { phone: string; submit: string };
  },
): Promise<void> {
  const labels = options.labels ?? LOGTO_EN;
  await submitPhoneInApp(page, phone, options.appLabels);
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(suite.logto)}/identifier-sign-in\\?`));
  const nationalDigits = phone.e164.replace(/^\+1/, '').replace(/^\+81/, '');
  await expect(page.getByRole('textbox')).toHaveValue(nationalDigits);
  const since = Date.now();
  await page.getByRole('button', { name: labels.signIn, exact: true }).click();
  await expect(page.getByText(labels.verifyHeading)).toBeVisible();
  await expect(page.locator('input[name^="passcode_"]')).toHaveCount(6);
  const code = await codeFromMockSms(suite, phone.e164, since);
  // Each digit moves the focus to the next box; the sixth submits.
  await page.locator('input[name="passcode_0"]').pressSequentially(code);
  if (options.newAccount) {
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText(labels.noAccount(international(phone.e164)))).toBeVisible();
    await dialog.getByRole('button', { name: labels.continue, exact: true }).click();
  }
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(suite.app)}/`));
}

/** How Logto writes a number in its messages: `+1 2015550123`, `+81 9012345678`. */
export function international(e164: string): string {
  const match = /^\+(1|81)(\d+)$/.exec(e164);
  return match ? `+${match[1]} ${match[2]}` : e164;
}
