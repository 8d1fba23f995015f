import { readFileSync, statSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from '../../e2e/support/fixtures';
import { MOCK_EMAIL_RECORD } from '../../../scripts/logto-oss/provision';

/**
 * Waits until Logto's mock email connector's file holds an email to `address` written at or
 * after `since` (epoch ms), and returns its code and template type.
 */
export async function emailFromMockConnector(
  address: string,
  since: number,
  file = MOCK_EMAIL_RECORD,
): Promise<{ code: string; type: string }> {
  let found: { code: string; type: string } | undefined;
  await expect
    .poll(
      () => {
        try {
          if (statSync(file).mtimeMs < since - 1000) return false;
          const record = JSON.parse(readFileSync(file, 'utf8')) as {
            address: string;
            code: string;
            type: string;
          };
          if (record.address !== address) return false;
          found = { code: record.code, type: record.type };
          return true;
        } catch {
          return false; // Not written yet, or being written.
        }
      },
      { message: `an email to ${address} in ${file}` },
    )
    .toBe(true);
  return found!;
}

/** Types a code into Logto's six boxes; the sixth digit submits. */
export async function typeCodeIntoLogto(page: Page, code: string): Promise<void> {
  await expect(page.locator('input[name^="passcode_"]')).toHaveCount(6);
  await page.locator('input[name="passcode_0"]').pressSequentially(code);
}

/** Logto's "No account found for … Create a new one?" dialog, confirmed. */
export async function confirmNewAccount(page: Page, shown: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`No account found for ${shown}. Create a new one?`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
}

/**
 * Logto's password field on its password, set-password and reset pages (its "Password" label is
 * not tied to the input, so it is found by type).
 */
export const logtoPasswordField = (page: Page) => page.locator('input[type="password"]');
