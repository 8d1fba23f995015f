/**
 * @jest-environment node
 */
import NextAuth from 'next-auth';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DISCOVERY_TTL_MS, forgetLogtoDiscovery } from '@/lib/auth/discovery';
import { getLogtoClient } from '@/lib/auth/logto-client';
import { buildAuthOptions } from '@/lib/auth/options';
import { createMockLogto, type MockLogto } from '../support/mock-logto';
import {
  localServersPassThrough,
  startNextApiServer,
  type ApiRoutes,
  type NextApiServer,
} from '../support/next-auth-driver';
import { signInWithLogto } from '../support/logto-sign-in';

let logto: MockLogto;
let app: NextApiServer;
const network = setupServer();
const env = () => ({
  issuer: logto.issuer,
  clientId: logto.clientId,
  clientSecret: logto.clientSecret,
  appUrl: app.origin,
  secret: 'integration-test-secret-integration-test-secret',
});

/**
 * Moves the wall clock of the whole test (ours, openid-client's key throttle, the mock's token
 * times, cookie expiry) forward. Only `Date` is faked: timers and I/O stay real.
 */
function advanceClock(ms: number) {
  jest.setSystemTime(Date.now() + ms);
}
const REAL_TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

beforeAll(async () => {
  logto = await createMockLogto();
  network.use(localServersPassThrough, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  const routes: ApiRoutes = {};
  app = await startNextApiServer(routes);
  // The app's own origin is known only once the server listens.
  routes['/api/auth/[...nextauth]'] = NextAuth(buildAuthOptions(env()));
});
beforeEach(() => {
  forgetLogtoDiscovery();
  jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
  jest.spyOn(console, 'error').mockImplementation(() => {});
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  logto.reset();
  network.resetHandlers(localServersPassThrough, ...logto.handlers);
  jest.restoreAllMocks();
  jest.useRealTimers();
});
afterAll(async () => {
  await app.close();
  network.close();
});

async function signedIn() {
  const outcome = await signInWithLogto(app.origin, logto);
  return outcome.session !== null;
}

/** A new ES384 key as Logto would publish it after a rotation. */
async function rotatedKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, jwk: { ...jwk, kid, alg: 'ES384', use: 'sig' }, kid };
}

/** Serves the mock's JWKS plus `extra`, counting the fetches it answers. */
async function publishAlso(extra: object) {
  const current = (await (await fetch(`${logto.issuer}/jwks`)).json()) as { keys: object[] };
  const served = { count: 0 };
  network.use(
    http.get(`${logto.issuer}/jwks`, () => {
      served.count += 1;
      return HttpResponse.json({ keys: [...current.keys, extra] });
    }),
  );
  return served;
}

describe('a warm sign-in', () => {
  it('makes exactly one request to Logto: the token request', async () => {
    expect(await signedIn()).toBe(true);
    logto.reset();
    expect(await signedIn()).toBe(true);
    expect(logto.requests).toMatchObject({ discovery: 0, jwks: 0, token: 1, userinfo: 0 });
  });

  it('reuses one discovery and one JWKS across many sign-ins', async () => {
    for (let count = 0; count < 4; count += 1) expect(await signedIn()).toBe(true);
    // Cold, as in a process nothing warmed: next-auth discovers for the sign-in and for the
    // callback, and the callback fills the cache. Every later sign-in reads the cache.
    expect(logto.requests.discovery).toBe(3);
    expect(logto.requests.jwks).toBe(1);
    expect(logto.requests.token).toBe(4);
  });

  it('shares its discovery with the client used for refresh and sign-out', async () => {
    expect(await signedIn()).toBe(true);
    logto.reset();
    const client = await getLogtoClient(env());
    expect(client.issuer.metadata.end_session_endpoint).toBe(`${logto.issuer}/session/end`);
    expect(await getLogtoClient(env())).toBe(client);
    expect(logto.requests.discovery).toBe(0);
  });
});

describe('key rotation at Logto', () => {
  it('reloads the JWKS once for a token with an unknown kid and accepts the new key', async () => {
    expect(await signedIn()).toBe(true);
    const next = await rotatedKey();
    const served = await publishAlso(next.jwk);
    // openid-client reloads keys for an unknown kid at most once a minute.
    advanceClock(61_000);
    logto.useSigningKey(next.privateKey);
    logto.setKid(next.kid);
    expect(await signedIn()).toBe(true);
    expect(served.count).toBe(1);
  });

  it('does not reload the JWKS more than once a minute for a flood of unknown kids', async () => {
    expect(await signedIn()).toBe(true);
    const served = await publishAlso((await rotatedKey()).jwk);
    advanceClock(61_000);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      logto.setKid(`unknown-kid-${attempt}`);
      expect(await signedIn()).toBe(false);
    }
    expect(served.count).toBe(1);
  });

  it('rejects a token with an unknown kid that the reloaded JWKS does not hold either', async () => {
    expect(await signedIn()).toBe(true);
    advanceClock(61_000);
    logto.reset();
    logto.setKid('never-published');
    expect(await signedIn()).toBe(false);
    expect(logto.requests.jwks).toBe(1);
  });
});

describe('when discovery fails or ages', () => {
  it('serves sign-in again once Logto is back, since a failed discovery is not cached', async () => {
    logto.goOffline();
    expect(await signedIn()).toBe(false);
    logto.reset();
    expect(await signedIn()).toBe(true);
    expect(logto.requests.discovery).toBeGreaterThanOrEqual(1);
  });

  it('tries discovery again for refresh and sign-out after Logto was unreachable', async () => {
    logto.goOffline();
    await expect(getLogtoClient(env())).rejects.toThrow();
    logto.reset();
    const client = await getLogtoClient(env());
    expect(client.issuer.metadata.issuer).toBe(logto.issuer);
    expect(logto.requests.discovery).toBe(1);
  });

  it('fetches discovery again after its TTL and keeps the keys when the document is unchanged', async () => {
    expect(await signedIn()).toBe(true);
    logto.reset();
    advanceClock(DISCOVERY_TTL_MS + 1000);
    expect(await signedIn()).toBe(true);
    expect(logto.requests).toMatchObject({ discovery: 1, jwks: 0, token: 1 });
  });

  it('keeps serving the last good document when the refetch after the TTL fails', async () => {
    expect(await signedIn()).toBe(true);
    advanceClock(DISCOVERY_TTL_MS + 1000);
    network.use(
      http.get(`${logto.issuer}/.well-known/openid-configuration`, () => HttpResponse.error()),
    );
    expect(await signedIn()).toBe(true);
  });

  it('lets a warm sign-in reach Logto even when Logto is unreachable, and fails at the callback', async () => {
    expect(await signedIn()).toBe(true);
    logto.goOffline();
    const outcome = await signInWithLogto(app.origin, logto);
    expect(outcome.authorizeUrl).not.toBeNull();
    expect(outcome.session).toBeNull();
    const page = new URL(outcome.page ?? 'missing:', app.origin);
    expect(page.pathname).toBe('/auth/error');
    expect(page.searchParams.get('error')).toBe('OAuthCallback');
  });
});
