import { screen } from '@testing-library/react';
import { generateKeyPairSync } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import AuthErrorPage from '@/pages/auth/error';
import { createAuthErrorPageProps } from '@/lib/auth/core/id-token-alg-mismatch';
import type { AuthEnv } from '@/lib/auth/core/env';
import { setupTestServer } from '../../support/msw-server';
import { renderPage } from '../../support/render-page';
import { sessionHandler } from '../../support/session-handlers';

const ISSUER = 'https://bk7tenant.logto.app/oidc';
const server = setupTestServer(sessionHandler(null));

/** Logto's discovery and JWKS, with its current signing key of the given kind first. */
function logtoSigningWith(kind: 'RSA' | 'EC P-384') {
  const { publicKey } =
    kind === 'RSA'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-384' });
  // Logto's JWKS names no `alg`: the kind of key says it.
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'current', use: 'sig' };
  server.use(
    http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
      HttpResponse.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` }),
    ),
    http.get(`${ISSUER}/jwks`, () => HttpResponse.json({ keys: [jwk] })),
  );
}

const appEnv: AuthEnv = {
  issuer: ISSUER,
  clientId: 'app-id',
  clientSecret: 'app-secret',
  appUrl: 'https://shop.example',
  secret: 'x'.repeat(44),
};

let logged: jest.SpyInstance;
beforeEach(() => {
  logged = jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => logged.mockRestore());

/** What the page's getServerSideProps gives, on this environment (AUTH_LOGTO_ID_TOKEN_ALG unset). */
function propsFor(error: string, env: AuthEnv = appEnv) {
  return createAuthErrorPageProps(env)({ query: { error } });
}

describe('/auth/error after an ID token signed with an algorithm the app does not accept', () => {
  it('names the algorithm Logto used and the variable to set, on the page', async () => {
    logtoSigningWith('RSA');
    const { props } = await propsFor('OAuthCallback');

    renderPage(AuthErrorPage, {
      router: { query: { error: 'OAuthCallback' } },
      pageProps: props,
    });

    expect(await screen.findByRole('note')).toHaveTextContent(
      'Logto signed the sign-in token with RS256, but this app accepts only ES384. Whoever runs this app: set AUTH_LOGTO_ID_TOKEN_ALG=RS256 and restart it.',
    );
  });

  it('names them in the server log too', async () => {
    logtoSigningWith('RSA');
    await propsFor('OAuthCallback');
    expect(logged).toHaveBeenCalledWith(
      '[auth] Logto signs ID tokens with RS256, but the app accepts only ES384, so every sign-in ends in OAuthCallback. Set AUTH_LOGTO_ID_TOKEN_ALG=RS256 and restart the app.',
    );
  });

  it('says nothing more when Logto signs with the algorithm the app expects', async () => {
    logtoSigningWith('EC P-384');
    expect((await propsFor('OAuthCallback')).props.idTokenAlgMismatch).toBeNull();
    expect(logged).not.toHaveBeenCalled();
  });

  it('says nothing more once AUTH_LOGTO_ID_TOKEN_ALG matches the RSA tenant', async () => {
    logtoSigningWith('RSA');
    const props = await propsFor('OAuthCallback', { ...appEnv, idTokenAlg: 'RS256' });
    expect(props.props.idTokenAlgMismatch).toBeNull();
  });

  it('does not ask Logto anything for other error codes', async () => {
    // No discovery handler: a request would fail the test (onUnhandledFrame: 'error').
    expect((await propsFor('Callback')).props.idTokenAlgMismatch).toBeNull();
  });

  it('falls back to the usual message when Logto cannot be reached', async () => {
    server.use(http.get(`${ISSUER}/.well-known/openid-configuration`, () => HttpResponse.error()));
    expect((await propsFor('OAuthCallback')).props.idTokenAlgMismatch).toBeNull();
  });
});
