import type { NextConfig } from 'next';
import { AUTH_PAGES } from './routes';

/** One entry of next.config's `redirects()`, named through Next's public config type. */
type Redirect = Awaited<ReturnType<NonNullable<NextConfig['redirects']>>>[number];

/**
 * next-auth v4 sends OAuth failures (OAuthSignin, OAuthCallback, Callback, …) to the sign-in
 * page as `/signin?callbackUrl=…&error=…`, not to `pages.error`. This redirect takes them to
 * `/auth/error`, which explains every code; Next passes the query (error and callbackUrl) on.
 * @see https://next-auth.js.org/configuration/pages#sign-in-page
 * @see https://nextjs.org/docs/pages/api-reference/config/next-config-js/redirects
 */
export const SIGN_IN_ERROR_REDIRECT: Redirect = {
  source: AUTH_PAGES.signIn,
  has: [{ type: 'query', key: 'error' }],
  destination: AUTH_PAGES.error,
  permanent: false,
};
