/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The core's openid-client Issuer for Logto, without the speed layer: the client refresh,
// revocation and sign-out use, how long it keeps Logto's keys, and what happens when discovery
// fails. The mocked Logto answers over MSW; the Issuer's clock is a number each test moves.
import { setupServer } from 'msw/node';
import { custom } from 'openid-client';
import { createLogtoAuth } from '@/lib/auth/core/logto-auth';
import { KEYS_MAX_AGE_MS, LogtoIssuer } from '@/lib/auth/core/logto-issuer';
import { LOGTO_HTTP_TIMEOUT_MS } from '@/lib/auth/provider/logto';
import { logtoWellKnownUrl } from '@/lib/auth/provider/well-known';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import { authEnvFor } from '../../support/auth-env';

let logto: MockLogto;
let now: number;
const network = setupServer();

const issuer = () => new LogtoIssuer(logtoWellKnownUrl(logto.issuer), { now: () => now });

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

describe('the client for refresh, revocation and sign-out', () => {
  it("authenticates as the app and checks ID tokens with the provider's algorithm", async () => {
    const auth = createLogtoAuth({ env: { ...authEnvFor(logto), idTokenAlg: 'RS256' } });
    const client = await auth.logtoClient();
    expect(client.metadata).toMatchObject({
      client_id: logto.clientId,
      client_secret: logto.clientSecret,
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(client.metadata.redirect_uris).toBeUndefined();
    expect(client.issuer.metadata.revocation_endpoint).toBe(`${logto.issuer}/token/revocation`);
  });

  it('gives Logto our timeout on every request', async () => {
    const client = await issuer().createClient({ client_id: 'id' });
    const hook = client[custom.http_options]!;
    const options = hook(new URL(`${logto.issuer}/token`), { headers: { accept: 'x' } });
    expect(options).toEqual({ headers: { accept: 'x' }, timeout: LOGTO_HTTP_TIMEOUT_MS });
  });
});

describe("Logto's keys", () => {
  it('are trusted for ten minutes, then a new Issuer discovers and loads them again', async () => {
    const logtoIssuer = issuer();
    const first = (await logtoIssuer.createClient({ client_id: 'id' })).issuer;
    now += KEYS_MAX_AGE_MS - 1;
    expect((await logtoIssuer.createClient({ client_id: 'id' })).issuer).toBe(first);
    now += 1;
    expect((await logtoIssuer.createClient({ client_id: 'id' })).issuer).not.toBe(first);
    expect(logto.requests.discovery).toBe(2);
    expect(KEYS_MAX_AGE_MS).toBe(10 * 60 * 1000);
  });
});

describe('discovery', () => {
  it('is shared by callers that ask at the same time', async () => {
    const logtoIssuer = issuer();
    const clients = await Promise.all([
      logtoIssuer.createClient({ client_id: 'a' }),
      logtoIssuer.createClient({ client_id: 'b' }),
    ]);
    expect(clients[0].issuer).toBe(clients[1].issuer);
    expect(logto.requests.discovery).toBe(1);
  });

  it('that failed is tried again by the next caller', async () => {
    const logtoIssuer = issuer();
    logto.goOffline();
    await expect(logtoIssuer.createClient({ client_id: 'id' })).rejects.toThrow();
    logto.reset();
    const client = await logtoIssuer.createClient({ client_id: 'id' });
    expect(client.issuer.metadata.issuer).toBe(logto.issuer);
    expect(logto.requests.discovery).toBe(1);
  });

  it('that fails once the keys are old leaves the previous Issuer serving', async () => {
    const logtoIssuer = issuer();
    const first = (await logtoIssuer.createClient({ client_id: 'id' })).issuer;
    logto.goOffline();
    now += KEYS_MAX_AGE_MS;
    expect((await logtoIssuer.createClient({ client_id: 'id' })).issuer).toBe(first);
    logto.reset();
    expect((await logtoIssuer.createClient({ client_id: 'id' })).issuer).not.toBe(first);
  });
});
