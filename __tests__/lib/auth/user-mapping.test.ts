/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// Who the session says is signed in: from Logto's claims to the cookie to what the browser sees.
import type { Account, Session, User } from 'next-auth';
import type { AuthEnv } from '@/lib/auth/core/env';
import Logto, {
  LOGTO_HTTP_TIMEOUT_MS,
  mapLogtoProfile,
  type LogtoProfile,
} from '@/lib/auth/provider/logto';
import type { JWT } from 'next-auth/jwt';
import { appAuthFor, sessionCallback } from '../../support/auth-env';

const { authOptions: appOptions } = appAuthFor({
  issuer: 'https://abcd12.logto.app/oidc',
  clientId: 'app-id',
  clientSecret: 'app-secret',
  appUrl: 'https://bookstore.example.com',
  secret: 's'.repeat(40),
});
/** The `jwt` callback on sign-in, as next-auth calls it with the user and the account. */
const tokenFromSignIn = (user: User, account: Account) =>
  appOptions.callbacks!.jwt!({ token: {}, user, account } as Parameters<
    NonNullable<NonNullable<typeof appOptions.callbacks>['jwt']>
  >[0]);
const sessionFromToken = (session: Session, token: JWT) =>
  sessionCallback(appOptions, session, token);

const claims = (overrides: Partial<LogtoProfile> = {}): LogtoProfile => ({
  sub: 'a1b2c3d4e5f6',
  name: null,
  username: null,
  picture: null,
  email: null,
  email_verified: false,
  phone_number: '819012345678',
  phone_number_verified: true,
  created_at: 1700000000000,
  updated_at: 1700000000000,
  ...overrides,
});

describe("Logto's claims", () => {
  it('show an unverified phone number as unverified', () => {
    expect(mapLogtoProfile(claims({ phone_number_verified: false })).phoneNumberVerified).toBe(
      false,
    );
  });

  it('count a phone number as verified only when Logto says true, not "true"', () => {
    const sloppy = claims({ phone_number_verified: 'true' as unknown as boolean });
    expect(mapLogtoProfile(sloppy).phoneNumberVerified).toBe(false);
  });

  it('refuse an empty sub, which names nobody', () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => mapLogtoProfile(claims({ sub: '' }))).toThrow('Logto ID token has no "sub" claim');
    jest.restoreAllMocks();
  });

  it('treat a blank name, email or picture as absent', () => {
    expect(
      mapLogtoProfile(claims({ name: '  ', username: 'hanako', email: ' ', picture: '' })),
    ).toMatchObject({ name: 'hanako', email: null, image: null });
  });

  it('name a person with only a blank username by their phone number', () => {
    expect(mapLogtoProfile(claims({ username: ' ' })).name).toBe('+81 90 1234 5678');
  });
});

describe('the provider', () => {
  it('finds discovery under an issuer given with a trailing slash', () => {
    const provider = Logto({
      issuer: 'https://abcd12.logto.app/oidc//',
      clientId: 'id',
      clientSecret: 'secret',
    });
    expect(provider.wellKnown).toBe(
      'https://abcd12.logto.app/oidc/.well-known/openid-configuration',
    );
  });

  it('pins ID tokens to the algorithm the tenant signs with, authenticates with the secret in a header and gives Logto 5 s', () => {
    const provider = Logto({
      issuer: 'https://abcd12.logto.app/oidc',
      clientId: 'id',
      clientSecret: 'secret',
      idTokenAlg: 'RS256',
    });
    expect(provider.client).toEqual({
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(provider.httpOptions).toEqual({ timeout: LOGTO_HTTP_TIMEOUT_MS });
    expect(LOGTO_HTTP_TIMEOUT_MS).toBe(5000);
  });
});

describe('the session cookie', () => {
  const user: User = {
    id: 'a1b2c3d4e5f6',
    name: 'Hanako',
    email: 'hanako@example.com',
    image: 'https://example.com/h.png',
    phoneNumber: '+819012345678',
    phoneNumberVerified: false,
  };
  const account = {
    provider: 'logto',
    type: 'oauth',
    providerAccountId: 'a1b2c3d4e5f6',
    access_token: 'access-1',
    expires_at: 1_900_003_600,
    refresh_token: 'refresh-1',
    id_token: 'id-token-1',
  } as Account;

  it('stores who signed in, with email and picture, and the tokens with their due time', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(1_900_000_000_000);
    expect(await tokenFromSignIn(user, account)).toEqual({
      sub: 'a1b2c3d4e5f6',
      name: 'Hanako',
      email: 'hanako@example.com',
      picture: 'https://example.com/h.png',
      phoneNumber: '+819012345678',
      phoneNumberVerified: false,
      accessToken: 'access-1',
      accessTokenExpiresAt: 1_900_003_600,
      accessTokenRefreshAt: 1_900_003_600 - 60,
      refreshToken: 'refresh-1',
      idToken: 'id-token-1',
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    jest.restoreAllMocks();
  });

  it('stores nulls, not undefined, for what Logto did not send, and no due time without an expiry', async () => {
    expect(
      await tokenFromSignIn({ id: 'a1b2c3d4e5f6' }, { ...account, expires_at: undefined }),
    ).toMatchObject({
      name: null,
      email: null,
      picture: null,
      phoneNumber: null,
      phoneNumberVerified: false,
      accessTokenRefreshAt: undefined,
    });
  });
});

describe('the session the browser sees', () => {
  it('carries email and picture', async () => {
    const session = await sessionFromToken({ expires: '' } as Session, {
      sub: 'a1b2c3d4e5f6',
      email: 'hanako@example.com',
      picture: 'https://example.com/h.png',
    });
    expect(session.user).toMatchObject({
      email: 'hanako@example.com',
      image: 'https://example.com/h.png',
    });
  });

  it('fills in empty values for a token that holds nothing', async () => {
    expect(await sessionFromToken({ expires: 'soon' } as Session, {})).toEqual({
      expires: 'soon',
      user: {
        id: '',
        name: null,
        email: null,
        image: null,
        phoneNumber: null,
        phoneNumberVerified: false,
      },
      error: null,
    });
  });
});

it('falls back to the base URL when it cannot read a redirect at all', () => {
  const redirect = appOptions.callbacks!.redirect!;
  expect(redirect({ url: '/books', baseUrl: 'not a url' })).toBe('not a url');
});

describe('the next-auth configuration', () => {
  const env: AuthEnv = {
    issuer: 'https://abcd12.logto.app/oidc',
    clientId: 'app-id',
    clientSecret: 'app-secret',
    appUrl: 'https://bookstore.example.com',
    secret: 's'.repeat(40),
    idTokenAlg: 'ES384',
  };
  const { authOptions: options } = appAuthFor(env);

  it("keeps a session for Logto's 14-day refresh-token lifetime, re-issuing its cookie at most hourly", () => {
    expect(options.session).toEqual({
      strategy: 'jwt',
      maxAge: 14 * 24 * 60 * 60,
      updateAge: 3600,
    });
  });

  it("uses the app's own sign-in and error pages and its secret", () => {
    expect(options.pages).toEqual({ signIn: '/signin', error: '/auth/error' });
    expect(options.secret).toBe(env.secret);
  });

  it('signs in with the configured Logto client', () => {
    expect(options.providers[0]).toMatchObject({
      id: 'logto',
      wellKnown: 'https://abcd12.logto.app/oidc/.well-known/openid-configuration',
      options: { clientId: 'app-id', clientSecret: 'app-secret' },
    });
  });

  it('stores the tokens at sign-in and leaves a fresh session alone on later reads', async () => {
    const jwt = options.callbacks!.jwt!;
    const signedIn = await jwt({
      token: {},
      user: { id: 'a1b2c3d4e5f6' },
      account: { provider: 'logto', type: 'oauth', providerAccountId: 'x', access_token: 'at' },
    } as Parameters<typeof jwt>[0]);
    expect(signedIn).toMatchObject({ sub: 'a1b2c3d4e5f6', accessToken: 'at' });

    const fresh = {
      sub: 'a1b2c3d4e5f6',
      sessionId: 'session-1',
      accessTokenExpiresAt: Date.now() / 1000 + 3600,
    };
    expect(await jwt({ token: fresh } as Parameters<typeof jwt>[0])).toBe(fresh);
  });

  it('builds the browser session and keeps redirects on this origin', async () => {
    const session = await options.callbacks!.session!({
      session: { expires: 'soon' },
      token: { sub: 'a1b2c3d4e5f6' },
    } as Parameters<NonNullable<typeof options.callbacks>['session'] & object>[0]);
    expect(session).toMatchObject({ user: { id: 'a1b2c3d4e5f6' }, error: null });
    expect(
      options.callbacks!.redirect!({ url: 'https://evil.example/', baseUrl: env.appUrl }),
    ).toBe('https://bookstore.example.com/');
  });
});
