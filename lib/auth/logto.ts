import type { OAuthConfig } from 'next-auth/providers/oauth';
import { formatPhone, logtoPhoneToE164 } from '@/lib/phone';
import { LOGTO_HTTP_TIMEOUT_MS, logtoDiscovery, wellKnownUrl } from './discovery';
import { exchangeCodeOnCachedIssuer } from './discovery-callback';
import { DEFAULT_ID_TOKEN_ALG, type IdTokenAlg } from './id-token-alg';

/**
 * The claims Logto puts in its ID token for the scopes we ask for. Logto sends `null`, not an
 * absent claim, when a value is empty, and `phone_number` as digits without `+`.
 * @see https://docs.logto.io/user-management/user-data
 */
export interface LogtoProfile extends Record<string, unknown> {
  /** 12-character lowercase user id. */
  sub: string;
  name: string | null;
  username: string | null;
  picture: string | null;
  email: string | null;
  email_verified: boolean;
  /** Digits only, e.g. `819012345678`. */
  phone_number: string | null;
  phone_number_verified: boolean;
  /** Milliseconds since the epoch. */
  created_at: number;
  updated_at: number;
}

export interface LogtoProviderOptions {
  /** The issuer, e.g. `https://xxxx.logto.app/oidc`, without the well-known suffix. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The algorithm Logto signs ID tokens with; ES384 (Logto's default) when not given. */
  idTokenAlg?: IdTokenAlg;
}

/**
 * `offline_access` with `prompt=consent` is the only way Logto issues a refresh token.
 * @see https://docs.logto.io/end-user-flows/sign-out#refresh-tokens
 */
export const LOGTO_SCOPES = 'openid offline_access profile email phone';

/**
 * A hand-written Logto provider for next-auth v4, in the shape of the built-in providers.
 * Security checks are explicit: PKCE + state + nonce, and ID tokens pinned to ES384, which is
 * what Logto signs with (openid-client would otherwise expect RS256).
 *
 * One IdP round trip per sign-in: next-auth v4 runs discovery whenever it builds a client (on
 * the sign-in and again on the callback) and a new Issuer fetches the JWKS again. Here the
 * well-known URL is still the only input, but the fields next-auth reads per request are getters
 * on a per-process discovery cache: once it is warm they hand next-auth the endpoints (no
 * `wellKnown`, so no discovery), and the callback validates the ID token on the cached Issuer,
 * whose keys are already loaded. While the cache is cold they return `wellKnown` and next-auth
 * discovers as it always did, so a Logto that was down at start is simply retried.
 * @see https://next-auth.js.org/configuration/providers/oauth#using-a-custom-provider
 * @see ./discovery-callback.ts for why the token request keeps every openid-client check.
 */
export default function Logto(options: LogtoProviderOptions): OAuthConfig<LogtoProfile> {
  const wellKnown = wellKnownUrl(options.issuer);
  const discovery = logtoDiscovery(wellKnown);
  const authorizationParams = { scope: LOGTO_SCOPES, prompt: 'consent' };
  const requestTokens = exchangeCodeOnCachedIssuer(discovery);
  return {
    id: 'logto',
    name: 'Logto',
    type: 'oauth',
    // next-auth copies these per request (parseProviders spreads the provider), so each request
    // sees the cache as it is then.
    get wellKnown() {
      return discovery.peekEndpoints() ? undefined : wellKnown;
    },
    get issuer() {
      return discovery.peekEndpoints()?.issuer;
    },
    get jwks_endpoint() {
      return discovery.peekEndpoints()?.jwks_uri;
    },
    get authorization() {
      const url = discovery.peekEndpoints()?.authorization_endpoint;
      // Logto issues a refresh token only for offline_access with prompt=consent.
      return { ...(url ? { url } : {}), params: authorizationParams };
    },
    get token() {
      const url = discovery.peekEndpoints()?.token_endpoint;
      return { ...(url ? { url } : {}), request: requestTokens };
    },
    get userinfo() {
      const url = discovery.peekEndpoints()?.userinfo_endpoint;
      return url ? { url } : undefined;
    },
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    // next-auth v4 defaults to ['state'] only; all three protect a different step.
    checks: ['pkce', 'state', 'nonce'],
    // With idToken: true, profile() receives the verified ID token claims; /oidc/me is not called.
    idToken: true,
    client: {
      id_token_signed_response_alg: options.idTokenAlg ?? DEFAULT_ID_TOKEN_ALG,
      token_endpoint_auth_method: 'client_secret_basic',
    },
    // Applies to next-auth's own discovery while the cache is cold.
    httpOptions: { timeout: LOGTO_HTTP_TIMEOUT_MS },
    profile: mapLogtoProfile,
  };
}

/**
 * Maps Logto's claims to the next-auth user. Never throws on a missing optional claim; a token
 * with no `sub` cannot name a person, so it is refused with a log line that says so.
 */
export function mapLogtoProfile(profile: LogtoProfile) {
  if (typeof profile.sub !== 'string' || profile.sub === '') {
    console.error('[auth] Logto ID token has no "sub" claim; refusing to sign in.');
    throw new Error('Logto ID token has no "sub" claim');
  }
  const phoneNumber = logtoPhoneToE164(profile.phone_number);
  const name =
    nonEmpty(profile.name) ??
    nonEmpty(profile.username) ??
    (phoneNumber ? formatPhone(phoneNumber, 'international') : null);
  return {
    id: profile.sub,
    name,
    email: nonEmpty(profile.email),
    image: nonEmpty(profile.picture),
    phoneNumber,
    phoneNumberVerified: phoneNumber ? profile.phone_number_verified === true : false,
  };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
