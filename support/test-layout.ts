/**
 * Where the suites that test `lib/auth` live, for the programs that copy them: the compat
 * matrix (`npm run test:compat`) runs them against other Next and next-auth versions. One home,
 * so that moving a suite folder moves it for the matrix too.
 */
export const AUTH_SUITE_FOLDERS = [
  '__tests__/lib/auth',
  '__tests__/integration',
  '__tests__/support',
] as const;

/**
 * The Jest environment the node suites name in their `@jest-environment` docblock. The repo's
 * file wraps Jest's own for Stryker (`npm run test:mutation`); a copy without Stryker replaces it.
 */
export const NODE_ENVIRONMENT_FILE = '__tests__/support/node-environment.ts';
