import { randomInt } from 'node:crypto';
import { test as base, expect, type PhoneNumber } from '../../e2e/support/fixtures';
import { logtoSuite, type LogtoSuite } from './suite';

/**
 * The browser suite's fixtures (stack, screenshots), plus the Logto under test, with phone
 * numbers drawn at random: a Logto given by LOGTO_TEST_ENDPOINT keeps its users between runs,
 * so a "new number" must be new there too.
 */
export const test = base.extend<{ suite: LogtoSuite }>({
  suite: async ({}, provide) => {
    await provide(logtoSuite());
  },
  freshPhone: async ({}, provide) => {
    await provide((): PhoneNumber => {
      const line = String(randomInt(0, 10_000)).padStart(4, '0');
      return { national: `201555${line}`, e164: `+1201555${line}` };
    });
  },
});

export { expect };
