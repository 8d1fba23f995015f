import Logto, { mapLogtoProfile, type LogtoProfile } from '@/lib/auth/provider/logto';
import { logtoIssuerOf, logtoWellKnownUrl } from '@/lib/auth/provider/well-known';

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

describe('the provider', () => {
  // Built inside each test, so that mutation testing counts these tests as covering Logto().
  const provider = () =>
    Logto({ issuer: 'https://abcd12.logto.app/oidc', clientId: 'id', clientSecret: 'secret' });

  it('is named Logto, discovers Logto from the issuer and pins ID tokens to ES384 with PKCE, state and nonce', () => {
    expect(provider()).toMatchObject({
      id: 'logto',
      name: 'Logto',
      type: 'oauth',
      wellKnown: 'https://abcd12.logto.app/oidc/.well-known/openid-configuration',
      idToken: true,
      checks: ['pkce', 'state', 'nonce'],
      client: { id_token_signed_response_alg: 'ES384' },
      authorization: {
        params: { scope: 'openid offline_access profile email phone', prompt: 'consent' },
      },
    });
  });

  it('does not throw while `next build` collects the route with the issuer variable unset', () => {
    const unset = process.env.BOOKSTORE_UNSET_ISSUER as unknown as string;
    expect(() => Logto({ issuer: unset, clientId: 'id', clientSecret: 'secret' })).not.toThrow();
  });

  it('drops a trailing slash from the issuer before the discovery suffix', () => {
    const slashed = Logto({
      issuer: 'https://abcd12.logto.app/oidc/',
      clientId: 'i',
      clientSecret: 's',
    });
    expect(slashed.wellKnown).toBe(
      'https://abcd12.logto.app/oidc/.well-known/openid-configuration',
    );
  });

  it('calls no userinfo endpoint, so profile() sees only the verified ID token claims', () => {
    expect(provider()).toMatchObject({ idToken: true });
    expect(provider().userinfo).toBeUndefined();
  });
});

describe('profile mapping', () => {
  it('turns the digits-only phone claim into E.164', () => {
    expect(mapLogtoProfile(claims()).phoneNumber).toBe('+819012345678');
  });

  it('names the person by name first', () => {
    expect(mapLogtoProfile(claims({ name: 'Hanako Yamada', username: 'hanako' })).name).toBe(
      'Hanako Yamada',
    );
  });

  it('falls back to the username when there is no name', () => {
    expect(mapLogtoProfile(claims({ username: 'hanako' })).name).toBe('hanako');
  });

  it('falls back to the formatted phone number when there is neither', () => {
    expect(mapLogtoProfile(claims()).name).toBe('+81 90 1234 5678');
  });

  it('keeps nulls for a person with no phone, email, name or picture', () => {
    expect(mapLogtoProfile(claims({ phone_number: null, phone_number_verified: false }))).toEqual({
      id: 'a1b2c3d4e5f6',
      name: null,
      email: null,
      image: null,
      phoneNumber: null,
      phoneNumberVerified: false,
    });
  });

  it('maps email and picture when Logto has them', () => {
    const user = mapLogtoProfile(
      claims({ email: 'hanako@example.com', picture: 'https://example.com/h.png' }),
    );
    expect(user).toMatchObject({ email: 'hanako@example.com', image: 'https://example.com/h.png' });
  });

  it('does not throw when optional claims are absent altogether', () => {
    const bare = { sub: 'a1b2c3d4e5f6' } as LogtoProfile;
    expect(mapLogtoProfile(bare)).toMatchObject({
      id: 'a1b2c3d4e5f6',
      name: null,
      phoneNumber: null,
    });
  });

  it('refuses a profile without sub and says why in the log', () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => mapLogtoProfile(claims({ sub: undefined as unknown as string }))).toThrow(
      'no "sub" claim',
    );
    expect(log).toHaveBeenCalledWith(
      '[auth] Logto ID token has no "sub" claim; refusing to sign in.',
    );
    log.mockRestore();
  });
});

describe("Logto's discovery URL", () => {
  it.each([
    'https://tenant.logto.app/oidc',
    'https://tenant.logto.app/oidc/',
    'https://tenant.logto.app/oidc//',
    'https://tenant.logto.app/oidc/.well-known/openid-configuration',
    'https://tenant.logto.app/oidc/.well-known/openid-configuration/',
    'https://tenant.logto.app/oidc///.well-known/openid-configuration',
  ])(
    'is the same one for the issuer written as %s, and the provider discovers with it',
    (issuer) => {
      const wellKnown = 'https://tenant.logto.app/oidc/.well-known/openid-configuration';
      expect(logtoWellKnownUrl(issuer)).toBe(wellKnown);
      expect(Logto({ issuer, clientId: 'id', clientSecret: 'secret' }).wellKnown).toBe(wellKnown);
      expect(logtoIssuerOf(issuer)).toBe('https://tenant.logto.app/oidc');
    },
  );

  it('leaves an issuer whose path only ends like the suffix alone', () => {
    expect(logtoIssuerOf('https://tenant.logto.app/my-openid-configuration')).toBe(
      'https://tenant.logto.app/my-openid-configuration',
    );
  });
});
