/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import { HttpResponse, delay, http } from 'msw';
import type { AuthEnv } from '@/lib/auth/core/env';
import { createAuthErrorPageProps } from '@/lib/auth/core/id-token-alg-mismatch';
import type * as MismatchModule from '@/lib/auth/core/id-token-alg-mismatch';
import { createLogtoAuth } from '@/lib/auth/core/logto-auth';
import { setupTestServer } from '../../support/msw-server';

const ISSUER = 'https://bk7tenant.logto.app/oidc';
const server = setupTestServer();

const appEnv: AuthEnv = {
  issuer: ISSUER,
  clientId: 'app-id',
  clientSecret: 'app-secret',
  appUrl: 'https://shop.example',
  secret: 'x'.repeat(44),
};

/** Logto's current signing key, switched to RSA: the app (ES384 by default) refuses its tokens. */
const rsaSigningKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }),
  kid: 'current',
  use: 'sig',
};

/** Logto's discovery, pointing at a JWKS answered by `jwks`. */
function logtoWithJwks(jwks: () => Response | Promise<Response>) {
  server.use(
    http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
      HttpResponse.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` }),
    ),
    http.get(`${ISSUER}/jwks`, jwks),
  );
}

let logged: jest.SpyInstance;
beforeEach(() => {
  logged = jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => logged.mockRestore());

async function mismatchShownFor(error: string) {
  return (await createAuthErrorPageProps(appEnv)({ query: { error } })).props.idTokenAlgMismatch;
}

describe('what /auth/error finds out from Logto about the signing algorithm', () => {
  it('finds the mismatch behind an OAuthCallback', async () => {
    logtoWithJwks(() => HttpResponse.json({ keys: [rsaSigningKey] }));
    expect(await mismatchShownFor('OAuthCallback')).toEqual({ used: 'RS256', expected: 'ES384' });
  });

  it('does not blame the signing algorithm for other errors, even when it would not match', async () => {
    logtoWithJwks(() => HttpResponse.json({ keys: [rsaSigningKey] }));
    expect(await mismatchShownFor('Callback')).toBeNull();
    expect(logged).not.toHaveBeenCalled();
  });

  it('reads nothing from a JWKS answered with an error status', async () => {
    logtoWithJwks(() => HttpResponse.json({ keys: [rsaSigningKey] }, { status: 503 }));
    expect(await mismatchShownFor('OAuthCallback')).toBeNull();
    expect(logged).not.toHaveBeenCalled();
  });

  it('shows the usual page, instead of hanging, when Logto never answers', async () => {
    logtoWithJwks(async () => {
      await delay('infinite');
      return HttpResponse.json({ keys: [rsaSigningKey] });
    });
    expect(await mismatchShownFor('OAuthCallback')).toBeNull();
  }, 30_000);

  it('tells whoever reads the server log which variable to set, and to what', () => {
    // Loaded afresh: the variable's name is a constant fixed when the module loads (TESTING.md,
    // "Static mutants"); no type argument, so Jest's `findRelatedTests` sees the import.
    let loaded: typeof MismatchModule | undefined;
    jest.isolateModules(() => {
      loaded = jest.requireActual('@/lib/auth/core/id-token-alg-mismatch') as typeof MismatchModule;
    });
    expect(loaded!.describeIdTokenAlgMismatch({ used: 'PS256', expected: 'ES384' })).toBe(
      '[auth] Logto signs ID tokens with PS256, but the app accepts only ES384, so every sign-in ends in OAuthCallback. Set AUTH_LOGTO_ID_TOKEN_ALG=PS256 and restart the app.',
    );
  });

  it('answers 50 views from one look at the keys, on the discovery the core already made', async () => {
    const requests = { discovery: 0, jwks: 0 };
    server.use(
      http.get(`${ISSUER}/.well-known/openid-configuration`, () => {
        requests.discovery += 1;
        return HttpResponse.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` });
      }),
      http.get(`${ISSUER}/jwks`, () => {
        requests.jwks += 1;
        return HttpResponse.json({ keys: [rsaSigningKey] });
      }),
    );
    const { authErrorPageProps, logtoClient } = createLogtoAuth({ env: appEnv });
    await logtoClient();

    const views = await Promise.all(
      Array.from({ length: 50 }, () => authErrorPageProps({ query: { error: 'OAuthCallback' } })),
    );

    expect(views.every((view) => view.props.idTokenAlgMismatch?.used === 'RS256')).toBe(true);
    expect(requests).toEqual({ discovery: 1, jwks: 1 });
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('looks again, and logs again, only once a minute has passed', async () => {
    let jwksRequests = 0;
    logtoWithJwks(() => {
      jwksRequests += 1;
      return HttpResponse.json({ keys: [rsaSigningKey] });
    });
    let now = 1_000_000;
    const pageProps = createAuthErrorPageProps(appEnv, { now: () => now });
    const view = () => pageProps({ query: { error: 'OAuthCallback' } });

    await view();
    now += 59_999;
    await view();
    expect([jwksRequests, logged.mock.calls.length]).toEqual([1, 1]);
    now += 1;
    expect((await view()).props.idTokenAlgMismatch).toEqual({ used: 'RS256', expected: 'ES384' });
    expect([jwksRequests, logged.mock.calls.length]).toEqual([2, 2]);
  });
});
