import type { Session } from 'next-auth';
import type { MockLogto } from '../mock-logto.js';
import type { LogtoUser } from '../users.js';
import { Browser, type BrowserResponse } from './browser.js';

export interface SignInOptions {
  /** Your Logto provider's `id` in the NextAuth options (default `logto`). */
  provider?: string;
  /** Where the person asked to go (default `/`). */
  callbackUrl?: string;
  /** The third argument of `signIn(provider, options, authorizationParams)`, e.g. `login_hint`. */
  authorizationParams?: Record<string, string>;
  /** Who signs in at Logto: part of a Logto user, e.g. `phoneUsers.us` (a Japanese number by default). */
  user?: Partial<LogtoUser>;
  /** `false`: the callback arrives without Logto's `iss` parameter. */
  includeIss?: boolean;
  /** Edits the callback URL before the browser follows it (e.g. a forged state). */
  editCallback?: (callback: URL) => void;
  /** Runs after Logto approved and before the browser reaches the callback. */
  beforeCallback?: () => void;
  /** A browser (and its cookies) to reuse; a fresh one by default. */
  browser?: Browser;
}

export interface SignInOutcome {
  browser: Browser;
  /** Who Logto signed in (their claims, `sub` among them), once next-auth sent the browser there. */
  user: LogtoUser | null;
  /** The Logto authorize URL next-auth sent the browser to, when it got that far. */
  authorizeUrl: URL | null;
  /** Where next-auth's redirects end: a page path, or a URL on another origin. */
  landing: string | null;
  /** The `error` next-auth put on the page it sent the browser to (`OAuthSignin`, `OAuthCallback`, …). */
  error: string | null;
  /** The callback's response (its Set-Cookie headers carry the session cookie). */
  callbackResponse: BrowserResponse | null;
  /** What `/api/auth/session` answers afterwards; null when signed out. */
  session: Session | null;
}

/** Reads `/api/auth/session` as `useSession` does; null when there is no session. */
export async function fetchSession(browser: Browser): Promise<Session | null> {
  const response = await browser.request('/api/auth/session');
  const body = JSON.parse(response.text) as Session | Record<string, never>;
  return Object.keys(body).length === 0 ? null : (body as Session);
}

/** The CSRF token next-auth hands a form (`/api/auth/csrf`), setting its cookie in the browser. */
export async function csrfToken(browser: Browser): Promise<string> {
  const response = await browser.request('/api/auth/csrf');
  return (JSON.parse(response.text) as { csrfToken: string }).csrfToken;
}

/**
 * Signs in as a person does: next-auth's sign-in form → Logto (where `logto.approve()` plays the
 * person) → the callback → `/api/auth/session`. Every step is on the outcome; a step that fails
 * ends it there, with next-auth's `error` when next-auth sent the browser to its error page. When
 * the mocked Logto is offline as the browser gets there, it stops at Logto (`landing` is the
 * authorize URL), where a browser shows that the page cannot be reached.
 */
export async function signIn(
  app: { origin: string },
  logto: MockLogto,
  options: SignInOptions = {},
): Promise<SignInOutcome> {
  const browser = options.browser ?? new Browser(app.origin);
  const extra = new URLSearchParams(options.authorizationParams ?? {}).toString();
  const start = await browser.request(
    `/api/auth/signin/${options.provider ?? 'logto'}${extra ? `?${extra}` : ''}`,
    { form: { csrfToken: await csrfToken(browser), callbackUrl: options.callbackUrl ?? '/' } },
  );
  const toLogto = await browser.followApiRedirects(start);
  const outcome: SignInOutcome = {
    browser,
    user: null,
    authorizeUrl: null,
    landing: toLogto.landing,
    error: errorOf(toLogto.landing, browser),
    callbackResponse: null,
    session: null,
  };
  if (!toLogto.landing?.startsWith(`${logto.issuer}/auth?`)) {
    outcome.session = await fetchSession(browser);
    return outcome;
  }
  outcome.authorizeUrl = new URL(toLogto.landing);
  // The browser cannot open Logto's sign-in page: the person is stuck there.
  if (logto.offline) return outcome;
  const approved = logto.authorize(toLogto.landing, {
    user: options.user,
    includeIss: options.includeIss,
  });
  outcome.user = approved.user;
  const callback = new URL(approved.callbackUrl);
  options.editCallback?.(callback);
  options.beforeCallback?.();
  outcome.callbackResponse = await browser.request(`${callback.pathname}${callback.search}`);
  outcome.landing = (await browser.followApiRedirects(outcome.callbackResponse)).landing;
  outcome.error = errorOf(outcome.landing, browser);
  outcome.session = await fetchSession(browser);
  return outcome;
}

/**
 * Signs out with next-auth's own route (`POST /api/auth/signout`), which runs your
 * `events.signOut` (where a Logto app revokes its refresh token). Returns where the browser lands.
 */
export async function signOut(
  browser: Browser,
  { callbackUrl = '/' }: { callbackUrl?: string } = {},
): Promise<{ landing: string | null; response: BrowserResponse }> {
  const response = await browser.request('/api/auth/signout', {
    form: { csrfToken: await csrfToken(browser), callbackUrl },
  });
  return { landing: (await browser.followApiRedirects(response)).landing, response };
}

/**
 * Lets the access token expire (the clock moves by its lifetime, for the app and Logto alike) and
 * reads the session, which is when a NextAuth `jwt` callback refreshes it.
 */
export async function refresh(browser: Browser, logto: MockLogto): Promise<Session | null> {
  logto.advanceClock(logto.tokenTtlSeconds);
  return fetchSession(browser);
}

function errorOf(landing: string | null, browser: Browser): string | null {
  if (landing === null) return null;
  const url = new URL(landing, browser.origin);
  return url.origin === browser.origin ? url.searchParams.get('error') : null;
}
