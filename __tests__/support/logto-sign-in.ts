/**
 * The whole sign-in as a browser does it against the real NextAuth handler and a mocked Logto:
 * csrf → POST /api/auth/signin/logto → Logto approves → callback → /api/auth/session.
 */
import type { Session } from 'next-auth';
import { SIGN_IN_ERROR_REDIRECT } from '@/lib/auth/error-redirect';
import type { LogtoUser, MockLogto } from '../../support/mock-logto';
import { Browser, type BrowserResponse } from '../../support/next-auth-driver';
import { csrfToken, fetchSession } from '../../support/next-auth-requests';

// The suites import both from here with the sign-in that uses them.
export { csrfToken, fetchSession };

export interface SignInOptions {
  callbackUrl?: string;
  /** The third argument of `signIn('logto', options, authorizationParams)`. */
  authorizationParams?: Record<string, string>;
  user?: Partial<LogtoUser>;
  /** `false`: the callback arrives without Logto's `iss` parameter. */
  includeIss?: boolean;
  /** Edits the callback URL before the browser follows it (e.g. a forged state). */
  editCallback?: (callback: URL) => void;
  /** Runs after Logto approved and before the browser reaches the callback. */
  beforeCallback?: () => void;
  /** Reuse a browser (and its cookies); a fresh one by default. */
  browser?: Browser;
}

export interface SignInOutcome {
  browser: Browser;
  /** The Logto authorize URL next-auth sent the browser to, when it got that far. */
  authorizeUrl: URL | null;
  /** Where next-auth's own redirects end (a page path, or a URL on another origin). */
  landing: string | null;
  /** The page the browser shows: `landing` after next.config's sign-in error redirect. */
  page: string | null;
  /** The callback response (its Set-Cookie headers carry the session cookie). */
  callbackResponse: BrowserResponse | null;
  /** What `/api/auth/session` answers afterwards; null when signed out. */
  session: Session | null;
}

/** Signs in through the real handler; every step is observable on the outcome. */
export async function signInWithLogto(
  origin: string,
  logto: MockLogto,
  options: SignInOptions = {},
): Promise<SignInOutcome> {
  const browser = options.browser ?? new Browser(origin);
  const extra = new URLSearchParams(options.authorizationParams ?? {}).toString();
  const signin = await browser.request(`/api/auth/signin/logto${extra ? `?${extra}` : ''}`, {
    form: {
      csrfToken: await csrfToken(browser),
      callbackUrl: options.callbackUrl ?? `${origin}/books`,
    },
  });
  const afterSignin = await browser.followApiRedirects(signin);
  const outcome: SignInOutcome = {
    browser,
    authorizeUrl: null,
    landing: afterSignin.landing,
    page: throughErrorRedirect(afterSignin.landing),
    callbackResponse: null,
    session: null,
  };
  if (!afterSignin.landing?.startsWith(`${logto.issuer}/auth?`)) {
    outcome.session = await fetchSession(browser);
    return outcome;
  }
  outcome.authorizeUrl = new URL(afterSignin.landing);
  const callback = new URL(
    logto.approve(afterSignin.landing, {
      user: options.user,
      includeIss: options.includeIss,
    }),
  );
  options.editCallback?.(callback);
  options.beforeCallback?.();
  outcome.callbackResponse = await browser.request(`${callback.pathname}${callback.search}`);
  outcome.landing = (await browser.followApiRedirects(outcome.callbackResponse)).landing;
  outcome.page = throughErrorRedirect(outcome.landing);
  outcome.session = await fetchSession(browser);
  return outcome;
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
