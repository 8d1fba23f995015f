/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The speed layer's discovery document on its own: when Logto's document is fetched again, how
// bundles share it, and what callers see when Logto misbehaves. The mocked Logto answers over
// MSW; the document's clock is a number each test moves.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Issuer } from 'openid-client';
import { LogtoIssuer } from '@/lib/auth/core/logto-issuer';
import { logtoWellKnownUrl } from '@/lib/auth/provider/well-known';
import {
  DISCOVERY_TTL_MS,
  forgetLogtoDiscovery,
  peekLogtoEndpoints,
  sharedIssuerMetadata,
  warmLogtoDiscovery,
} from '@/lib/auth/speed/discovery';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';

let logto: MockLogto;
let wellKnown: string;
let document: Record<string, unknown>;
let now: number;
const network = setupServer();

/** The shared document, as a bundle's Issuer asks for it, on the test's clock. */
const load = () => sharedIssuerMetadata(wellKnown, () => now);

/** Makes Logto answer discovery with this document from now on. */
function serveDocument(body: Record<string, unknown>) {
  network.use(http.get(wellKnown, () => HttpResponse.json(body)));
}

beforeAll(async () => {
  logto = createMockLogto();
  wellKnown = logtoWellKnownUrl(logto.issuer);
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
  it('is trusted for an hour, and fetched again from that moment', async () => {
    await load();
    now += DISCOVERY_TTL_MS - 1;
    await load();
    expect(logto.requests.discovery).toBe(1);
    now += 1;
    await load();
    expect(logto.requests.discovery).toBe(2);
    expect(DISCOVERY_TTL_MS).toBe(60 * 60 * 1000);
  });

  it('is fetched once for callers that ask at the same time', async () => {
    const documents = await Promise.all([load(), load(), load()]);
    expect(logto.requests.discovery).toBe(1);
    expect(documents[1]).toBe(documents[0]);
    expect(documents[2]).toBe(documents[0]);
  });

  it("is shared with another bundle's copy of the code, which builds its Issuer from its own openid-client", async () => {
    await load();
    // As Next bundles each route apart: a second copy of these modules and of openid-client.
    let other: {
      discovery: typeof import('@/lib/auth/speed/discovery');
      issuer: typeof import('@/lib/auth/core/logto-issuer');
      client: typeof import('openid-client');
    };
    jest.isolateModules(() => {
      other = {
        discovery: jest.requireActual('@/lib/auth/speed/discovery'),
        issuer: jest.requireActual('@/lib/auth/core/logto-issuer'),
        client: jest.requireActual('openid-client'),
      };
    });
    const { discovery, issuer, client } = other!;
    expect(discovery.peekLogtoEndpoints(wellKnown)?.token_endpoint).toBe(`${logto.issuer}/token`);
    const bundleIssuer = new issuer.LogtoIssuer(wellKnown, {
      loadMetadata: (url) => discovery.sharedIssuerMetadata(url, () => now),
    });
    const { issuer: built } = await bundleIssuer.createClient({ client_id: 'id' });
    expect(logto.requests.discovery).toBe(1);
    expect(built).toBeInstanceOf(client.Issuer);
    expect(built).not.toBeInstanceOf(Issuer);
  });

  it('is picked up when Logto changes it, once the TTL has passed', async () => {
    const before = await load();
    const moved = `${logto.issuer}/token-moved`;
    serveDocument({ ...document, token_endpoint: moved });
    now += DISCOVERY_TTL_MS;
    const after = await load();
    expect(peekLogtoEndpoints(wellKnown)?.token_endpoint).toBe(moved);
    expect(after).not.toBe(before);
    expect(after.token_endpoint).toBe(moved);
  });

  it('keeps its identity when the refetched document is unchanged, and is trusted a whole TTL again', async () => {
    const before = await load();
    now += DISCOVERY_TTL_MS;
    expect(await load()).toBe(before);
    expect(logto.requests.discovery).toBe(2);
    now += DISCOVERY_TTL_MS - 1;
    await load();
    expect(logto.requests.discovery).toBe(2);
  });

  it('counts the same document with its fields in another order as unchanged', async () => {
    const before = await load();
    serveDocument(Object.fromEntries(Object.entries(document).reverse()));
    now += DISCOVERY_TTL_MS;
    expect(await load()).toBe(before);
  });

  it('keeps serving the last good document when the refetch fails, and says why', async () => {
    const before = await load();
    logto.goOffline();
    now += DISCOVERY_TTL_MS;
    expect(await load()).toBe(before);
    expect(peekLogtoEndpoints(wellKnown)?.token_endpoint).toBe(`${logto.issuer}/token`);
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Refreshing Logto discovery failed \(.+\); using the last good document/,
      ),
    );
  });

  it('is not kept when the first fetch fails: the next caller tries again', async () => {
    logto.goOffline();
    await expect(load()).rejects.toThrow();
    logto.reset();
    await expect(load()).resolves.toMatchObject({ issuer: logto.issuer });
  });

  it('is refused when it lacks the token endpoint, naming the issuer and AUTH_LOGTO_ISSUER', async () => {
    serveDocument({ ...document, token_endpoint: undefined });
    await expect(load()).rejects.toThrow(
      `Logto's discovery document for ${logto.issuer} lacks authorization_endpoint, ` +
        'token_endpoint or jwks_uri. Check AUTH_LOGTO_ISSUER points at the /oidc issuer.',
    );
  });

  it('is refused when it names no issuer at all, saying so', async () => {
    serveDocument({ ...document, issuer: undefined });
    await expect(load()).rejects.toThrow(
      /^Logto's discovery document for this issuer lacks authorization_endpoint, token_endpoint or jwks_uri\. Check AUTH_LOGTO_ISSUER/,
    );
  });
});

describe('warming at start', () => {
  it('fetches the document, so the first sign-in has its endpoints at once', async () => {
    await expect(warmLogtoDiscovery(`${logto.issuer}/`)).resolves.toBe(true);
    expect(peekLogtoEndpoints(wellKnown)).toEqual({
      issuer: logto.issuer,
      authorization_endpoint: `${logto.issuer}/auth`,
      token_endpoint: `${logto.issuer}/token`,
      jwks_uri: `${logto.issuer}/jwks`,
    });
  });

  it('with Logto unreachable warns with the URL and the reason, and does not throw', async () => {
    logto.goOffline();
    await expect(warmLogtoDiscovery(logto.issuer)).resolves.toBe(false);
    expect(peekLogtoEndpoints(wellKnown)).toBeUndefined();
    expect(console.warn).toHaveBeenCalledTimes(1);
    const [message] = jest.mocked(console.warn).mock.calls[0] as [string];
    expect(message).toMatch(
      new RegExp(
        `^\\[auth\\] Could not reach Logto at ${wellKnown.replace(/[.?]/g, '\\$&')} \\(.+\\)\\. The app keeps serving; sign-in will try again\\.$`,
      ),
    );
  });
});

describe("a bundle's Issuer fed by the shared document", () => {
  it('is built again after the keys reach their maximum age without another discovery request', async () => {
    const issuer = new LogtoIssuer(wellKnown, { loadMetadata: load, now: () => now });
    const first = await issuer.createClient({ client_id: 'id' });
    now += 10 * 60 * 1000;
    const second = await issuer.createClient({ client_id: 'id' });
    expect(second.issuer).not.toBe(first.issuer);
    expect(second.issuer.metadata).toEqual(first.issuer.metadata);
    expect(logto.requests.discovery).toBe(1);
  });
});
