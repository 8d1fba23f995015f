/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { BaseClient, Issuer } from 'openid-client';
import {
  KEY_RELOAD_INTERVAL_MS,
  KeyReloadGate,
  MISSING_KID_MEMORY_MS,
} from '@/lib/auth/core/key-reload';

/** An Issuer whose JWKS reloads are counted and take `fetchMs` each. */
function countingIssuer(fetchMs = 0) {
  const issuer = {
    reloads: 0,
    async reloadJwksUri() {
      issuer.reloads += 1;
      if (fetchMs > 0) await new Promise((resolve) => setTimeout(resolve, fetchMs));
    },
  };
  return issuer;
}

function gateFor(issuer: ReturnType<typeof countingIssuer>, now: () => number = Date.now) {
  return new KeyReloadGate(issuer as unknown as Issuer<BaseClient>, now);
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('reloads at once for the first unknown kid', async () => {
  const issuer = countingIssuer();
  await expect(gateFor(issuer).reloadFor('new-kid')).resolves.toBe(true);
  expect(issuer.reloads).toBe(1);
});

it('shares one reload among many callers that arrive while it is in flight', async () => {
  const issuer = countingIssuer(100);
  const gate = gateFor(issuer);
  const callers = ['a', 'b', 'c', 'd'].map((kid) => gate.reloadFor(kid));
  await jest.advanceTimersByTimeAsync(100);
  await expect(Promise.all(callers)).resolves.toEqual([true, true, true, true]);
  expect(issuer.reloads).toBe(1);
});

it('makes a caller inside the interval wait for its end, then reload once for everyone waiting', async () => {
  const issuer = countingIssuer();
  const gate = gateFor(issuer);
  await gate.reloadFor('first');
  const waiting = [gate.reloadFor('second'), gate.reloadFor('third')];
  await jest.advanceTimersByTimeAsync(KEY_RELOAD_INTERVAL_MS - 1);
  expect(issuer.reloads).toBe(1);
  await jest.advanceTimersByTimeAsync(1);
  await Promise.all(waiting);
  expect(issuer.reloads).toBe(2);
});

it('refuses a kid that a recent reload did not find, without another request', async () => {
  const issuer = countingIssuer();
  let now = 0;
  const gate = gateFor(issuer, () => now);
  await gate.reloadFor('forged');
  gate.rememberMissing('forged');
  now += MISSING_KID_MEMORY_MS - 1;
  await expect(gate.reloadFor('forged')).resolves.toBe(false);
  expect(issuer.reloads).toBe(1);
});

it('asks again for a missing kid once the memory of it has passed', async () => {
  const issuer = countingIssuer();
  let now = 0;
  const gate = gateFor(issuer, () => now);
  await gate.reloadFor('late');
  gate.rememberMissing('late');
  now += MISSING_KID_MEMORY_MS;
  await expect(gate.reloadFor('late')).resolves.toBe(true);
  expect(issuer.reloads).toBe(2);
});
