import { availableParallelism } from 'node:os';
import type { Config } from 'jest';
import nextJest from 'next/jest.js';

const createJestConfig = nextJest({ dir: './' });

// msw 3 and its dependencies ship ESM only; next/jest overwrites transformIgnorePatterns,
// so we set them on the config it resolves.
// @see https://jestjs.io/docs/configuration#transformignorepatterns-arraystring
const ESM_PACKAGES = [
  'msw',
  '@mswjs',
  '@msw',
  'rettime',
  'until-async',
  'cookie',
  '@open-draft',
  'tough-cookie',
  'headers-polyfill',
  'jose',
  'oidc-provider',
  'nanoid',
  'quick-lru',
  // @vonage/auth -> @vonage/jwt requires uuid, which ships ESM only.
  'uuid',
  // Logto's packages (@logto/api, @logto/connector-*) and what they import ship ESM only.
  '@logto',
  '@silverhand',
  'openapi-fetch',
  // @logto/connector-kit -> ky.
  'ky',
  // scripts/mutation reads Stryker's report with its metrics package.
  'mutation-testing-metrics',
  // Auth.js v5 (next-auth-v5, an alias of next-auth@5), @auth/core and its OAuth client ship
  // ESM only.
  'next-auth-v5',
  '@auth',
  '@panva',
  'oauth4webapi',
].join('|');

const baseConfig: Config = {
  // jest-fixed-jsdom keeps Node's fetch, Request and Response, which plain jsdom hides from msw.
  testEnvironment: 'jest-fixed-jsdom',
  testEnvironmentOptions: { customExportConditions: [''] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/jest.setup.ts'],
  // Builds the workspace package if its source changed, then bundles logto-local (started some
  // forty times) and the app instance the suites start.
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  // The workspace packages' own tests run here too (packages/mock-logto/test).
  testMatch: ['<rootDir>/__tests__/**/*.test.ts?(x)', '<rootDir>/packages/*/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/e2e/'],
  // `npm run test:mutation` copies the project into .stryker-tmp/ while it runs.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/$1',
    // @logto/shared's subpaths export only an `import` condition, which Jest's resolver (require)
    // does not read; @logto/core-kit imports this one.
    '^@logto/shared/universal$': '<rootDir>/node_modules/@logto/shared/lib/universal.js',
  },
  // Jest's default (cores - 1) is one worker, in band, on a 2-core machine. The logto-local suites
  // mostly wait (on their own logto-local process and on clock-based expiries), so at least a second
  // worker overlaps that waiting with the other suites.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Tests assert behaviour, not speed (speed lives in `npm run bench`). A sign-in through the real
  // NextAuth handler does ES384 and JWE work that can take seconds on a shared, loaded 2-core
  // machine, so the 5 s default would turn load into failures.
  testTimeout: 30_000,
};

export default async function jestConfig(): Promise<Config> {
  const resolved = await createJestConfig(baseConfig)();
  return {
    ...resolved,
    // The workspace packages' builds are loaded untransformed, as from any team's node_modules
    // (the workspace link resolves to packages/<name>/dist).
    transformIgnorePatterns: [
      `/node_modules/(?!(${ESM_PACKAGES})/)`,
      '<rootDir>/packages/[^/]+/dist/',
    ],
  };
}
