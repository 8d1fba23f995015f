import type { IdTokenClaims } from '@logto/js';
import { formatPhone, logtoPhoneToE164 } from '@/lib/phone';

// What Logto's OpenID Connect asks of a client and what its ID token says, with nothing of
// next-auth: the provider of next-auth v4 (./logto.ts) and of Auth.js v5 both build on it.

/**
 * The claims of Logto's ID token, as Logto's own SDK types them (`IdTokenClaims` of `@logto/js`;
 * a type only, nothing of it runs), with only `sub` taken for granted. Logto sends `null`, not an
 * absent claim, when a value is empty, and `phone_number` as digits without `+`.
 * @see https://docs.logto.io/user-management/user-data
 */
export type LogtoProfile = Partial<IdTokenClaims> & Pick<IdTokenClaims, 'sub'>;

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
 * The extra authorization parameters that open Logto on the phone step with the number
 * prefilled, for `signIn('logto', { callbackUrl }, logtoPhoneSignInParams(e164, locale))`.
 * One invalid value makes Logto ignore all of them (`identifier:sign-in` with a hyphen is invalid).
 * @see https://docs.logto.io/end-user-flows/authentication-parameters
 */
export function logtoPhoneSignInParams(e164: string, uiLocales: string) {
  return {
    login_hint: e164,
    first_screen: 'identifier:sign_in',
    identifier: 'phone',
    ui_locales: uiLocales,
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
