/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The driver against a NextAuth v4 handler configured in the shape of Logto's next-auth guide.
import NextAuth from 'next-auth';
import { setupServer } from 'msw/node';
import { createMockLogto, phoneUsers, type IdTokenClaims } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  fetchSession,
  signIn,
  signOut,
  startNextApiServer,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';

const logto = createMockLogto();
const network = setupServer(...logto.handlers, allowLocalServers);
const nextAuth = NextAuth({
  secret: 'driver-test-secret-driver-test-secret',
  providers: [
    {
      id: 'logto',
      name: 'Logto',
      type: 'oauth',
      wellKnown: `${logto.issuer}/.well-known/openid-configuration`,
      clientId: logto.clientId,
      clientSecret: logto.clientSecret,
      authorization: {
        params: { scope: 'openid offline_access profile phone', prompt: 'consent' },
      },
      checks: ['pkce', 'state', 'nonce'],
      idToken: true,
      client: { id_token_signed_response_alg: 'ES384' },
      profile: (claims: IdTokenClaims) => ({ id: claims.sub, name: `+${claims.phone_number}` }),
    },
    {
      // The same tenant with its endpoints written out: no discovery before the browser leaves.
      id: 'logto-endpoints',
      name: 'Logto',
      type: 'oauth',
      issuer: logto.issuer,
      authorization: { url: `${logto.issuer}/auth`, params: { scope: 'openid' } },
      token: `${logto.issuer}/token`,
      jwks_endpoint: `${logto.issuer}/jwks`,
      clientId: logto.clientId,
      clientSecret: logto.clientSecret,
      checks: ['pkce', 'state'],
      idToken: true,
      client: { id_token_signed_response_alg: 'ES384' },
      profile: (claims: IdTokenClaims) => ({ id: claims.sub }),
    },
  ],
});
let app: NextApiServer;

beforeAll(async () => {
  network.listen({ onUnhandledFrame: 'error' });
  app = await startNextApiServer({ '/api/auth/[...nextauth]': nextAuth });
});
beforeEach(() => {
  // next-auth logs the failures these tests cause on purpose; what the person sees is checked.
  jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  logto.reset();
  jest.restoreAllMocks();
});
afterAll(async () => {
  await app.close();
  network.close();
});

it('signs a person in through the route and reports who Logto signed in', async () => {
  const outcome = await signIn(app, logto, { user: phoneUsers.uk, callbackUrl: '/books' });

  expect(outcome.authorizeUrl?.searchParams.get('prompt')).toBe('consent');
  expect(outcome.user).toMatchObject({ phone_number: '447700900123' });
  expect(outcome.landing).toBe('/books');
  expect(outcome.error).toBeNull();
  expect(outcome.session?.user?.name).toBe('+447700900123');
});

it('ends at next-auth’s error with its code when Logto cannot be reached', async () => {
  logto.goOffline();
  const outcome = await signIn(app, logto);
  expect(outcome.authorizeUrl).toBeNull();
  expect(outcome.error).toBe('OAuthSignin');
  expect(outcome.session).toBeNull();
});

it('stops at Logto, whose page does not load, when Logto is down and the route needs no discovery', async () => {
  logto.goOffline();
  const outcome = await signIn(app, logto, { provider: 'logto-endpoints' });
  expect(outcome.landing).toMatch(`${logto.issuer}/auth?`);
  expect(outcome.authorizeUrl?.searchParams.get('client_id')).toBe(logto.clientId);
  expect(outcome).toMatchObject({ error: null, session: null, user: null });
  expect(() => logto.approve(outcome.landing!)).toThrow(
    'mock-logto: the tenant is offline (goOffline()): its sign-in page does not load',
  );
});

it('ends at next-auth’s error with its code when the ID token is refused', async () => {
  logto.signNextIdTokenWith({ alg: 'RS256' });
  const outcome = await signIn(app, logto);
  expect(outcome.error).toBe('OAuthCallback');
  expect(outcome.session).toBeNull();
});

it('signs out through next-auth’s own route, clearing the session', async () => {
  const { browser } = await signIn(app, logto);
  const { landing } = await signOut(browser, { callbackUrl: '/bye' });
  expect(landing).toBe('/bye');
  expect(await fetchSession(browser)).toBeNull();
});
