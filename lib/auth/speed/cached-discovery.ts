import type { OAuthChecks, OAuthConfig } from 'next-auth/providers/oauth';
import { custom, type BaseClient, type CallbackParamsType, type TokenSet } from 'openid-client';
import type { LogtoIssuer } from '../core/logto-issuer';
import { peekLogtoEndpoints } from './discovery';

/** What next-auth hands a provider's `token.request` on the callback. */
interface TokenRequestContext {
  provider: { callbackUrl: string };
  params: CallbackParamsType;
  checks: OAuthChecks;
  /** next-auth's client, built for this request; its Issuer holds no keys yet. */
  client: BaseClient;
}

/**
 * A speed layer over a provider with a `wellKnown` URL, such as `Logto()`: one request to Logto
 * per sign-in (the token request) instead of four.
 *
 * next-auth v4 runs discovery whenever it builds a client (on the sign-in, again on the
 * callback), and its new Issuer fetches the JWKS again. Here, once the process has the discovery
 * document, the endpoint fields hand next-auth the endpoints (no `wellKnown`, so no discovery),
 * and the code is exchanged and the ID token checked on this bundle's Issuer (the core's, fed by
 * the shared document), whose keys are loaded. While nothing is cached yet they return
 * `wellKnown`, and next-auth discovers as it always does, so a Logto that was down at start is
 * simply retried.
 *
 * The fields are getters because next-auth reads them anew on every request (`parseProviders`
 * spreads the provider), so each request sees the cache as it is then. That, and the
 * `token.request` contract below, are next-auth internals, checked against next-auth
 * 4.22–4.24.15: `__tests__/integration/cached-discovery-provider.test.ts` signs in through the
 * real NextAuth handler and fails if next-auth discovers again or stops calling `request`.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/lib/providers.ts
 */
export function withCachedDiscovery<P>(
  provider: OAuthConfig<P>,
  issuer: LogtoIssuer,
): OAuthConfig<P> {
  const { wellKnown } = issuer;
  const authorizationParams =
    typeof provider.authorization === 'object' ? provider.authorization.params : undefined;
  const request = exchangeCodeOnCachedIssuer(issuer);
  const endpoints = () => peekLogtoEndpoints(wellKnown);
  return {
    ...provider,
    get wellKnown() {
      return endpoints() ? undefined : wellKnown;
    },
    get issuer() {
      return endpoints()?.issuer;
    },
    get jwks_endpoint() {
      return endpoints()?.jwks_uri;
    },
    get authorization() {
      const url = endpoints()?.authorization_endpoint;
      return { ...(url ? { url } : {}), params: authorizationParams };
    },
    // No token or userinfo URL: next-auth posts to the token endpoint only when there is no
    // `request`, and with `idToken: true` it reads the profile from the ID token, never userinfo.
    token: { request },
  };
}

/**
 * The code exchange and ID token validation next-auth would do itself, on the cached Issuer.
 *
 * Why this is as safe as next-auth's own path: for a provider with `idToken: true`, next-auth
 * calls `client.callback(provider.callbackUrl, params, checks)`. So do we, with the same three
 * arguments, a client made from next-auth's client metadata (id, secret, the one redirect_uri,
 * the pinned ID token alg, client_secret_basic) and the same clock tolerance. Only the Issuer
 * differs: it comes from the same discovery document and keeps its keys. openid-client's
 * `callback()` therefore still checks the `iss` response parameter, state, the PKCE verifier,
 * the ID token's alg, signature, iss, aud, exp, iat and nonce.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#clientcallbackredirecturi-parameters-checks-extras
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/lib/oauth/callback.ts
 */
function exchangeCodeOnCachedIssuer(issuer: LogtoIssuer) {
  return async ({
    provider,
    params,
    checks,
    client,
  }: TokenRequestContext): Promise<{ tokens: TokenSet }> => {
    const cachedClient = await issuer.createClient(client.metadata);
    cachedClient[custom.clock_tolerance] = client[custom.clock_tolerance];
    const tokens = await cachedClient.callback(provider.callbackUrl, params, checks);
    return { tokens };
  };
}
