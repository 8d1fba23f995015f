import type { Session } from 'next-auth';
import type { AuthEnv } from '@/lib/auth/core/env';
import { appAuthFor, sessionCallback } from '../../support/auth-env';

const appEnv: AuthEnv = {
  issuer: 'https://tenant.logto.app/oidc',
  clientId: 'id',
  clientSecret: 'secret',
  appUrl: 'https://bookstore.example.com',
  secret: 'a-secret-that-is-long-enough-for-the-session-cookie',
};
const { authOptions } = appAuthFor(appEnv);
const sameOriginRedirect = authOptions.callbacks!.redirect!;
const sessionFromToken = (session: Session, token: Parameters<typeof sessionCallback>[2]) =>
  sessionCallback(authOptions, session, token);

describe('the redirect callback', () => {
  const baseUrl = 'https://bookstore.example.com';

  it.each([
    ['/books', 'https://bookstore.example.com/books'],
    ['/ja/books/kokoro?tab=1', 'https://bookstore.example.com/ja/books/kokoro?tab=1'],
    ['https://bookstore.example.com/account', 'https://bookstore.example.com/account'],
  ])('keeps %s on this origin', async (url, expected) => {
    expect(await sameOriginRedirect({ url, baseUrl })).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    'javascript:alert(1)',
    'https://bookstore.example.com.evil.example/',
    'http://bookstore.example.com/',
  ])('sends %s to the home page instead', async (url) => {
    expect(await sameOriginRedirect({ url, baseUrl })).toBe('https://bookstore.example.com/');
  });
});

describe('the session callback', () => {
  it('returns a new object with the user and no token', async () => {
    const incoming = {
      expires: '2030-01-01T00:00:00.000Z',
      user: { name: 'x' },
    } as unknown as Session;
    const session = await sessionFromToken(incoming, {
      sub: 'a1b2c3d4e5f6',
      name: 'Hanako',
      phoneNumber: '+819012345678',
      phoneNumberVerified: true,
      accessToken: 'at',
      refreshToken: 'rt',
      idToken: 'it',
    });
    expect(session).not.toBe(incoming);
    expect(session).toEqual({
      expires: '2030-01-01T00:00:00.000Z',
      user: {
        id: 'a1b2c3d4e5f6',
        name: 'Hanako',
        email: null,
        image: null,
        phoneNumber: '+819012345678',
        phoneNumberVerified: true,
      },
      error: null,
    });
  });

  it('carries the refresh error so the UI can ask the person to sign in again', async () => {
    const session = await sessionFromToken({ expires: '' } as Session, {
      sub: 'a',
      error: 'RefreshAccessTokenError',
    });
    expect(session.error).toBe('RefreshAccessTokenError');
  });
});

describe('the session cookie', () => {
  const env = {
    issuer: 'https://tenant.logto.app/oidc',
    clientId: 'id',
    clientSecret: 'secret',
    secret: 'a-secret-that-is-long-enough-for-the-session-cookie',
  };

  it('is __Secure- (and Secure) when the app is served over https', () => {
    expect(
      appAuthFor({ ...env, appUrl: 'https://books.example' }).authOptions.useSecureCookies,
    ).toBe(true);
  });

  it('has no prefix on a plain-http development URL, where browsers refuse Secure cookies', () => {
    expect(
      appAuthFor({ ...env, appUrl: 'http://localhost:3000' }).authOptions.useSecureCookies,
    ).toBe(false);
  });
});
