/**
 * The query a return from Logto's Account Center carries, so the page it lands on takes the
 * account's new claims at once (see `refreshAfterAccountCenter` in ./server.ts).
 */
export const ACCOUNT_CENTER_RETURN = { param: 'from', value: 'account-center' } as const;

/**
 * Logto's prebuilt Account Center page where a person changes their phone number: the tenant's
 * `/account/phone` (the issuer without `/oidc`), which checks the current number, sends a code to
 * the new one and then sends the browser to `redirect`. `ui_locales` picks its language.
 * @see https://docs.logto.io/end-user-flows/account-settings/by-account-center-ui
 */
export function accountCenterPhoneUrl(options: {
  /** The issuer, e.g. `https://xxxx.logto.app/oidc`. */
  issuer: string;
  /** The app's page to come back to, absolute, e.g. `https://shop.example/ja/account`. */
  returnTo: string;
  /** The page's language, e.g. `ja`. */
  uiLocales: string;
}): string {
  // The issuer is `<endpoint>/oidc`: `../account/phone` from `<endpoint>/oidc/` is the page.
  const url = new URL('../account/phone', options.issuer.replace(/\/*$/, '/'));
  const back = new URL(options.returnTo);
  back.searchParams.set(ACCOUNT_CENTER_RETURN.param, ACCOUNT_CENTER_RETURN.value);
  url.searchParams.set('redirect', back.href);
  url.searchParams.set('ui_locales', options.uiLocales);
  return url.href;
}

/** True when a request's query says it is the Account Center's way back. */
export function isAccountCenterReturn(query: Record<string, string | string[] | undefined>) {
  return query[ACCOUNT_CENTER_RETURN.param] === ACCOUNT_CENTER_RETURN.value;
}
