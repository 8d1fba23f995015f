import type { IdTokenClaims } from '@logto/js';
import type { OAuthConfig, OAuthUserConfig } from 'next-auth/providers/oauth';
import { formatPhone, logtoPhoneToE164 } from '@/lib/phone';
import { DEFAULT_ID_TOKEN_ALG, type IdTokenAlg } from './id-token-alg';

/**
 * The claims of Logto's ID token, as Logto's own SDK types them (`IdTokenClaims` of `@logto/js`;
 * a type only, nothing of it runs), with only `sub` taken for granted. Logto sends `null`, not an
 * absent claim, when a value is empty, and `phone_number` as digits without `+`.
 * @see https://docs.logto.io/user-management/user-data
 */
export type LogtoProfile = Partial<IdTokenClaims> & Pick<IdTokenClaims, 'sub'>;

/**
 * What the provider takes: the issuer, the app's id and secret from Logto Console, and any
 * next-auth provider field to override, as next-auth's built-in providers accept.
 * @see https://next-auth.js.org/configuration/providers/oauth#override-default-options
 */
export interface LogtoProviderOptions extends OAuthUserConfig<LogtoProfile> {
  /** The issuer, e.g. `https://xxxx.logto.app/oidc`, without the well-known suffix. */
  issuer: string;
  /** The algorithm Logto signs ID tokens with; ES384 (Logto's default) when not given. */
  idTokenAlg?: IdTokenAlg;
}

/**
 * `offline_access` with `prompt=consent` is the only way Logto issues a refresh token.
 * @see https://docs.logto.io/end-user-flows/sign-out#refresh-tokens
 */
export const LOGTO_SCOPES = 'openid offline_access profile email phone';

/**
 * Time allowed for Logto to start answering one request. openid-client's 3.5 s default is tight
 * for a far region on a cold connection; much more than 5 s leaves a person staring at a blank
 * callback page when Logto is really down, where the error page would serve them better.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#customizing-http-requests
 */
export const LOGTO_HTTP_TIMEOUT_MS = 5000;

/**
 * A hand-written Logto provider for next-auth v4, in the shape of the built-in providers (e.g.
 * `next-auth/providers/zitadel`). Security checks are explicit: PKCE + state + nonce, and ID
 * tokens pinned to ES384, which is what Logto signs with (openid-client would expect RS256).
 *
 * This is all a team needs to copy. The app adds a cache on top (`withCachedDiscovery`, see
 * ./cached-discovery.ts) that saves three requests to Logto per sign-in.
 * @see https://next-auth.js.org/configuration/providers/oauth#using-a-custom-provider
 */
export default function Logto(options: LogtoProviderOptions): OAuthConfig<LogtoProfile> {
  return {
    id: 'logto',
    name: 'Logto',
    type: 'oauth',
    // String(): during `next build` a copier's env may be unset; like next-auth's built-in
    // providers, build a (useless) URL then instead of throwing while the route is collected.
    wellKnown: `${String(options.issuer).replace(/\/+$/, '')}/.well-known/openid-configuration`,
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
