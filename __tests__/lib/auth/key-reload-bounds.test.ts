/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// When the client for refresh and sign-in reloads Logto's keys, and when it refuses without
// asking: ID tokens signed here, on a refresh through a client of the core's Issuer, against
// a JWKS each test publishes. The cache's clock is a number each test moves.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { BaseClient, Issuer } from 'openid-client';
import { LogtoIssuer } from '@/lib/auth/core/logto-issuer';
import {
  KEY_RELOAD_INTERVAL_MS,
  KeyReloadGate,
  MISSING_KID_MEMORY_MS,
} from '@/lib/auth/core/key-reload';

const ISSUER = 'https://keys.logto.test/oidc';
const CLIENT = { client_id: 'bookstore', client_secret: 'secret' };

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES384');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES384' } };
}

let now: number;
let published: SigningKey[];
let jwksRequests: number;
/** What the next ID token is signed with, the kid its header names and when it expires. */
let next: { key: SigningKey; kid: string; exp: number };
const network = setupServer(
  http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
    HttpResponse.json({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/auth`,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: `${ISSUER}/jwks`,
    }),
  ),
  http.get(`${ISSUER}/jwks`, () => {
    jwksRequests += 1;
    return HttpResponse.json({ keys: published.map(({ jwk }) => jwk) });
  }),
  http.post(`${ISSUER}/token`, async () => {
    const seconds = Math.floor(now / 1000);
    const idToken = await new SignJWT({ sub: 'a1b2c3d4e5f6' })
      .setProtectedHeader({ alg: 'ES384', kid: next.kid })
      .setIssuer(ISSUER)
      .setAudience(CLIENT.client_id)
      .setIssuedAt(seconds)
      .setExpirationTime(next.exp || seconds + 3600)
      .sign(next.key.privateKey);
    return HttpResponse.json({ access_token: 'access', token_type: 'Bearer', id_token: idToken });
  }),
);

let first: SigningKey;
let client: BaseClient;

beforeAll(() => network.listen({ onUnhandledFrame: 'error' }));
beforeEach(async () => {
  now = 1_900_000_000_000;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  first = await signingKey('first');
  published = [first];
  next = { key: first, kid: first.kid, exp: 0 };
  jwksRequests = 0;
  const issuer = new LogtoIssuer(`${ISSUER}/.well-known/openid-configuration`, {
    now: () => now,
  });
  client = await issuer.createClient({ ...CLIENT, id_token_signed_response_alg: 'ES384' });
  // Signed in: the keys are loaded.
  await client.refresh('refresh-token');
  jwksRequests = 0;
});
afterEach(() => jest.restoreAllMocks());
afterAll(() => network.close());

/** Whether a refresh's ID token, signed as `next` says, is accepted. */
async function accepted(): Promise<boolean> {
  try {
    await client.refresh('refresh-token');
    return true;
  } catch {
    return false;
  }
}

describe('an ID token', () => {
  it('from a key Logto published after the keys were loaded is accepted after one reload', async () => {
    const rotated = await signingKey('rotated');
    published = [rotated, first];
    next = { key: rotated, kid: rotated.kid, exp: 0 };
    expect(await accepted()).toBe(true);
    expect(jwksRequests).toBe(1);
  });

  it('with a bad signature from a known kid is refused without reloading the keys', async () => {
    const forger = await signingKey('forger');
    next = { key: forger, kid: first.kid, exp: 0 };
    expect(await accepted()).toBe(false);
    expect(jwksRequests).toBe(0);
  });

  it('naming an unknown kid does not stop the next unknown kid from getting its own reload', async () => {
    next = { key: first, kid: 'ghost-1', exp: 0 };
    expect(await accepted()).toBe(false);
    now += KEY_RELOAD_INTERVAL_MS;
    next = { key: first, kid: 'ghost-2', exp: 0 };
    expect(await accepted()).toBe(false);
    expect(jwksRequests).toBe(2);
    // The first one is still remembered as missing: no request for it.
    next = { key: first, kid: 'ghost-1', exp: 0 };
    expect(await accepted()).toBe(false);
    expect(jwksRequests).toBe(2);
  });

  it('from a new key that fails another check does not mark that key as missing', async () => {
    const rotated = await signingKey('rotated');
    published = [rotated, first];
    const forger = await signingKey('forger');
    next = { key: forger, kid: rotated.kid, exp: 0 };
    expect(await accepted()).toBe(false); // its key was found, the signature is wrong
    // Logto drops the key again, and a reload for another kid forgets it here too.
    published = [first];
    now += KEY_RELOAD_INTERVAL_MS;
    next = { key: first, kid: 'ghost', exp: 0 };
    expect(await accepted()).toBe(false);
    // Logto publishes it once more: a valid token from it is looked up again, not refused.
    published = [rotated, first];
    now += KEY_RELOAD_INTERVAL_MS;
    next = { key: rotated, kid: rotated.kid, exp: 0 };
    expect(await accepted()).toBe(true);
    expect(jwksRequests).toBe(3);
  });
});

/** An Issuer whose JWKS reloads are only counted. */
function countingIssuer() {
  const issuer = {
    reloads: 0,
    async reloadJwksUri() {
      issuer.reloads += 1;
    },
  };
  return issuer;
}

describe('the reload gate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reloads at once, without waiting on a timer, when exactly one interval has passed', async () => {
    const issuer = countingIssuer();
    const gate = new KeyReloadGate(issuer as unknown as Issuer<BaseClient>, () => now);
    await gate.reloadFor('first');
    now += KEY_RELOAD_INTERVAL_MS;
    let done = false;
    void gate.reloadFor('second').then(() => (done = true));
    // Only promise jobs run here; a timer, even of 0 ms, would not fire.
    for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
    expect(done).toBe(true);
    expect(issuer.reloads).toBe(2);
  });

  it('still refuses a recent missing kid after remembering another one', async () => {
    const issuer = countingIssuer();
    const gate = new KeyReloadGate(issuer as unknown as Issuer<BaseClient>, () => now);
    gate.rememberMissing('ghost-1');
    now += 1;
    gate.rememberMissing('ghost-2');
    now += MISSING_KID_MEMORY_MS - 2;
    await expect(gate.reloadFor('ghost-1')).resolves.toBe(false);
    await expect(gate.reloadFor('ghost-2')).resolves.toBe(false);
    expect(issuer.reloads).toBe(0);
  });

  it('refuses a token naming no kid once a reload found no key for it', async () => {
    const issuer = countingIssuer();
    const gate = new KeyReloadGate(issuer as unknown as Issuer<BaseClient>, () => now);
    await expect(gate.reloadFor(undefined)).resolves.toBe(true);
    gate.rememberMissing(undefined);
    await expect(gate.reloadFor(undefined)).resolves.toBe(false);
    now += KEY_RELOAD_INTERVAL_MS;
    await expect(gate.reloadFor('named')).resolves.toBe(true);
  });
});
