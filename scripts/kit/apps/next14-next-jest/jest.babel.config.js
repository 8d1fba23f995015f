// The same tests under babel-jest, set up as Jest's "Using Babel" and "Using TypeScript" guides
// show. msw 2.12 and later depend on packages that ship only ES modules, so those are let through.
// @see https://jestjs.io/docs/getting-started#using-babel
const MSW_ESM_ONLY = ['rettime', 'until-async', '@open-draft'];

module.exports = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/jest.setup.ts'],
  transform: {
    '^.+\\.(js|jsx|ts|tsx|mjs)$': [
      'babel-jest',
      {
        presets: [
          ['@babel/preset-env', { targets: { node: 'current' } }],
          '@babel/preset-typescript',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${MSW_ESM_ONLY.join('|')})/)`],
};
