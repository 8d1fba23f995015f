// Jest's node environment, wrapped so that `npm run test:mutation` sees which test ran which line
// (Stryker's per-test coverage). A `@jest-environment node` docblock would bypass that wrapper, so
// test files that need Node name this file instead. Outside Stryker the wrapper changes nothing.
// @see https://stryker-mutator.io/docs/stryker-js/jest-runner/#coverage-analysis
import { mixinJestEnvironment } from '@stryker-mutator/jest-runner';
import { TestEnvironment } from 'jest-environment-node';

export default mixinJestEnvironment(TestEnvironment);
