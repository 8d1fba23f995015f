// ts-jest's default preset. msw 3 and jose 6 ship only ES modules: on Node 24.9+ with
// --experimental-vm-modules, Jest 30 require()s them as they are, so nothing in node_modules is
// transformed (the mock kit ships CommonJS anyway).
// @see https://kulshekhar.github.io/ts-jest/docs/getting-started/presets
// @see https://jestjs.io/docs/ecmascript-modules
const { createDefaultPreset } = require('ts-jest');

/** @type {import('jest').Config} */
module.exports = {
  ...createDefaultPreset(),
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/jest.setup.ts'],
};
