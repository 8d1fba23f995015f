/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createMockLogto } from '@bookstore/mock-logto';

const logto = createMockLogto();
afterEach(() => logto.reset());

it('moves Date.now() and new Date() of the whole process with advanceClock(), until reset()', () => {
  const before = Date.now();
  logto.advanceClock(3600);
  expect(Date.now() - before).toBeGreaterThanOrEqual(3600_000);
  expect(new Date().getTime() - before).toBeGreaterThanOrEqual(3600_000);
  expect(new Date(0).getTime()).toBe(0);

  logto.reset();
  expect(Date.now() - before).toBeLessThan(60_000);
  expect(new Date()).toBeInstanceOf(Date);
});

it('adds up successive moves', () => {
  const before = Date.now();
  logto.advanceClock(60);
  logto.advanceClock(60);
  expect(Date.now() - before).toBeGreaterThanOrEqual(120_000);
  expect(Date.now() - before).toBeLessThan(180_000);
});

it('leaves a Date it did not replace alone on reset(), such as Jest’s fake one', () => {
  jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
  try {
    logto.reset();
    expect(Date.now()).toBe(1_000_000);
    logto.advanceClock(60);
    expect(Date.now()).toBe(1_060_000);
    logto.reset();
    expect(Date.now()).toBe(1_000_000);
  } finally {
    jest.useRealTimers();
  }
});
