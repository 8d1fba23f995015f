import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { stackUrls } from './stack-urls';
import type { StackName, StackUrls } from './stacks';

/** Where the curated screenshots for the README live. */
const CURATED_DIR = path.resolve(__dirname, '../../../docs/screenshots');

/** One phone number for one scenario: what a person types, and the E.164 the provider sees. */
export interface PhoneNumber {
  /** US national digits, typed into the app's "Phone number" field. */
  national: string;
  e164: string;
}

interface Fixtures {
  /** The app + logto-local pair this file signs in against. */
  stack: StackUrls;
  /**
   * Saves a PNG of the page as this test's artifact (test-results/e2e/…), numbered in step
   * order. With `curated`, and E2E_UPDATE_SCREENSHOTS=1, also writes docs/screenshots/NAME.png.
   */
  shoot: (name: string, options?: { curated?: boolean }) => Promise<void>;
  /** A number no other scenario on this stack uses, so codes and accounts never mix. */
  freshPhone: () => PhoneNumber;
}

interface Options {
  /** Which stack from global setup the file uses (see global-setup.ts). */
  stackName: StackName;
}

let phoneCounter = 0;

/** Playwright's `test`, with the stack, screenshots and phone numbers every scenario needs. */
export const test = base.extend<Fixtures & Options>({
  stackName: ['default', { option: true }],
  stack: async ({ stackName }, provide) => {
    await provide(stackUrls(stackName));
  },
  baseURL: async ({ stack }, provide) => {
    await provide(stack.app);
  },
  shoot: async ({ page }, provide, testInfo) => {
    let step = 0;
    await provide(async (name, options = {}) => {
      step += 1;
      const file = testInfo.outputPath(`${String(step).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
      if (options.curated && process.env.E2E_UPDATE_SCREENSHOTS === '1') {
        await mkdir(CURATED_DIR, { recursive: true });
        await copyFile(file, path.join(CURATED_DIR, `${name}.png`));
      }
    });
  },
  freshPhone: async ({}, provide, testInfo) => {
    await provide(() => {
      // workerIndex is unique per worker process (also after a restart), so numbers never repeat
      // on a stack, which outlives workers.
      phoneCounter += 1;
      const line = 2000 + testInfo.workerIndex * 100 + phoneCounter;
      return { national: `201555${line}`, e164: `+1201555${line}` };
    });
  },
});

export { expect };
