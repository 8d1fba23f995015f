/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 *
 * The configuration next-auth runs on, observed through next-auth's own endpoints. Each test
 * builds the options inside the test (not in a hook), so mutation testing sees which test
 * exercised which line (TESTING.md).
 */
import NextAuth from 'next-auth';
import { encode } from 'next-auth/jwt';
import type { AuthEnv } from '@/lib/auth/env';
import { buildAuthOptions } from '@/lib/auth/options';
import { Browser, startNextApiServer, type NextApiServer } from '@bookstore/mock-logto/next-auth';

const SECRET = 'auth-options-test-secret-auth-options-test-secret';
const DAY_SECONDS = 24 * 60 * 60;

const routes: Record<string, ReturnType<typeof NextAuth>> = {};
let app: NextApiServer;

beforeAll(async () => {
  app = await startNextApiServer(routes);
});
afterAll(() => app.close());

/** Serves next-auth with the app's options; the issuer is never reached by these endpoints. */
function serveAuth(): Browser {
  const env: AuthEnv = {
    // A closed port: any request to Logto would fail the test.
    issuer: 'http://127.0.0.1:9/oidc',
    clientId: 'client-id',
    clientSecret: 'client-secret',
    appUrl: app.origin,
    secret: SECRET,
  };
  routes['/api/auth/[...nextauth]'] = NextAuth(buildAuthOptions(env));
  return new Browser(app.origin);
}

it("sends a person who must sign in to the app's own sign-in page, with where they were going", async () => {
  const browser = serveAuth();
  const response = await browser.request('/api/auth/signin?callbackUrl=%2Fbooks');
  expect(response.status).toBe(302);
  const location = new URL(response.location!, app.origin);
  expect(location.pathname).toBe('/signin');
  expect(new URL(location.searchParams.get('callbackUrl')!, app.origin).pathname).toBe('/books');
});

it("shows sign-in errors on the app's own error page", async () => {
  const browser = serveAuth();
  const response = await browser.request('/api/auth/error?error=AccessDenied');
  expect(response.status).toBe(302);
  const location = new URL(response.location!, app.origin);
  expect(location.pathname).toBe('/auth/error');
  expect(location.searchParams.get('error')).toBe('AccessDenied');
});

it('offers Logto, and only Logto, as the way to sign in', async () => {
  const browser = serveAuth();
  const response = await browser.request('/api/auth/providers');
  const providers = JSON.parse(response.text) as Record<string, { id: string; type: string }>;
  expect(Object.keys(providers)).toEqual(['logto']);
  expect(providers.logto).toMatchObject({ id: 'logto', type: 'oauth' });
});

it('keeps a session for 14 days and shows the person their phone number, but never a token', async () => {
  const browser = serveAuth();
  const now = Math.floor(Date.now() / 1000);
  const token = {
    sub: 'user-14d',
    name: 'Hanako',
    phoneNumber: '+819012345678',
    phoneNumberVerified: true,
    accessToken: 'access-token-value',
    accessTokenExpiresAt: now + 3600,
    accessTokenRefreshAt: now + 3000,
    refreshToken: 'refresh-token-value',
    idToken: 'id-token-value',
  };
  browser.cookies.set('next-auth.session-token', {
    name: 'next-auth.session-token',
    value: await encode({ token, secret: SECRET }),
    attributes: {},
  });

  const response = await browser.request('/api/auth/session');
  const session = JSON.parse(response.text) as { expires: string; user: Record<string, unknown> };

  expect(session.user).toMatchObject({
    id: 'user-14d',
    phoneNumber: '+819012345678',
    phoneNumberVerified: true,
  });
  expect(response.text).not.toMatch(/access-token-value|refresh-token-value|id-token-value/);
  const lifetimeSeconds = Date.parse(session.expires) / 1000 - now;
  expect(lifetimeSeconds).toBeGreaterThan(14 * DAY_SECONDS - 60);
  expect(lifetimeSeconds).toBeLessThanOrEqual(14 * DAY_SECONDS + 60);
});
