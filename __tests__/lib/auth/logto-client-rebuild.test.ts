/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The openid-client Client the app builds for refresh, revocation and sign-out: what it is set up
// with, and that it follows the discovery cache to a new Issuer once the keys reach their maximum
// age. The mocked Logto answers over MSW; only Date is moved.
import { setupServer } from 'msw/node';
import { withCachedDiscovery } from '@/lib/auth/cached-discovery';
import { forgetLogtoDiscovery, KEYS_MAX_AGE_MS } from '@/lib/auth/discovery';
import type { AuthEnv } from '@/lib/auth/env';
import Logto from '@/lib/auth/logto';
import { getLogtoClient } from '@/lib/auth/logto-client';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import { authEnvFor } from '../../support/auth-env';

let logto: MockLogto;
let env: AuthEnv;
const network = setupServer();

beforeAll(async () => {
  logto = createMockLogto();
  network.use(...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  env = authEnvFor(logto);
});
beforeEach(() => {
  forgetLogtoDiscovery();
  logto.reset();
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'] });
});
afterEach(() => jest.useRealTimers());
afterAll(() => network.close());

describe('the client for refresh, revocation and sign-out', () => {
  it("authenticates as the app and checks ID tokens with the provider's algorithm", async () => {
    const client = await getLogtoClient(env);
    expect(client.metadata).toMatchObject({
      client_id: logto.clientId,
      client_secret: logto.clientSecret,
      id_token_signed_response_alg: 'ES384',
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(client.issuer.metadata.revocation_endpoint).toBe(`${logto.issuer}/token/revocation`);
  });

  it('is kept while the keys are young and rebuilt on the new Issuer after KEYS_MAX_AGE_MS', async () => {
    const client = await getLogtoClient(env);
    jest.setSystemTime(Date.now() + KEYS_MAX_AGE_MS - 1);
    expect(await getLogtoClient(env)).toBe(client);
    jest.setSystemTime(Date.now() + 1);
    const rebuilt = await getLogtoClient(env);
    expect(rebuilt).not.toBe(client);
    expect(rebuilt.issuer).not.toBe(client.issuer);
    // Same document, no new discovery: only the Issuer (and the keys it will load) is new.
    expect(logto.requests.discovery).toBe(1);
  });
});

describe('the cached-discovery layer', () => {
  it('refuses a provider that has no wellKnown URL, saying what it needs', () => {
    const provider = Logto({ issuer: logto.issuer, clientId: 'id', clientSecret: 'secret' });
    expect(() => withCachedDiscovery({ ...provider, wellKnown: undefined })).toThrow(
      'withCachedDiscovery needs a provider with a wellKnown URL.',
    );
  });
});
