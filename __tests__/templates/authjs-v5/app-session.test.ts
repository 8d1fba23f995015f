/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 *
 * The App Router readers under Auth.js v5 (`getAppSession`, `requireAppSession`, the refresh
 * route), wired as templates/authjs-v5/auth.ts wires them, on the real next-auth 5 against the
 * mocked Logto. `next/headers` is what Next hands a server component (a cookie store that throws
 * on `set`) or a route handler and a server action (one that keeps what is set); `redirect()`
 * throws as Next's does. The cookies are real: v5's from next-auth 5's `encode`, v4's from
 * next-auth 4's, holding tokens the mocked Logto issued.
 */
import type { Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { decode as v5Decode, encode as v5Encode } from 'next-auth-v5/jwt';
import { setupServer } from 'msw/node';
import { generators } from 'openid-client';
import { inProcessAuthStore } from '@/lib/auth/core/auth-store';
import { LogtoIssuer } from '@/lib/auth/core/logto-issuer';
import { SESSION_MAX_AGE_SECONDS, tokenFromSignIn } from '@/lib/auth/core/session-shape';
import { signedOutSessions } from '@/lib/auth/core/signed-out';
import { forgetRefreshes } from '@/lib/auth/core/tokens';
import { LOGTO_SCOPES, mapLogtoProfile, type LogtoProfile } from '@/lib/auth/provider/logto-oidc';
import { logtoWellKnownUrl } from '@/lib/auth/provider/well-known';
import { createLogtoAuth } from '@/templates/authjs-v5/lib/auth/v5/logto-auth';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import { appRequest, onAppRequest, redirectOf } from '../../support/app-router-request';
import { authEnvFor } from '../../support/mock-logto-env';

// The template imports `next-auth` as the app does after the move: here that is next-auth 5.
jest.mock('next-auth', () => jest.requireActual('next-auth-v5'));
jest.mock('next-auth/jwt', () => jest.requireActual('next-auth-v5/jwt'));
jest.mock('next-auth/providers/logto', () => jest.requireActual('next-auth-v5/providers/logto'), {
  virtual: true,
});
// The cookie of the app before the move, made by next-auth 4 itself.
const { encode: v4Encode } = jest.requireActual<{
  encode(params: { token: JWT; secret: string; maxAge: number }): Promise<string>;
}>('next-auth/jwt');

jest.mock('next/headers', () => jest.requireActual('../../support/app-router-request').nextHeaders);
jest.mock(
  'next/navigation',
  () => jest.requireActual('../../support/app-router-request').nextNavigation,
);

const V5_COOKIE = 'authjs.session-token';
const V4_COOKIE = 'next-auth.session-token';

let logto: MockLogto;
let network: ReturnType<typeof setupServer>;
const env = () => authEnvFor(logto);
const now = () => Math.floor(Date.now() / 1000);

beforeAll(() => {
  logto = createMockLogto();
  network = setupServer(...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
});
beforeEach(() => {
  // next-auth logs a cookie that does not decrypt; the outcome is what counts.
  jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  logto.reset();
  forgetRefreshes();
  jest.restoreAllMocks();
});
afterAll(() => network.close());

/**
 * The session token the app stores at a sign-in at the mocked Logto (PKCE, state, nonce,
 * `offline_access` with `prompt=consent`), made by lib/auth/core as the v5 `jwt` callback makes it.
 */
async function signedInToken(): Promise<JWT> {
  const client = await new LogtoIssuer(logtoWellKnownUrl(logto.issuer)).createClient({
    client_id: logto.clientId,
    client_secret: logto.clientSecret,
    id_token_signed_response_alg: 'ES384',
  });
  const redirectUri = 'http://localhost:3000/api/auth/callback/logto';
  const [verifier, nonce, state] = [generators.codeVerifier(), generators.nonce(), 'st'];
  const callback = logto.approve(
    client.authorizationUrl({
      redirect_uri: redirectUri,
      scope: LOGTO_SCOPES,
      prompt: 'consent',
      code_challenge: generators.codeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
      state,
    }),
  );
  const tokens = await client.callback(redirectUri, client.callbackParams(callback), {
    code_verifier: verifier,
    nonce,
    state,
  });
  const user = mapLogtoProfile(tokens.claims() as LogtoProfile);
  return tokenFromSignIn(user, {
    ...tokens,
    provider: 'logto',
    type: 'oidc',
    providerAccountId: user.id,
  } as Parameters<typeof tokenFromSignIn>[1]);
}

/** A token whose access token reached its refresh time a second ago. */
const due = (token: JWT): JWT => ({ ...token, accessTokenRefreshAt: now() - 1 });

const v5CookieOf = (token: JWT, secret = env().secret) =>
  v5Encode({ token, secret, salt: V5_COOKIE, maxAge: SESSION_MAX_AGE_SECONDS });
const v4CookieOf = (token: JWT) =>
  v4Encode({ token, secret: env().secret, maxAge: SESSION_MAX_AGE_SECONDS });

/** What the request set as v5's session cookie, decrypted with v5's own decode. */
async function storedToken(): Promise<JWT | null> {
  const cookie = appRequest.set.filter(({ name }) => name === V5_COOKIE).pop();
  if (!cookie) return null;
  return (await v5Decode({ token: cookie.value, secret: env().secret, salt: V5_COOKIE })) as JWT;
}

const tokenRequests = () => logto.requests.token;

describe('the App Router readers under Auth.js v5', () => {
  it("give a server component the Session that v5's auth(req, res) gives in pages/", async () => {
    const token = await signedInToken();
    const cookie = await v5CookieOf(token);
    const auth = createLogtoAuth({ env: env() });
    const res = { appendHeader: () => undefined };
    const inPages = (await auth.auth(
      { headers: { cookie: `${V5_COOKIE}=${cookie}` } } as never,
      res as never,
    )) as Session;
    onAppRequest('render', { [V5_COOKIE]: cookie });

    const session = await auth.getAppSession();

    expect(session).toEqual({ ...inPages, expires: expect.any(String) });
    expect(session?.user.phoneNumber).toMatch(/^\+\d+$/);
    expect(Date.parse(session!.expires)).toBeGreaterThan(Date.now());
    expect(appRequest.set).toEqual([]);
  });

  it('never spend the refresh token in a server component, however often it renders', async () => {
    const cookie = await v5CookieOf(due(await signedInToken()));
    const { getAppSession } = createLogtoAuth({ env: env() });
    const before = tokenRequests();

    for (let render = 0; render < 3; render += 1) {
      onAppRequest('render', { [V5_COOKIE]: cookie });
      expect(await getAppSession()).toMatchObject({ error: null });
    }

    expect(tokenRequests()).toBe(before);
  });

  it("refresh a due session in a route handler or a server action, and write v5's cookie with the new tokens", async () => {
    const token = due(await signedInToken());
    onAppRequest('handler', { [V5_COOKIE]: await v5CookieOf(token) });
    const before = tokenRequests();

    const session = await createLogtoAuth({ env: env() }).getAppSession();

    expect(session).toMatchObject({ error: null, user: { phoneNumber: token.phoneNumber } });
    expect(tokenRequests()).toBe(before + 1);
    const stored = await storedToken();
    expect(stored?.accessToken).not.toBe(token.accessToken);
    expect(stored?.accessTokenRefreshAt).toBeGreaterThan(now());
    expect(appRequest.set.pop()).toMatchObject({
      name: V5_COOKIE,
      path: '/',
      httpOnly: true,
      expires: expect.any(Date),
    });
    // Only v5's own cookies: it also sets its CSRF and callback-URL cookies on a read.
    for (const { name } of appRequest.set) expect(name).toMatch(/^authjs\.[a-z-]+$/);
  });

  it('leave a fresh session at Logto alone in a route handler, and write the same tokens back', async () => {
    const token = await signedInToken();
    onAppRequest('handler', { [V5_COOKIE]: await v5CookieOf(token) });
    const before = tokenRequests();

    await createLogtoAuth({ env: env() }).getAppSession();

    expect(tokenRequests()).toBe(before);
    expect((await storedToken())?.accessToken).toBe(token.accessToken);
  });

  it.each([
    ['v5', V5_COOKIE, v5CookieOf],
    ['v4', V4_COOKIE, v4CookieOf],
  ])(
    'send a page whose %s session is due through the refresh route, and back to the page',
    async (_, name, cookieOf) => {
      onAppRequest('render', { [name]: await cookieOf(due(await signedInToken())) });

      const location = await redirectOf(() =>
        createLogtoAuth({ env: env() }).requireAppSession('/books/1'),
      );

      expect(location).toBe('/api/auth/refresh?callbackUrl=%2Fbooks%2F1');
    },
  );

  it('let a page whose session is fresh render with it', async () => {
    const token = await signedInToken();
    onAppRequest('render', { [V5_COOKIE]: await v5CookieOf(token) });

    const session = await createLogtoAuth({ env: env() }).requireAppSession('/shelf');

    expect(session.user.phoneNumber).toBe(token.phoneNumber);
  });

  it('refresh in the refresh route, write the cookie, and send the person back on this site', async () => {
    const token = due(await signedInToken());
    onAppRequest('handler', { [V5_COOKIE]: await v5CookieOf(token) });
    const { refreshSessionRoute } = createLogtoAuth({ env: env() });

    const response = await refreshSessionRoute(
      new Request('http://localhost:3000/api/auth/refresh?callbackUrl=%2Fshelf%3Fread%3D1'),
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/shelf?read=1');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect((await storedToken())?.accessToken).not.toBe(token.accessToken);
  });

  it('send a signed-out visitor to sign in, and back to the page afterwards', async () => {
    onAppRequest('render', {});

    const location = await redirectOf(() =>
      createLogtoAuth({ env: env() }).requireAppSession('/shelf'),
    );

    expect(location).toBe('/signin?callbackUrl=%2Fshelf');
  });

  it('answer a route handler without a session cookie with no session, and set no cookie', async () => {
    onAppRequest('handler', { 'other-cookie': 'kept' });

    expect(await createLogtoAuth({ env: env() }).getAppSession()).toBeNull();
    expect(appRequest.set).toEqual([]);
  });

  it('treat a cookie made with another secret as no session, in a page and in a route handler', async () => {
    const cookie = await v5CookieOf(due(await signedInToken()), 'x'.repeat(40));
    const auth = createLogtoAuth({ env: env() });

    onAppRequest('render', { [V5_COOKIE]: cookie });
    expect(await redirectOf(() => auth.requireAppSession('/shelf'))).toBe(
      '/signin?callbackUrl=%2Fshelf',
    );
    onAppRequest('handler', { [V5_COOKIE]: cookie });
    expect(await auth.getAppSession()).toBeNull();
    expect(appRequest.set.pop()).toMatchObject({ name: V5_COOKIE, value: '', maxAge: 0 });
  });

  it('refuse a copy of a session that signed out, even in a server component', async () => {
    const store = inProcessAuthStore();
    const token = await signedInToken();
    await signedOutSessions(store, SESSION_MAX_AGE_SECONDS).record(token);
    onAppRequest('render', { [V5_COOKIE]: await v5CookieOf(token) });

    expect(await createLogtoAuth({ env: env(), store }).getAppSession()).toBeNull();
  });

  it('read a cookie of next-auth v4 in a server component, and leave it for a request that can write', async () => {
    const token = await signedInToken();
    onAppRequest('render', { [V4_COOKIE]: await v4CookieOf(token) });

    const session = await createLogtoAuth({ env: env() }).getAppSession();

    expect(session?.user.phoneNumber).toBe(token.phoneNumber);
    expect(appRequest.set).toEqual([]);
  });

  it("move a due v4 session to v5 in a route handler: refreshed with v4's refresh token, v5's cookie written, v4's cleared", async () => {
    const token = due(await signedInToken());
    onAppRequest('handler', { [V4_COOKIE]: await v4CookieOf(token) });

    const session = await createLogtoAuth({ env: env() }).getAppSession();

    expect(session).toMatchObject({ error: null, user: { phoneNumber: token.phoneNumber } });
    const stored = await storedToken();
    expect(stored?.refreshToken).not.toBe(token.refreshToken);
    expect(stored?.accessToken).not.toBe(token.accessToken);
    expect(appRequest.set.filter(({ name }) => name === V4_COOKIE).pop()).toMatchObject({
      value: '',
      maxAge: 0,
      path: '/',
    });
  });

  it('read and write the __Secure- cookies of an app served on https', async () => {
    const secureEnv = { ...env(), appUrl: 'https://books.example' };
    const token = due(await signedInToken());
    const cookie = await v5Encode({
      token,
      secret: secureEnv.secret,
      salt: `__Secure-${V5_COOKIE}`,
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
    onAppRequest('handler', { [`__Secure-${V5_COOKIE}`]: cookie });

    const session = await createLogtoAuth({ env: secureEnv }).getAppSession();

    expect(session).toMatchObject({ error: null });
    expect(appRequest.set.pop()).toMatchObject({ name: `__Secure-${V5_COOKIE}`, secure: true });
  });
});
