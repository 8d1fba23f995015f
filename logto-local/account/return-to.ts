/** The longest `redirect` accepted; the app's own return addresses are far shorter. */
export const MAX_RETURN_TO_LENGTH = 2048;

/**
 * The origins a person may be sent back to after changing their number: those of the app's
 * registered redirect and post sign-out URIs (logto.config.json's `application`), nothing else.
 */
export function appOrigins(client: {
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
}): ReadonlySet<string> {
  return new Set(
    [...client.redirectUris, ...client.postLogoutRedirectUris].map((uri) => new URL(uri).origin),
  );
}

/** What the `redirect` parameter came to: nowhere to go back to, an address of the app, or a refusal. */
export type ReturnTo = { ok: true; url: string | undefined } | { ok: false };

/**
 * Reads the Account Center's `redirect` parameter. Logto's own Account Center follows any http(s)
 * URL there; logto-local follows only an absolute URL on one of the app's origins, without
 * credentials, so a crafted link cannot use it as an open redirect to a look-alike page.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html
 */
export function readReturnTo(raw: string | undefined, origins: ReadonlySet<string>): ReturnTo {
  if (raw === undefined || raw === '') return { ok: true, url: undefined };
  if (raw.length > MAX_RETURN_TO_LENGTH || !URL.canParse(raw)) return { ok: false };
  const url = new URL(raw);
  if (url.username !== '' || url.password !== '' || !origins.has(url.origin)) return { ok: false };
  return { ok: true, url: url.href };
}
