import type { GetServerSidePropsContext } from 'next';

/**
 * The paths the auth code sends people and requests to, one home for each. The pages and routes
 * themselves are the app's: see README, "Files to copy, in order".
 */
export const AUTH_PAGES = {
  /** next-auth's `pages.signIn`: the app's phone-first sign-in page. */
  signIn: '/signin',
  /** next-auth's `pages.error`: every next-auth error code explained. */
  error: '/auth/error',
} as const;

/** The POST route that signs out here and at Logto (`federatedSignOut`). */
export const FEDERATED_SIGN_OUT_PATH = '/api/auth/federated-sign-out';

/**
 * The route handler that refreshes the session and writes its cookie, for a server component
 * that found the access token due and may not write a cookie itself (`refreshSessionRoute`).
 */
const SESSION_REFRESH_PATH = '/api/auth/refresh';

/** Where a person lands when the sign-out could not reach Logto: home, with a notice saying so. */
export const SIGNED_OUT_LOCALLY_PATH = '/?signedOut=local';

/** The sign-in page (with a locale prefix such as `/ja`), remembering where to come back to. */
export function signInPath(callbackUrl: string, localePrefix = ''): string {
  return `${localePrefix}${AUTH_PAGES.signIn}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

/** The refresh route, coming back to `callbackUrl` once the new cookie is written. */
export function sessionRefreshPath(callbackUrl: string): string {
  return `${SESSION_REFRESH_PATH}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

/** The `/ja`-style prefix of a request in a non-default locale (Pages Router i18n). */
export function localePrefix(ctx: Pick<GetServerSidePropsContext, 'locale' | 'defaultLocale'>) {
  return ctx.locale && ctx.locale !== ctx.defaultLocale ? `/${ctx.locale}` : '';
}

/**
 * `Cache-Control` of every answer that depends on the session: a gated page, a `withSession` API
 * route, the refresh route. A shared cache must never keep one person's answer for another.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cache-Control#private
 */
export const PRIVATE_NO_STORE = 'private, no-store';
