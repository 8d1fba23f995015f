// Mutation testing (`npm run test:mutation`): Stryker changes the code under test one small way at a
// time and reruns the tests that cover it; a change no test notices marks behaviour no test pins down.
// @see https://stryker-mutator.io/docs/stryker-js/configuration/
// @see TESTING.md (scores per file, and how to run it whole)

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'jest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  // Each mutant runs only the tests that executed its line. Code that runs only inside a spawned
  // logto-local process is invisible to this, so its rules have in-process tests of their own.
  coverageAnalysis: 'perTest',
  // A mutant in code that runs when a module loads (constants, schemas) would rerun every test:
  // a third of the mutants, and nearly all of the time. Those are left out of the score.
  ignoreStatic: true,
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.ts',
    // Only the test files that import the mutated modules run in the dry run.
    enableFindRelatedTests: true,
  },
  mutate: [
    'lib/auth/**/*.ts',
    '!lib/auth/**/*.d.ts',
    // The Auth.js v5 bridge's rules (README, "Moving to Auth.js v5").
    'templates/authjs-v5/lib/auth/v5/v4-session-bridge.ts',
    'templates/authjs-v5/lib/auth/v5/requests.ts',
    'templates/authjs-v5/lib/auth/v5/logger.ts',
    // Its App Router readers (README, "Pages in `app/`").
    'templates/authjs-v5/lib/auth/v5/app-session.ts',
    'lib/phone.ts',
    'lib/components/callback-url.ts',
    'logto-local/verification-codes.ts',
    'logto-local/sign-in/rules.ts',
    'logto-local/send-limits.ts',
    'logto-local/identifier-lockout.ts',
    'logto-local/client-guess-limit.ts',
    'logto-local/phone-for-log.ts',
    'logto-local/sms/vonage-status.ts',
    'logto-local/account/phone-change.ts',
    'logto-local/account/return-to.ts',
    'logto-local/passwords/policy.ts',
    'logto-local/passwords/rules.ts',
    'lib/phone-countries.ts',
    'logto-config/tenant-schema.ts',
  ],
  // A run after a small change mutates only what changed; the file is committed so CI starts from
  // the last recorded run.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  thresholds: { high: 90, low: 85, break: 80 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  // A loaded, shared 2-core machine: give each mutant's tests room before calling it a timeout.
  timeoutMS: 20_000,
  timeoutFactor: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

export default config;
