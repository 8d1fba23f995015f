import type { GetServerSideProps, GetServerSidePropsContext } from 'next';
import type { AuthEnv } from './env';
import { localePrefix } from './routes';

/**
 * The query a return from Logto's Account Center carries, so the page it lands on takes the
 * account's new claims at once (see `refreshAfterAccountCenter` below).
 */
const ACCOUNT_CENTER_RETURN = { param: 'from', value: 'account-center' } as const;

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

interface AccountCenterContext {
  env: AuthEnv;
  /**
   * A session read that refreshes at Logto whether or not the access token is due, and writes
   * the cookie on `ctx.res`: next-auth v4's `getServerSession` with `refreshNow` options
   * (./logto-auth.ts), or Auth.js v5's `auth(req, res)` with the same (lib/auth/v5 in the
   * README's "Moving to Auth.js v5"). Nothing here depends on next-auth's version.
   */
  readRefreshingNow: (ctx: GetServerSidePropsContext) => Promise<unknown>;
}

/**
 * The Pages Router's link to Logto's Account Center and the way back from it, for a page such as
 * `/account` where a person changes their phone number.
 */
export function accountCenter({ env, readRefreshingNow }: AccountCenterContext) {
  /**
   * Logto's Account Center page for changing the phone number, coming back to this page (same
   * locale) when done. Built on the server, where the issuer is known.
   */
  function phoneChangeUrl(ctx: GetServerSidePropsContext): string {
    const page = new URL(ctx.resolvedUrl, env.appUrl).pathname;
    return accountCenterPhoneUrl({
      issuer: env.issuer,
      returnTo: `${env.appUrl}${localePrefix(ctx)}${page}`,
      uiLocales: ctx.locale ?? ctx.defaultLocale ?? 'en',
    });
  }

  /**
   * For a page that Logto's Account Center sends the person back to (`?from=account-center`):
   * the session is refreshed at Logto at once, so it takes the new ID token's claims (a new phone
   * number, and the display name that falls back to it), the cookie is written, and the browser
   * is sent to the same page without the marker, where every reader (the page, `/api/me`,
   * `useSession()`, other tabs on their next refetch) sees the new number. Why a refresh rather
   * than Logto's userinfo: its ID token is verified (signature, issuer, audience, the same
   * `sub`), the refresh path already maps claims for every later refresh, and the cookie's ID
   * token (the sign-out hint) is renewed too. A refresh asked for again within a few seconds is
   * not repeated. Always next-auth's own read, never the speed layer's: this read must refresh.
   * @see ./tokens.ts (refreshTokenIfDue)
   */
  function refreshAfterAccountCenter<P extends Record<string, unknown>>(
    getProps: GetServerSideProps<P>,
  ): GetServerSideProps<P> {
    return async (ctx) => {
      if (!isAccountCenterReturn(ctx.query)) return getProps(ctx);
      await readRefreshingNow(ctx);
      const page = new URL(ctx.resolvedUrl, 'http://localhost');
      page.searchParams.delete(ACCOUNT_CENTER_RETURN.param);
      return {
        redirect: {
          destination: `${localePrefix(ctx)}${page.pathname}${page.search}`,
          permanent: false,
        },
      };
    };
  }

  return { phoneChangeUrl, refreshAfterAccountCenter };
}
