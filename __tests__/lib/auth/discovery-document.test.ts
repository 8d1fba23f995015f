/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The discovery cache on its own: when Logto's document is fetched again, when a bundle builds a
// new Issuer (and so loads the keys again), and what callers see when Logto misbehaves. The mocked
// Logto answers over MSW; the cache's clock is a number each test moves.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Issuer } from 'openid-client';
import {
  forgetLogtoDiscovery,
  LogtoDiscovery,
  logtoHttpOptions,
  wellKnownUrl,
} from '@/lib/auth/discovery';
import Logto, { LOGTO_HTTP_TIMEOUT_MS } from '@/lib/auth/logto';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';

const TTL = 60_000;
const KEYS_MAX_AGE = 10_000;
let logto: MockLogto;
let wellKnown: string;
let document: Record<string, unknown>;
let now: number;
const network = setupServer();

function discovery(options: { ttlMs?: number; keysMaxAgeMs?: number } = {}) {
  return new LogtoDiscovery(wellKnown, {
    ttlMs: TTL,
    keysMaxAgeMs: KEYS_MAX_AGE,
    ...options,
    now: () => now,
  });
}

/** Makes Logto answer discovery with this document from now on. */
function serveDocument(body: Record<string, unknown>) {
  network.use(http.get(wellKnown, () => HttpResponse.json(body)));
}

beforeAll(async () => {
  logto = createMockLogto();
  wellKnown = wellKnownUrl(logto.issuer);
  network.use(...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  document = (await (await fetch(wellKnown)).json()) as Record<string, unknown>;
});
beforeEach(() => {
  forgetLogtoDiscovery();
  logto.reset();
  now = 1_000_000;
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  logto.reset();
  network.resetHandlers(...logto.handlers);
  jest.restoreAllMocks();
});
afterAll(() => network.close());

describe('the discovery document', () => {
  it('is trusted until its TTL has passed, and fetched again from that moment', async () => {
    const cache = discovery();
    await cache.getIssuer();
    now += TTL - 1;
    await cache.getIssuer();
    expect(logto.requests.discovery).toBe(1);
    now += 1;
    await cache.getIssuer();
    expect(logto.requests.discovery).toBe(2);
  });

  it('is fetched once for callers in several bundles that ask at the same time', async () => {
    const [first, second] = [discovery(), discovery()];
    const issuers = await Promise.all([first.getIssuer(), second.getIssuer(), first.getIssuer()]);
    expect(logto.requests.discovery).toBe(1);
    // Each bundle builds its own Issuer (its own copy of openid-client may differ).
    expect(issuers[0]).not.toBe(issuers[1]);
    expect(issuers[0].metadata).toEqual(issuers[1].metadata);
  });

  it("is shared with another bundle's copy of the code, which builds its Issuer from its own openid-client", async () => {
    await discovery().getIssuer();
    // As Next bundles each route apart: a second copy of this module and of openid-client.
    let other: {
      discovery: typeof import('@/lib/auth/discovery');
      client: typeof import('openid-client');
    };
    jest.isolateModules(() => {
      other = {
        discovery:
          jest.requireActual<typeof import('@/lib/auth/discovery')>('@/lib/auth/discovery'),
        client: jest.requireActual<typeof import('openid-client')>('openid-client'),
      };
    });
    const { discovery: otherDiscovery, client: otherClient } = other!;
    const otherCache = new otherDiscovery.LogtoDiscovery(wellKnown, { now: () => now });
    expect(otherCache.peekEndpoints()?.token_endpoint).toBe(`${logto.issuer}/token`);
    const issuer = await otherCache.getIssuer();
    expect(logto.requests.discovery).toBe(1);
    expect(issuer).toBeInstanceOf(otherClient.Issuer);
    expect(issuer).not.toBeInstanceOf(Issuer);
  });

  it('is picked up when Logto changes it, once the TTL has passed', async () => {
    const cache = discovery();
    const before = await cache.getIssuer();
    const moved = `${logto.issuer}/token-moved`;
    serveDocument({ ...document, token_endpoint: moved });
    now += TTL;
    const after = await cache.getIssuer();
    expect(cache.peekEndpoints()?.token_endpoint).toBe(moved);
    expect(after).not.toBe(before);
    expect(after.metadata.token_endpoint).toBe(moved);
  });

  it('keeps the Issuer and its loaded keys when the refetched document is unchanged', async () => {
    const cache = discovery({ keysMaxAgeMs: 10 * TTL });
    const before = await cache.getIssuer();
    await (before as typeof before & { reloadJwksUri(): Promise<void> }).reloadJwksUri();
    now += TTL;
    expect(await cache.getIssuer()).toBe(before);
    expect(logto.requests).toMatchObject({ discovery: 2, jwks: 1 });
    // The unchanged document is trusted for a whole TTL again.
    now += TTL - 1;
    await cache.getIssuer();
    expect(logto.requests.discovery).toBe(2);
  });

  it('counts the same document with its fields in another order as unchanged', async () => {
    const cache = discovery({ keysMaxAgeMs: 10 * TTL });
    const before = await cache.getIssuer();
    const reordered = Object.fromEntries(Object.entries(document).reverse());
    serveDocument(reordered);
    now += TTL;
    expect(await cache.getIssuer()).toBe(before);
  });

  it('keeps serving the last good document when the refetch fails, and says why', async () => {
    const cache = discovery({ keysMaxAgeMs: 10 * TTL });
    const before = await cache.getIssuer();
    logto.goOffline();
    now += TTL;
    expect(await cache.getIssuer()).toBe(before);
    expect(cache.peekEndpoints()?.token_endpoint).toBe(`${logto.issuer}/token`);
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Refreshing Logto discovery failed \(.+\); using the last good document/,
      ),
    );
  });

  it('is refused when it lacks the token endpoint, naming the issuer and AUTH_LOGTO_ISSUER', async () => {
    serveDocument({ ...document, token_endpoint: undefined });
    await expect(discovery().getIssuer()).rejects.toThrow(
      `Logto's discovery document for ${logto.issuer} lacks authorization_endpoint, ` +
        'token_endpoint or jwks_uri. Check AUTH_LOGTO_ISSUER points at the /oidc issuer.',
    );
  });

  it('is refused when it names no issuer at all, saying so', async () => {
    serveDocument({ ...document, issuer: undefined });
    await expect(discovery().getIssuer()).rejects.toThrow(
      /^Logto's discovery document for this issuer lacks authorization_endpoint, token_endpoint or jwks_uri\. Check AUTH_LOGTO_ISSUER/,
    );
  });
});

describe("a bundle's Issuer and its keys", () => {
  it('serves until the keys reach their maximum age, then a new one loads them again', async () => {
    const cache = discovery();
    const first = await cache.getIssuer();
    now += KEYS_MAX_AGE - 1;
    expect(await cache.getIssuer()).toBe(first);
    now += 1;
    const second = await cache.getIssuer();
    expect(second).not.toBe(first);
    // Built from the same document: no discovery request, only the keys start afresh.
    expect(second.metadata).toEqual(first.metadata);
    expect(logto.requests.discovery).toBe(1);
  });
});

describe('warming at start', () => {
  it('fetches the document, so the first sign-in has its endpoints at once', async () => {
    const cache = discovery();
    await expect(cache.warm()).resolves.toBe(true);
    expect(cache.peekEndpoints()).toEqual({
      issuer: logto.issuer,
      authorization_endpoint: `${logto.issuer}/auth`,
      token_endpoint: `${logto.issuer}/token`,
      jwks_uri: `${logto.issuer}/jwks`,
    });
  });

  it('with Logto unreachable warns with the URL and the reason, and does not throw', async () => {
    logto.goOffline();
    const cache = discovery();
    await expect(cache.warm()).resolves.toBe(false);
    expect(cache.peekEndpoints()).toBeUndefined();
    expect(console.warn).toHaveBeenCalledTimes(1);
    const [message] = jest.mocked(console.warn).mock.calls[0] as [string];
    expect(message).toMatch(
      new RegExp(
        `^\\[auth\\] Could not reach Logto at ${wellKnown.replace(/[.?]/g, '\\$&')} \\(.+\\)\\. The app keeps serving; sign-in will try again\\.$`,
      ),
    );
  });
});

describe('every request to Logto', () => {
  it.each([
    ['https://tenant.logto.app/oidc/token', HttpsAgent],
    ['http://localhost:3001/oidc/token', HttpAgent],
  ])('to %s has our timeout and a kept-alive connection', (url, AgentClass) => {
    const options = logtoHttpOptions(new URL(url), { headers: { accept: 'application/json' } });
    expect(options.timeout).toBe(LOGTO_HTTP_TIMEOUT_MS);
    expect(options.headers).toEqual({ accept: 'application/json' });
    expect(options.agent).toBeInstanceOf(AgentClass);
    expect(options.agent).toMatchObject({ keepAlive: true });
    // One agent per protocol, so later requests reuse its sockets.
    expect(logtoHttpOptions(new URL(url), {}).agent).toBe(options.agent);
  });
});

describe('the well-known URL', () => {
  it.each(['', '/', '//'])(
    'is the one the provider discovers with, for an issuer ending in "%s"',
    (ending) => {
      // The app warms and refreshes through wellKnownUrl, sign-in through the provider's
      // wellKnown: one URL means one shared document.
      const issuer = `https://tenant.logto.app/oidc${ending}`;
      const provider = Logto({ issuer, clientId: 'id', clientSecret: 'secret' });
      expect(wellKnownUrl(issuer)).toBe(provider.wellKnown);
      expect(wellKnownUrl(issuer)).toBe(
        'https://tenant.logto.app/oidc/.well-known/openid-configuration',
      );
    },
  );
});
