// next/jest, as Next's testing guide sets it up: SWC transforms the app's files, and node_modules
// load as they are (the mock kit among them). msw 2.12 and later depend on two packages that ship
// only ES modules; next/jest sets transformIgnorePatterns itself, so they are let through on the
// config it resolves.
// @see https://nextjs.org/docs/pages/guides/testing/jest
const nextJest = require('next/jest');

const createJestConfig = nextJest({ dir: './' });
const MSW_ESM_ONLY = ['rettime', 'until-async', '@open-draft'];

module.exports = async () => ({
  ...(await createJestConfig({
    testEnvironment: 'node',
    setupFiles: ['<rootDir>/jest.setup.ts'],
  })()),
  transformIgnorePatterns: [`/node_modules/(?!(${MSW_ESM_ONLY.join('|')})/)`],
});
