/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The provider next-auth is handed once the discovery document is cached: built inside each test
// (not in a beforeAll), so that what it hands next-auth is what the test exercises.
import NextAuth from 'next-auth';
import { setupServer } from 'msw/node';
import { forgetLogtoDiscovery, logtoDiscovery, wellKnownUrl } from '@/lib/auth/discovery';
import type { AuthEnv } from '@/lib/auth/env';
import { buildAuthOptions } from '@/lib/auth/options';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  startNextApiServer,
  type ApiRoutes,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { signInWithLogto } from '../support/logto-sign-in';

let logto: MockLogto;
let app: NextApiServer;
const routes: ApiRoutes = {};
const network = setupServer();

beforeAll(async () => {
  logto = createMockLogto();
  network.use(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startNextApiServer(routes);
});
beforeEach(() => {
  forgetLogtoDiscovery();
  jest.spyOn(console, 'warn').mockImplementation(() => {});
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

it('exchanges the code on the cached Issuer once the document is cached: the token request is the only call to Logto', async () => {
  const env: AuthEnv = {
    issuer: logto.issuer,
    clientId: logto.clientId,
    clientSecret: logto.clientSecret,
    appUrl: app.origin,
    secret: 'integration-test-secret-integration-test-secret',
  };
  routes['/api/auth/[...nextauth]'] = NextAuth(buildAuthOptions(env));
  const discovery = logtoDiscovery(wellKnownUrl(logto.issuer));
  await expect(discovery.warm()).resolves.toBe(true);
  logto.reset();

  const outcome = await signInWithLogto(app.origin, logto);
  expect(outcome.session).not.toBeNull();
  // No discovery by next-auth; the cached Issuer loads its keys for the first ID token it checks.
  expect(logto.requests).toMatchObject({ discovery: 0, jwks: 1, token: 1, userinfo: 0 });
});
