import { appendFileSync } from 'node:fs';
import { decode, type JWT } from 'next-auth/jwt';
import type { LogtoLocalProcess } from '../../support/logto-local-process';
import { codeFromOutbox, signInByPhone } from '../../support/logto-local-sign-in';
import { Browser, fetchSession } from '@bookstore/mock-logto/next-auth';
import { formatPhone } from '../../lib/phone';
import { buildApp, SECRET, startStack, type Stack } from './app-server';
import type { CopyStop } from './matrix';

export const APP_STEPS = ['build', 'start', 'sign-in', 'refresh', 'sign-out'] as const;
export type AppStep = (typeof APP_STEPS)[number];
export type Outcome = 'pass' | 'fail' | 'skipped';

/** Seconds an access token lives at logto-local here: short, so a refresh comes due at once. */
export const ACCESS_TOKEN_TTL = 6;
const PHONE = '+819012348101';
const SESSION_COOKIE = 'next-auth.session-token';
/** Sign-in, refresh and sign-out together take seconds; this is for a hang, not for load. */
const HTTP_STEPS_TIMEOUT_MS = 5 * 60_000;

/** A URL without its query, for messages: an end-session URL carries the ID token. */
export function withoutQuery(url: string | null): string {
  if (url === null) return 'nowhere';
  const parsed = new URL(url, 'http://app.invalid');
  return `${parsed.origin === 'http://app.invalid' ? '' : parsed.origin}${parsed.pathname}`;
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function storedToken(browser: Browser): Promise<JWT> {
  const cookie = browser.cookies.get(SESSION_COOKIE);
  expect(cookie, 'no session cookie');
  const token = await decode({ token: cookie.value, secret: SECRET });
  expect(token, 'the session cookie does not decrypt');
  return token;
}

async function waitUntilSecond(seconds: number) {
  while (Date.now() / 1000 <= seconds) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Sign-in through the real pages of logto-local: gate, next-auth, phone and code, callback. From
 * the core on, the session carries the phone number; the plain provider's default session only
 * the name, which the profile mapping fills with the formatted number.
 */
export async function signIn(
  browser: Browser,
  logto: LogtoLocalProcess,
  stop: CopyStop,
): Promise<void> {
  const gated = await browser.request('/books');
  expect(
    gated.status >= 300 && gated.status < 400 && gated.location?.includes('/signin?callbackUrl='),
    `signed out, /books answered ${gated.status} to ${withoutQuery(gated.location)}, not /signin`,
  );
  const csrf = JSON.parse((await browser.request('/api/auth/csrf')).text) as { csrfToken: string };
  const signin = await browser.request('/api/auth/signin/logto', {
    form: { csrfToken: csrf.csrfToken, callbackUrl: '/books' },
  });
  const { landing } = await browser.followApiRedirects(signin);
  expect(
    landing !== null && landing.startsWith(`${logto.issuer}/auth`),
    `sign-in went to ${withoutQuery(landing)}, not Logto`,
  );
  const { callbackUrl } = await signInByPhone({
    authorizationUrl: landing,
    phone: PHONE,
    readCode: codeFromOutbox(() => logto.readOutbox()),
  });
  const callback = await browser.request(`${callbackUrl.pathname}${callbackUrl.search}`);
  expect(
    callback.status === 302 && !callback.location?.includes('error'),
    `callback answered ${callback.status} to ${callback.location}`,
  );
  const session = await fetchSession(browser);
  const shown = stop === 'provider' ? formatPhone(PHONE, 'international') : PHONE;
  const held = stop === 'provider' ? session?.user.name : session?.user.phoneNumber;
  expect(held === shown, `session: ${JSON.stringify(session)}`);
  const books = await browser.request('/books');
  expect(books.status === 200 && books.text.includes(shown), `/books answered ${books.status}`);
  if (stop === 'provider') return;
  const me = await browser.request('/api/me');
  expect(me.status === 200 && me.text.includes(PHONE), `/api/me answered ${me.status}`);
}

/** Waits for the access token to come due; the next session read must refresh it. */
async function refresh(browser: Browser): Promise<void> {
  const before = await storedToken(browser);
  expect(before.refreshToken, 'no refresh token was stored at sign-in');
  const dueIn = (before.accessTokenRefreshAt ?? Infinity) - Date.now() / 1000;
  expect(
    dueIn <= ACCESS_TOKEN_TTL,
    `the refresh is due in ${dueIn} s, after the ${ACCESS_TOKEN_TTL} s access token expired`,
  );
  await waitUntilSecond(before.accessTokenRefreshAt!);
  const session = await fetchSession(browser);
  expect(session && session.error === null, `after refresh: ${JSON.stringify(session)}`);
  const after = await storedToken(browser);
  expect(after.accessToken !== before.accessToken, 'the access token was not replaced');
  expect(
    (after.accessTokenExpiresAt ?? 0) > (before.accessTokenExpiresAt ?? 0),
    'the new access token does not expire later',
  );
  expect(
    (await browser.request('/api/me')).status === 200,
    '/api/me refused the refreshed session',
  );
}

/** POST with the CSRF token: 303 to logto-local's end-session endpoint, local session gone. */
async function signOut(browser: Browser, logto: LogtoLocalProcess): Promise<void> {
  const csrf = JSON.parse((await browser.request('/api/auth/csrf')).text) as { csrfToken: string };
  const response = await browser.request('/api/auth/federated-sign-out', {
    form: { csrfToken: csrf.csrfToken },
  });
  expect(
    response.status === 303 && response.location?.startsWith(`${logto.origin}/oidc/session/end`),
    `sign-out answered ${response.status} to ${withoutQuery(response.location)}`,
  );
  expect((await fetchSession(browser)) === null, 'the session survived sign-out');
}

/**
 * Builds and starts the app of one copy stop in `dir` with the project's Node, then signs in
 * against a fresh logto-local over HTTP, and from the core on refreshes and signs out. Each step
 * runs only if the one before passed; everything started is stopped by its pid before this
 * returns.
 */
export async function checkCopyStop(
  dir: string,
  logFile: string,
  stop: CopyStop,
): Promise<Partial<Record<AppStep, Outcome>>> {
  const steps = stop === 'provider' ? APP_STEPS.slice(0, 3) : APP_STEPS;
  const outcomes = Object.fromEntries(steps.map((step) => [step, 'skipped'])) as Partial<
    Record<AppStep, Outcome>
  >;
  outcomes.build = (await buildApp(dir, logFile)) ? 'pass' : 'fail';
  if (outcomes.build === 'fail') return outcomes;

  let stack: Stack | undefined;
  let current: AppStep = 'start';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${HTTP_STEPS_TIMEOUT_MS / 1000} s`)),
      HTTP_STEPS_TIMEOUT_MS,
    );
  });
  const within = <T>(step: Promise<T>) => Promise.race([step, timeout]);
  try {
    stack = await within(
      startStack(dir, logFile, { LOGTO_LOCAL_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL) }),
    );
    outcomes.start = 'pass';
    // next start listens on 127.0.0.1; the driver keeps cookies whatever the host.
    const browser = new Browser(stack.appUrl.replace('localhost', '127.0.0.1'));
    current = 'sign-in';
    await within(signIn(browser, stack.logto, stop));
    outcomes['sign-in'] = 'pass';
    if (stop === 'provider') return outcomes;
    current = 'refresh';
    await within(refresh(browser));
    outcomes.refresh = 'pass';
    current = 'sign-out';
    await within(signOut(browser, stack.logto));
    outcomes['sign-out'] = 'pass';
  } catch (error) {
    outcomes[current] = 'fail';
    appendFileSync(logFile, `[compat] ${current} failed: ${(error as Error).stack ?? error}\n`);
  } finally {
    clearTimeout(timer);
    await stack?.stop();
  }
  return outcomes;
}
