/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { cancelRevocationRetries } from '@/lib/auth/core/revocation-retries';
import NextAuth from 'next-auth';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { AuthEnv } from '@/lib/auth/core/env';
import { KEYS_MAX_AGE_MS } from '@/lib/auth/core/logto-issuer';
import { DISCOVERY_TTL_MS, forgetLogtoDiscovery } from '@/lib/auth/speed/discovery';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  startNextApiServer,
  type ApiRoutes,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { appAuthFor } from '../support/auth-env';
import { csrfToken, signInWithLogto } from '../support/logto-sign-in';

let logto: MockLogto;
let app: NextApiServer;
const network = setupServer();
const routes: ApiRoutes = {};
const env = (): AuthEnv => ({
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
  logto = createMockLogto();
  network.use(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startNextApiServer(routes);
});
beforeEach(() => {
  // A fresh process: nothing discovered in it, no Issuer or keys in its bundle.
  forgetLogtoDiscovery();
  const auth = appAuthFor(env());
  routes['/api/auth/[...nextauth]'] = NextAuth(auth.authOptions);
  routes['/api/auth/federated-sign-out'] = auth.federatedSignOut;
  jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
  jest.spyOn(console, 'error').mockImplementation(() => {});
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  logto.reset();
  network.resetHandlers(allowLocalServers, ...logto.handlers);
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

/** Where the federated sign-out sends the browser: Logto's end-session page, or home. */
async function signOutLandsAt(): Promise<string> {
  const { browser } = await signInWithLogto(app.origin, logto);
  const response = await browser.request('/api/auth/federated-sign-out', {
    form: { csrfToken: await csrfToken(browser) },
  });
  return new URL(response.location ?? 'missing:', app.origin).pathname;
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
    expect(await signOutLandsAt()).toBe(new URL(`${logto.issuer}/session/end`).pathname);
    expect(logto.requests.discovery).toBe(0);
  });
});

describe('key rotation at Logto', () => {
  it('accepts a key Logto starts signing with right after the keys were loaded', async () => {
    expect(await signedIn()).toBe(true);
    await logto.rotateSigningKey();
    // No clock change: openid-client alone would not reload the keys for another minute.
    expect(await signedIn()).toBe(true);
    expect(logto.requests.jwks).toBe(2);
  });

  it('refuses a kid that was never published, after a single reload', async () => {
    expect(await signedIn()).toBe(true);
    logto.setKid('never-published');
    expect(await signedIn()).toBe(false);
    expect(await signedIn()).toBe(false);
    // One load at the first sign-in, one reload for the unknown kid, none for the second try.
    expect(logto.requests.jwks).toBe(2);
  });

  it('turns many concurrent tokens with a made-up kid into one JWKS request', async () => {
    expect(await signedIn()).toBe(true);
    logto.setKid('made-up-kid');
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => signedIn()));
    expect(outcomes).toEqual(Array(8).fill(false));
    expect(logto.requests.jwks).toBe(2);
  });

  it('stops accepting a key that left the JWKS once the keys are next loaded', async () => {
    expect(await signedIn()).toBe(true);
    logto.unpublishSigningKey();
    advanceClock(KEYS_MAX_AGE_MS + 1000);
    expect(await signedIn()).toBe(false);
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
    expect(await signedIn()).toBe(true);
    forgetLogtoDiscovery();
    const auth = appAuthFor(env());
    routes['/api/auth/[...nextauth]'] = NextAuth(auth.authOptions);
    routes['/api/auth/federated-sign-out'] = auth.federatedSignOut;
    logto.goOffline();
    const { browser } = await signInWithLogto(app.origin, logto);
    const offline = await browser.request('/api/auth/federated-sign-out', {
      form: { csrfToken: await csrfToken(browser) },
    });
    expect(offline.location).toBe('/?signedOut=local');
    logto.reset();
    expect(await signOutLandsAt()).toBe(new URL(`${logto.issuer}/session/end`).pathname);
  });

  it('keeps its keys for sign-ins within their maximum age', async () => {
    expect(await signedIn()).toBe(true);
    logto.reset();
    advanceClock(KEYS_MAX_AGE_MS - 1000);
    expect(await signedIn()).toBe(true);
    expect(logto.requests).toMatchObject({ discovery: 0, jwks: 0, token: 1 });
  });

  it('fetches discovery again after its TTL and the keys again after their maximum age', async () => {
    expect(await signedIn()).toBe(true);
    logto.reset();
    advanceClock(DISCOVERY_TTL_MS + 1000);
    expect(await signedIn()).toBe(true);
    expect(logto.requests).toMatchObject({ discovery: 1, jwks: 1, token: 1 });
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
    // The cached document lets next-auth send the browser to Logto without asking Logto first;
    // the person then sees Logto's page not load.
    const stuck = await signInWithLogto(app.origin, logto);
    expect(stuck.landing).toMatch(`${logto.issuer}/auth?`);
    expect(stuck.session).toBeNull();
    logto.goOnline();
    const outcome = await signInWithLogto(app.origin, logto, {
      beforeCallback: () => logto.goOffline(),
    });
    expect(outcome.session).toBeNull();
    const page = new URL(outcome.page ?? 'missing:', app.origin);
    expect(page.pathname).toBe('/auth/error');
    expect(page.searchParams.get('error')).toBe('OAuthCallback');
  });
});

// A sign-out that could not reach Logto retries later; this file's Logto is gone by then.
afterAll(cancelRevocationRetries);
