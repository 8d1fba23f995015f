/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// How long the app trusts what it learned from Logto, with the lifetimes the app ships with (not
// ones a test passes in). The lifetimes and the keep-alive agents are set when the module loads,
// so each test loads it afresh: the mutation run then sees which test relies on them (TESTING.md).
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { setupServer } from 'msw/node';
import type * as DiscoveryModule from '@/lib/auth/discovery';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';

const MINUTE_MS = 60 * 1000;
let logto: MockLogto;
let now: number;
const network = setupServer();

function freshDiscoveryModule(): typeof DiscoveryModule {
  let loaded: typeof DiscoveryModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual('@/lib/auth/discovery') as typeof DiscoveryModule;
  });
  return loaded!;
}

/** A discovery cache with the shipped lifetimes, on a clock the test moves. */
function shippedDiscovery(): DiscoveryModule.LogtoDiscovery {
  const discovery = freshDiscoveryModule();
  discovery.forgetLogtoDiscovery();
  return new discovery.LogtoDiscovery(discovery.wellKnownUrl(logto.issuer), { now: () => now });
}

beforeAll(async () => {
  logto = createMockLogto();
  network.use(...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
});
beforeEach(() => {
  logto.reset();
  now = 1_000_000;
});
afterAll(() => network.close());

it("trusts Logto's discovery document for an hour, then fetches it again", async () => {
  const cache = shippedDiscovery();
  await cache.getIssuer();
  now += 60 * MINUTE_MS - 1;
  await cache.getIssuer();
  expect(logto.requests.discovery).toBe(1);
  now += 1;
  await cache.getIssuer();
  expect(logto.requests.discovery).toBe(2);
});

it("stops trusting Logto's signing keys it loaded ten minutes ago, so a removed key is dropped", async () => {
  const cache = shippedDiscovery();
  const first = await cache.getIssuer();
  now += 10 * MINUTE_MS - 1;
  expect(await cache.getIssuer()).toBe(first);
  now += 1;
  expect(await cache.getIssuer()).not.toBe(first);
});

it.each([
  ['https://tenant.logto.app/oidc/token', HttpsAgent],
  ['http://localhost:3001/oidc/token', HttpAgent],
])('keeps the connection to %s open for the next request', (url, AgentClass) => {
  const { logtoHttpOptions } = freshDiscoveryModule();
  const { agent } = logtoHttpOptions(new URL(url), {});
  expect(agent).toBeInstanceOf(AgentClass);
  expect(agent).toMatchObject({ keepAlive: true });
});
