import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium';

/**
 * The browser suite against a real Logto (`npm run test:logto`, which builds first). Global setup
 * starts Logto OSS or uses LOGTO_TEST_ENDPOINT, runs `npm run logto:setup` against it and starts
 * the built app. Projects in order: logto:setup's idempotency (with the Vonage connector it
 * configures), then the mock SMS connector in Vonage's place, then the browser scenarios: sign-in,
 * and a change of number through Logto's own Account Center; last, the example tenant with
 * passwords and email (logto-config/examples/phone-password-email.json), which reconfigures it.
 * @see README.md#testing-against-a-real-logto
 */
export default defineConfig({
  testDir: './__tests__/e2e-logto',
  outputDir: './test-results/e2e-logto',
  globalSetup: './__tests__/e2e-logto/support/global-setup.ts',
  // One worker: the scenarios share one Logto, and key rotation changes it for everyone.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/logto' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    viewport: { width: 1000, height: 700 },
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'logto-setup', testMatch: 'logto-setup.spec.ts' },
    { name: 'mock-sms', testMatch: 'mock-sms.setup.ts', dependencies: ['logto-setup'] },
    { name: 'browser', testMatch: 'sign-in.spec.ts', dependencies: ['mock-sms'] },
    { name: 'account-center', testMatch: 'change-phone.spec.ts', dependencies: ['mock-sms'] },
    // Reconfigures the tenant (passwords, email or phone), so it comes last.
    {
      name: 'passwords',
      testMatch: 'passwords.spec.ts',
      dependencies: ['browser', 'account-center'],
    },
  ],
});
