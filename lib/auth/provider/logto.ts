import type { OAuthConfig, OAuthUserConfig } from 'next-auth/providers/oauth';
import { DEFAULT_ID_TOKEN_ALG, type IdTokenAlg } from './id-token-alg';
import {
  LOGTO_HTTP_TIMEOUT_MS,
  LOGTO_SCOPES,
  mapLogtoProfile,
  type LogtoProfile,
} from './logto-oidc';
import { logtoWellKnownUrl } from './well-known';

// What Logto asks of any client, whichever next-auth: in ./logto-oidc.ts, which Auth.js v5 keeps.
export {
  LOGTO_HTTP_TIMEOUT_MS,
  LOGTO_SCOPES,
  logtoPhoneSignInParams,
  mapLogtoProfile,
  type LogtoProfile,
} from './logto-oidc';

/**
 * What the provider takes: the issuer, the app's id and secret from Logto Console, and any
 * next-auth provider field to override, as next-auth's built-in providers accept.
 * @see https://next-auth.js.org/configuration/providers/oauth#override-default-options
 */
interface LogtoProviderOptions extends OAuthUserConfig<LogtoProfile> {
  /** The issuer, e.g. `https://xxxx.logto.app/oidc`, without the well-known suffix. */
  issuer: string;
  /** The algorithm Logto signs ID tokens with; ES384 (Logto's default) when not given. */
  idTokenAlg?: IdTokenAlg;
}

/**
 * A hand-written Logto provider for next-auth v4, in the shape of the built-in providers (e.g.
 * `next-auth/providers/zitadel`). Security checks are explicit: PKCE + state + nonce, and ID
 * tokens pinned to ES384, which is what Logto signs with (openid-client would expect RS256).
 *
 * This is the provider layer: enough for a team's own `authOptions`. The core layer
 * (../core) builds the app's options around it; the speed layer (../speed) adds a discovery
 * cache that saves three requests to Logto per sign-in.
 * @see https://next-auth.js.org/configuration/providers/oauth#using-a-custom-provider
 */
export default function Logto(options: LogtoProviderOptions): OAuthConfig<LogtoProfile> {
  return {
    id: 'logto',
    name: 'Logto',
    type: 'oauth',
    wellKnown: logtoWellKnownUrl(options.issuer),
    // Logto issues a refresh token only for offline_access with prompt=consent.
    authorization: { params: { scope: LOGTO_SCOPES, prompt: 'consent' } },
    // next-auth v4 defaults to ['state'] only; all three protect a different step.
    checks: ['pkce', 'state', 'nonce'],
    // profile() receives the verified ID token claims; /oidc/me is not called.
    idToken: true,
    client: {
      id_token_signed_response_alg: options.idTokenAlg ?? DEFAULT_ID_TOKEN_ALG,
      token_endpoint_auth_method: 'client_secret_basic',
    },
    httpOptions: { timeout: LOGTO_HTTP_TIMEOUT_MS },
    profile: mapLogtoProfile,
    options,
  };
}
