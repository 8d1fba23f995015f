/**
 * The whole sign-in as a browser does it against the real NextAuth handler and the mocked Logto
 * (`signIn` of @bookstore/mock-logto/next-auth), plus the page the Bookstore app then shows: its
 * next.config redirects next-auth's sign-in errors to its own error page.
 */
import { SIGN_IN_ERROR_REDIRECT } from '@/lib/auth/error-redirect';
import type { MockLogto } from '@bookstore/mock-logto';
import {
  signIn,
  type SignInOptions,
  type SignInOutcome as DriverOutcome,
} from '@bookstore/mock-logto/next-auth';

export { csrfToken, fetchSession } from '@bookstore/mock-logto/next-auth';

export interface SignInOutcome extends DriverOutcome {
  /** The page the browser shows: `landing` after next.config's sign-in error redirect. */
  page: string | null;
}

/** Signs in through the real handler, to `/books` unless told otherwise; every step is on the outcome. */
export async function signInWithLogto(
  origin: string,
  logto: MockLogto,
  options: SignInOptions = {},
): Promise<SignInOutcome> {
  const outcome = await signIn({ origin }, logto, {
    ...options,
    callbackUrl: options.callbackUrl ?? `${origin}/books`,
  });
  return { ...outcome, page: throughErrorRedirect(outcome.landing) };
}

/**
 * Applies next.config's sign-in error redirect the way Next does (the query passes through),
 * since the driver serves API routes only.
 */
export function throughErrorRedirect(landing: string | null): string | null {
  if (landing === null || !landing.startsWith('/')) return landing;
  const url = new URL(landing, 'http://app.invalid');
  const { source, has = [], destination } = SIGN_IN_ERROR_REDIRECT;
  const locale = /^\/(ja)(\/.*)$/.exec(url.pathname);
  const path = locale?.[2] ?? url.pathname;
  const hasAll = has.every(
    (condition) => condition.type === 'query' && url.searchParams.has(condition.key),
  );
  if (path !== source || !hasAll) return landing;
  return `${locale ? `/${locale[1]}` : ''}${destination}${url.search}`;
}
