import { custom, type BaseClient, type CallbackParamsType, type TokenSet } from 'openid-client';
import type { OAuthChecks } from 'next-auth/providers/oauth';
import { withLogtoHttpOptions, type LogtoDiscovery } from './discovery';

/** What next-auth hands a provider's `token.request` on the callback. */
export interface TokenRequestContext {
  provider: { callbackUrl: string };
  params: CallbackParamsType;
  checks: OAuthChecks;
  /** next-auth's client, built for this request; its Issuer holds no keys yet. */
  client: BaseClient;
}

/**
 * The code exchange and ID token validation next-auth would do itself, on the cached Issuer so
 * the JWKS is not fetched again.
 *
 * Why this is as safe as next-auth's own path: next-auth, for a provider with `idToken: true`,
 * calls `client.callback(provider.callbackUrl, params, checks)`. So do we, with the same three
 * arguments and a client made from next-auth's client metadata (client id and secret, the one
 * redirect_uri, ES384 pinned, client_secret_basic) and the same 10 s clock tolerance. Only the
 * Issuer differs: ours comes from Logto's full discovery document, the one next-auth would have
 * fetched, and keeps its keys. openid-client's `callback()` therefore still checks the `iss`
 * response parameter (the document announces it), state, the PKCE verifier (sent to Logto), the
 * ID token's alg (ES384 only), signature, iss, aud, exp, iat and nonce. DESIGN.md's warning is
 * about a `token.request` that posts to the token endpoint itself and skips `callback()`.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#clientcallbackredirecturi-parameters-checks-extras
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/lib/oauth/callback.ts
 */
export function exchangeCodeOnCachedIssuer(discovery: LogtoDiscovery) {
  return async ({
    provider,
    params,
    checks,
    client,
  }: TokenRequestContext): Promise<{ tokens: TokenSet }> => {
    const issuer = await discovery.getIssuer();
    const cachedClient = withLogtoHttpOptions(new issuer.Client(client.metadata));
    cachedClient[custom.clock_tolerance] = client[custom.clock_tolerance];
    const tokens = await cachedClient.callback(provider.callbackUrl, params, checks);
    return { tokens };
  };
}
