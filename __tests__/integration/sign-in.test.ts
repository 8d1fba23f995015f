/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import NextAuth from 'next-auth';
import { setupServer } from 'msw/node';
import { forgetLogtoDiscovery } from '@/lib/auth/discovery';
import { buildAuthOptions } from '@/lib/auth/options';
import { createMockLogto, createSigningKey, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  startNextApiServer,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { signInWithLogto, type SignInOutcome } from '../support/logto-sign-in';

let logto: MockLogto;
let app: NextApiServer;
const network = setupServer();

beforeAll(async () => {
  logto = createMockLogto();
  network.use(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  const options = buildAuthOptions({
    issuer: logto.issuer,
    clientId: logto.clientId,
    clientSecret: logto.clientSecret,
    appUrl: 'http://127.0.0.1',
    secret: 'integration-test-secret-integration-test-secret',
  });
  app = await startNextApiServer({ '/api/auth/[...nextauth]': NextAuth(options) });
});
beforeEach(() => {
  // next-auth logs every rejected sign-in; the outcome is what these tests check.
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

function expectRejected(outcome: SignInOutcome, code: string) {
  expect(outcome.session).toBeNull();
  const page = new URL(outcome.page ?? 'missing:', 'http://app.invalid');
  expect(page.pathname).toBe('/auth/error');
  expect(page.searchParams.get('error')).toBe(code);
  expect(outcome.browser.cookies.has('next-auth.session-token')).toBe(false);
}

describe('the authorize request', () => {
  it('asks Logto for a code with PKCE S256, state, nonce, the refresh-token scope and prompt=consent', async () => {
    const { authorizeUrl } = await signInWithLogto(app.origin, logto);
    const params = authorizeUrl!.searchParams;
    expect(`${authorizeUrl!.origin}${authorizeUrl!.pathname}`).toBe(`${logto.issuer}/auth`);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(logto.clientId);
    expect(params.get('redirect_uri')).toBe(`${app.origin}/api/auth/callback/logto`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(params.get('scope')).toBe('openid offline_access profile email phone');
    expect(params.get('prompt')).toBe('consent');
  });

  it('passes the phone-first sign-in parameters on to Logto', async () => {
    const { authorizeUrl } = await signInWithLogto(app.origin, logto, {
      authorizationParams: {
        login_hint: '+819012345678',
        first_screen: 'identifier:sign_in',
        identifier: 'phone',
        ui_locales: 'ja',
      },
    });
    const params = authorizeUrl!.searchParams;
    expect(params.get('login_hint')).toBe('+819012345678');
    expect(params.get('first_screen')).toBe('identifier:sign_in');
    expect(params.get('identifier')).toBe('phone');
    expect(params.get('ui_locales')).toBe('ja');
  });
});

describe('a successful sign-in', () => {
  it('lands on the callbackUrl with a session holding the mapped user', async () => {
    const outcome = await signInWithLogto(app.origin, logto, {
      callbackUrl: '/ja/books',
      user: { sub: 'a1b2c3d4e5f6', name: null, username: null, phone_number: '819012345678' },
    });
    expect(outcome.landing).toBe('/ja/books');
    expect(outcome.session?.user).toEqual({
      id: 'a1b2c3d4e5f6',
      name: '+81 90 1234 5678',
      email: null,
      image: null,
      phoneNumber: '+819012345678',
      phoneNumberVerified: true,
    });
    expect(outcome.session?.error).toBeNull();
  });

  it('never exposes a token through /api/auth/session', async () => {
    const outcome = await signInWithLogto(app.origin, logto);
    const raw = (await outcome.browser.request('/api/auth/session')).text;
    expect(outcome.session).not.toBeNull();
    expect(raw).not.toMatch(/token/i);
    expect(raw).not.toMatch(/eyJ/);
  });

  it('sets one HttpOnly, SameSite=Lax session cookie that needs no chunks', async () => {
    const { callbackResponse } = await signInWithLogto(app.origin, logto, {
      user: {
        name: 'Hanako Yamada',
        username: 'hanako',
        email: 'hanako@example.com',
        picture: 'https://example.com/hanako.png',
      },
    });
    const sessionCookies = callbackResponse!.setCookies.filter((cookie) =>
      cookie.name.startsWith('next-auth.session-token'),
    );
    expect(sessionCookies.map((cookie) => cookie.name)).toEqual(['next-auth.session-token']);
    expect(sessionCookies[0]!.attributes).toHaveProperty('httponly');
    expect(sessionCookies[0]!.attributes.samesite).toBe('Lax');
  });

  it('exchanges the code at the token endpoint once and never calls userinfo', async () => {
    await signInWithLogto(app.origin, logto);
    expect(logto.requests.token).toBe(1);
    expect(logto.requests.userinfo).toBe(0);
  });
});

describe('an ID token Logto would never send is refused', () => {
  it('rejects a token signed by a key that is not in the JWKS', async () => {
    logto.useSigningKey(await createSigningKey());
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects an unsigned token (alg none)', async () => {
    logto.signNextIdTokenWith({ alg: 'none' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects a token signed with HS256 using the client secret', async () => {
    logto.signNextIdTokenWith({ alg: 'HS256' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects an ID token signed with RS256 even when the key is in the JWKS', async () => {
    logto.signNextIdTokenWith({ alg: 'RS256' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects a token whose kid names no published key', async () => {
    logto.setKid('not-a-published-key');
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects a token from another issuer', async () => {
    logto.setClaims({ iss: 'https://attacker.logto.app/oidc' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects a token issued to another client', async () => {
    logto.setClaims({ aud: 'someone-else' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    logto.setClaims({ iat: now - 7200, exp: now - 3600 });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects a token carrying another nonce', async () => {
    logto.setClaims({ nonce: 'a-nonce-from-another-sign-in' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects a token that lacks the nonce this sign-in sent', async () => {
    logto.setClaims({ nonce: undefined });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('rejects a token without a subject', async () => {
    logto.setClaims({ sub: undefined });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });
});

describe('a callback that was not meant for this browser is refused', () => {
  it('rejects a callback whose state does not match the one this browser sent', async () => {
    const outcome = await signInWithLogto(app.origin, logto, {
      editCallback: (callback) => callback.searchParams.set('state', 'forged-state'),
    });
    expectRejected(outcome, 'OAuthCallback');
    expect(logto.requests.token).toBe(0);
  });

  it('rejects a callback without the iss parameter Logto always sends', async () => {
    const outcome = await signInWithLogto(app.origin, logto, { includeIss: false });
    expectRejected(outcome, 'OAuthCallback');
    expect(logto.requests.token).toBe(0);
  });

  it('rejects a callback whose iss names another issuer', async () => {
    const outcome = await signInWithLogto(app.origin, logto, {
      editCallback: (callback) =>
        callback.searchParams.set('iss', 'https://attacker.logto.app/oidc'),
    });
    expectRejected(outcome, 'OAuthCallback');
  });
});

describe('when Logto fails', () => {
  it('sends the person to the error page when the token endpoint answers with an error', async () => {
    logto.failTokenEndpoint(400, { error: 'invalid_grant', error_description: 'code expired' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('sends the person to the error page when the token endpoint fails with a 500', async () => {
    logto.failTokenEndpoint(500, { error: 'server_error' });
    expectRejected(await signInWithLogto(app.origin, logto), 'OAuthCallback');
  });

  it('sends the person to the error page when Logto is unreachable at sign-in', async () => {
    // As in a fresh process: once discovery is cached, an outage shows at the callback instead.
    forgetLogtoDiscovery();
    logto.goOffline();
    const outcome = await signInWithLogto(app.origin, logto);
    expect(outcome.authorizeUrl).toBeNull();
    expectRejected(outcome, 'OAuthSignin');
  });

  it('sends the person to the error page when Logto becomes unreachable before the callback', async () => {
    const outcome = await signInWithLogto(app.origin, logto, {
      beforeCallback: () => logto.goOffline(),
    });
    expect(outcome.authorizeUrl).not.toBeNull();
    expectRejected(outcome, 'OAuthCallback');
  });
});

describe('the callbackUrl', () => {
  it.each(['https://evil.example/', '//evil.example', 'javascript:alert(1)'])(
    'never sends the browser off-site for %s',
    async (callbackUrl) => {
      const outcome = await signInWithLogto(app.origin, logto, { callbackUrl });
      expect(outcome.session).not.toBeNull();
      expect(new URL(outcome.landing!, app.origin).origin).toBe(app.origin);
      expect(outcome.landing).not.toMatch(/evil|javascript/);
    },
  );

  it('keeps the callbackUrl on the error page so "Try again" can return there', async () => {
    logto.setClaims({ aud: 'someone-else' });
    const outcome = await signInWithLogto(app.origin, logto, { callbackUrl: '/books/kokoro' });
    const page = new URL(outcome.page!, app.origin);
    expect(page.searchParams.get('callbackUrl')).toBe(`${app.origin}/books/kokoro`);
  });
});
