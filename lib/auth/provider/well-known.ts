/** Where Logto serves its discovery document, under the issuer. */
const WELL_KNOWN_PATH = '/.well-known/openid-configuration';

/**
 * The issuer itself, from what a person may paste: trailing slashes and the well-known suffix
 * dropped. `String()`: during `next build` a copier's env may be unset; like next-auth's
 * built-in providers, build a (useless) URL then instead of throwing while the route is collected.
 */
export function logtoIssuerOf(url: string): string {
  const trimmed = String(url).replace(/\/+$/, '');
  return trimmed.endsWith(WELL_KNOWN_PATH)
    ? trimmed.slice(0, -WELL_KNOWN_PATH.length).replace(/\/+$/, '')
    : trimmed;
}

/**
 * Where Logto serves its discovery document under an issuer.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export function logtoWellKnownUrl(issuer: string): string {
  return `${logtoIssuerOf(issuer)}${WELL_KNOWN_PATH}`;
}
