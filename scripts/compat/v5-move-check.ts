import { appendFileSync, readFileSync } from 'node:fs';
import { Browser } from '@bookstore/mock-logto/next-auth';
import { createClient } from 'redis';
import { encode as v4Encode, decode as v4Decode, type JWT } from 'next-auth/jwt';
import { decode as v5Decode, encode as v5Encode } from 'next-auth-v5/jwt';
import type { LogtoLocalProcess } from '../../support/logto-local-process';
import { startRedis, type RedisProcess } from '../../support/redis-process';
import { ACCESS_TOKEN_TTL, expect, signIn, withoutQuery, type Outcome } from './app-check';
import { checkAppRouter, heldSessionCookie, type AuthVersion } from './app-router-check';
import { buildApp, SECRET, startStack, type Stack } from './app-server';
import { applyV5Move } from './workspace';

/** The columns of a v4 → v5 row, in the order they run. */
export const V5_MOVE_STEPS = [
  'build',
  'start',
  'sign-in',
  'v5 start',
  'kept',
  'moved',
  'refresh',
  'sign-out',
  'v5 sign-in',
  'refused',
] as const;
/** The columns only the row that moves this repository has: its pages beyond the copy steps'. */
export const REPOSITORY_STEPS = ['account center', 'error page'] as const;
export type V5MoveStep = (typeof V5_MOVE_STEPS)[number] | (typeof REPOSITORY_STEPS)[number];

const V4_COOKIE = 'next-auth.session-token';
const V5_COOKIE = 'authjs.session-token';
const PHONE = '+819012348101';
const OTHER_SECRET = 'not-the-secret-of-this-app-not-the-secret-of-it';
/** Two builds, and the sign-in, refreshes and sign-out between them: for a hang, not for load. */
const ROW_TIMEOUT_MS = 20 * 60_000;
/** The line the row's log has between the v4 app's output and the v5 app's. */
const MOVED_LINE = '[compat] moved to Auth.js v5 by README; building again';

/** The session cookie `base` the browser holds, joined from its chunks in order. */
function heldCookie(browser: Browser, base: string): string | undefined {
  const parts = [...browser.cookies.values()]
    .filter(({ name }) => name === base || /^\.\d+$/.test(name.slice(base.length)))
    .filter(({ name }) => name.startsWith(base))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  return parts.length === 0 ? undefined : parts.map(({ value }) => value).join('');
}

async function v4Token(browser: Browser): Promise<{ raw: string; token: JWT }> {
  const raw = heldCookie(browser, V4_COOKIE);
  expect(raw, 'the v4 app left no session cookie');
  const token = await v4Decode({ token: raw, secret: SECRET });
  expect(token, 'the v4 session cookie does not decrypt');
  return { raw, token };
}

async function v5Token(browser: Browser): Promise<JWT> {
  const raw = heldCookie(browser, V5_COOKIE);
  expect(raw, 'the browser holds no v5 session cookie');
  const token = (await v5Decode({ token: raw, secret: SECRET, salt: V5_COOKIE })) as JWT | null;
  expect(token, 'the v5 session cookie does not decrypt with v5 own decode');
  return token;
}

/** v5's `/api/auth/session`: `null` when signed out (v4 answered `{}`). */
async function session(browser: Browser): Promise<{ error?: unknown; user?: unknown } | null> {
  return JSON.parse((await browser.request('/api/auth/session')).text) as {
    user?: unknown;
  } | null;
}

async function waitUntilSecond(seconds: number) {
  while (Date.now() / 1000 <= seconds) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The same jar after the deploy: the gated page, `/api/me`, and the access token refreshed. */
async function stillSignedIn(browser: Browser, before: JWT): Promise<void> {
  const books = await browser.request('/books');
  expect(
    books.status === 200 && books.text.includes(PHONE),
    `after the move, /books answered ${books.status} to ${withoutQuery(books.location)}`,
  );
  const me = await browser.request('/api/me');
  expect(me.status === 200 && me.text.includes(PHONE), `/api/me answered ${me.status}`);
  const after = await v5Token(browser);
  // The 6-second access token was long due: the first read refreshed it with v4's refresh token.
  expect(after.accessToken !== before.accessToken, 'the access token was not refreshed');
  expect(
    (after.accessTokenExpiresAt ?? 0) > (before.accessTokenExpiresAt ?? 0),
    'the refreshed access token does not expire later',
  );
  expect(after.refreshToken !== before.refreshToken, "Logto did not rotate v4's refresh token");
  expect(after.sub === before.sub && after.sessionId === before.sessionId, 'another session');
}

/**
 * The deploy of the move: stops the app, applies README's "Moving to Auth.js v5" to it, builds
 * it, and starts it again at the same URL with the same secret (logto-local keeps running).
 */
async function deployV5Move(
  stack: Stack,
  dir: string,
  logFile: string,
  repository = false,
): Promise<void> {
  await stack.redeploy(async () => {
    await applyV5Move(dir, logFile, repository);
    appendFileSync(logFile, `${MOVED_LINE}\n`);
    if (!(await buildApp(dir, logFile))) throw new Error('next build failed on v5');
  });
}

/**
 * Another tab's jar, whose first request after the deploy is `useSession`'s `/api/auth/session`
 * (v5's route handler, not a page): signed in too, and moved to v5 by that answer.
 */
async function stillSignedInThroughRoute(tab: Browser): Promise<void> {
  const current = await session(tab);
  const user = current?.user as { phoneNumber?: string } | undefined;
  expect(
    user?.phoneNumber === PHONE,
    `/api/auth/session after the move: ${JSON.stringify(current)}`,
  );
  cookieMoved(tab);
}

/** The jar holds v5's cookie and none of v4's. */
function cookieMoved(browser: Browser): void {
  const names = [...browser.cookies.keys()];
  expect(heldCookie(browser, V5_COOKIE), `no v5 session cookie: ${names.join(', ')}`);
  expect(
    heldCookie(browser, V4_COOKIE) === undefined,
    `the v4 cookie is still there: ${names.join(', ')}`,
  );
}

/** Under v5 alone: the next due access token is refreshed through v5's session route. */
async function refreshUnderV5(browser: Browser): Promise<JWT> {
  const before = await v5Token(browser);
  const dueIn = (before.accessTokenRefreshAt ?? Infinity) - Date.now() / 1000;
  expect(dueIn <= ACCESS_TOKEN_TTL, `the refresh is due in ${dueIn} s`);
  await waitUntilSecond(before.accessTokenRefreshAt!);
  const current = await session(browser);
  expect(current && current.error === null, `after refresh: ${JSON.stringify(current)}`);
  const after = await v5Token(browser);
  expect(after.accessToken !== before.accessToken, 'the access token was not replaced');
  expect(after.refreshToken !== before.refreshToken, 'the refresh token was not rotated');
  expect((await browser.request('/api/me')).status === 200, '/api/me refused the session');
  return after;
}

/** Logto's answer to a refresh with `refreshToken`: after sign-out, `invalid_grant`. */
async function refreshAtLogto(logto: LogtoLocalProcess, refreshToken: string): Promise<string> {
  const response = await fetch(`${logto.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('bookstore-local:bookstore-local-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  const body = (await response.json()) as { error?: string };
  return `${response.status} ${body.error ?? 'tokens'}`;
}

/**
 * This repository's `/account`, back from Logto's Account Center (`?from=account-center`): v5
 * refreshes at once although nothing is due, writes the cookie and sends the browser to the page
 * without the marker, which shows the number and the Account Center's link again.
 */
async function accountCenterReturn(browser: Browser, logto: LogtoLocalProcess): Promise<void> {
  const before = await v5Token(browser);
  const back = await browser.request('/account?from=account-center');
  expect(
    back.status === 307 && back.location === '/account',
    `the way back answered ${back.status} to ${withoutQuery(back.location)}`,
  );
  const after = await v5Token(browser);
  expect(after.accessToken !== before.accessToken, 'the way back did not refresh at Logto');
  expect(after.refreshToken !== before.refreshToken, 'the way back kept a spent refresh token');
  const account = await browser.request('/account');
  expect(
    account.status === 200 &&
      account.text.includes(PHONE) &&
      account.text.includes(`${logto.origin}/account/phone?redirect=`),
    `/account answered ${account.status}`,
  );
}

/** This repository's error page, for the code v5 sends most failures with: a page, not a 500. */
async function errorPage(browser: Browser): Promise<void> {
  const page = await browser.request('/auth/error?error=Configuration');
  expect(
    page.status === 200 && !page.text.includes('    at '),
    `/auth/error answered ${page.status}`,
  );
}

/** The repository's Redis store under v5: the sign-out is recorded there for every instance. */
async function signOutInRedis(redis: RedisProcess, token: JWT): Promise<void> {
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    const recorded = await client.exists(`lib-auth:signed-out:${token.sessionId}`);
    expect(recorded === 1, 'the sign-out under v5 is not in Redis');
  } finally {
    await client.quit();
  }
}

async function signOut(browser: Browser, logto: LogtoLocalProcess, token: JWT): Promise<void> {
  const csrf = JSON.parse((await browser.request('/api/auth/csrf')).text) as { csrfToken: string };
  const response = await browser.request('/api/auth/federated-sign-out', {
    form: { csrfToken: csrf.csrfToken },
  });
  expect(
    response.status === 303 && response.location?.startsWith(`${logto.origin}/oidc/session/end`),
    `sign-out answered ${response.status} to ${withoutQuery(response.location)}`,
  );
  expect((await session(browser)) === null, 'the session survived sign-out');
  const refused = await refreshAtLogto(logto, token.refreshToken!);
  expect(refused === '400 invalid_grant', `Logto still refreshes after sign-out: ${refused}`);
}

/**
 * A new sign-in under v5, through v5's built-in Logto provider with our options: Logto is asked
 * with PKCE (S256), state and nonce, for `offline_access` with `prompt=consent`; the ES384 ID
 * token is accepted and mapped to the phone number, as under v4.
 */
async function signInUnderV5(appUrl: string, logto: LogtoLocalProcess): Promise<void> {
  const browser = new Browser(appUrl);
  const csrf = JSON.parse((await browser.request('/api/auth/csrf')).text) as { csrfToken: string };
  const start = await browser.request('/api/auth/signin/logto', {
    form: { csrfToken: csrf.csrfToken, callbackUrl: '/books' },
  });
  const { landing } = await browser.followApiRedirects(start);
  expect(landing?.startsWith(`${logto.issuer}/auth`), `sign-in went to ${withoutQuery(landing)}`);
  const asked = new URL(landing!).searchParams;
  const missing = ['code_challenge', 'state', 'nonce'].filter((name) => !asked.get(name));
  expect(missing.length === 0, `v5 asked Logto without ${missing.join(', ')}`);
  expect(asked.get('code_challenge_method') === 'S256', 'v5 asked without PKCE S256');
  expect(
    asked.get('prompt') === 'consent' && asked.get('scope')?.split(' ').includes('offline_access'),
    `v5 asked for ${asked.get('scope')} with prompt=${asked.get('prompt')}`,
  );
  await signIn(browser, logto, 'speed');
  const token = await v5Token(browser);
  expect(token.refreshToken, 'Logto issued no refresh token to v5');
}

/** What a browser holding only `name=value` sees: the gated page, /api/me, the session. */
async function answersTo(appUrl: string, name: string, value: string) {
  const browser = new Browser(appUrl);
  const headers = { cookie: `${name}=${value}` };
  const books = await browser.request('/books', { headers });
  const cleared = books.setCookies.some(
    (set) => set.name === name && Number(set.attributes['max-age']) <= 0,
  );
  const me = await browser.request('/api/me', { headers });
  const current = await browser.request('/api/auth/session', { headers });
  return {
    answers: `/books ${books.status} ${books.location}; /api/me ${me.status} ${me.text}; session ${current.text}`,
    cleared,
  };
}

/**
 * A v4 cookie made with another secret, and a tampered one, get the answers a v5 cookie made
 * with another secret gets, and each response clears the cookie it could not read.
 */
async function refusedLikeV5(appUrl: string, v4: { raw: string; token: JWT }): Promise<void> {
  const v5Answer = await answersTo(
    appUrl,
    V5_COOKIE,
    await v5Encode({ token: v4.token, secret: OTHER_SECRET, salt: V5_COOKIE }),
  );
  expect(v5Answer.answers.includes('/signin?callbackUrl='), `v5 itself: ${v5Answer.answers}`);
  const parts = v4.raw.split('.');
  parts[3] = `${parts[3]![0] === 'A' ? 'B' : 'A'}${parts[3]!.slice(1)}`;
  const cases = {
    'another secret': await v4Encode({ token: v4.token, secret: OTHER_SECRET }),
    tampered: parts.join('.'),
  };
  for (const [label, value] of Object.entries(cases)) {
    const { answers, cleared } = await answersTo(appUrl, V4_COOKIE, value);
    expect(answers === v5Answer.answers, `a v4 cookie (${label}): ${answers}`);
    expect(cleared && v5Answer.cleared, `the refused cookie (${label}) was not cleared`);
  }
}

/**
 * What the v5 app printed for the cookies it refused: one line, no stack (lib/auth/v5/logger.ts),
 * where v5's own logger prints a stack for each.
 */
function quietAboutRefusedCookies(logFile: string): void {
  const log = readFileSync(logFile, 'utf8');
  const underV5 = log.slice(log.indexOf(MOVED_LINE));
  expect(underV5.includes('[auth] Ignored a session cookie that could not be read'), 'no line');
  expect(!underV5.includes('[auth][cause]'), 'the v5 app printed a stack for a refused cookie');
}

/**
 * A v4 → v5 row in `dir` (the app of all three copy steps on next-auth 4, or with `repository` a
 * copy of this repository, with a redis-server for its store): build, start and sign in; keep
 * the jar; stop the app and move it to v5 by README's steps; build and start it again with the
 * same secret and URL (logto-local keeps running); then the checks above. Each step runs only if
 * the one before passed; everything started is stopped by its pid before this returns.
 */
export async function checkV5Move(
  dir: string,
  logFile: string,
  repository = false,
): Promise<Partial<Record<V5MoveStep, Outcome>>> {
  const steps = repository ? [...V5_MOVE_STEPS, ...REPOSITORY_STEPS] : V5_MOVE_STEPS;
  const outcomes = Object.fromEntries(steps.map((step) => [step, 'skipped'])) as Partial<
    Record<V5MoveStep, Outcome>
  >;
  outcomes.build = (await buildApp(dir, logFile)) ? 'pass' : 'fail';
  if (outcomes.build === 'fail') return outcomes;

  let stack: Stack | undefined;
  let redis: RedisProcess | undefined;
  let current: V5MoveStep = 'start';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ROW_TIMEOUT_MS / 1000} s`)),
      ROW_TIMEOUT_MS,
    );
  });
  const within = <T>(step: Promise<T>) => Promise.race([step, timeout]);
  try {
    redis = repository ? await within(startRedis()) : undefined;
    stack = await within(
      // Refresh tokens that rotate on every use: each refresh shows in the cookie, and a refresh
      // token spent twice would revoke the grant.
      startStack(
        dir,
        logFile,
        {
          LOGTO_LOCAL_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL),
          LOGTO_LOCAL_REFRESH_ROTATION: 'every-use',
        },
        redis ? { REDIS_URL: redis.url } : {},
      ),
    );
    outcomes.start = 'pass';
    const appUrl = stack.appUrl.replace('localhost', '127.0.0.1');
    const browser = new Browser(appUrl);
    current = 'sign-in';
    await within(signIn(browser, stack.logto, 'speed'));
    const v4 = await v4Token(browser);
    const tab = new Browser(appUrl);
    for (const [name, cookie] of browser.cookies) tab.cookies.set(name, cookie);
    outcomes['sign-in'] = 'pass';

    current = 'v5 start';
    await within(deployV5Move(stack, dir, logFile, repository));
    outcomes['v5 start'] = 'pass';
    current = 'kept';
    await within(stillSignedIn(browser, v4.token));
    await within(stillSignedInThroughRoute(tab));
    outcomes.kept = 'pass';
    current = 'moved';
    cookieMoved(browser);
    outcomes.moved = 'pass';
    current = 'refresh';
    let refreshed = await within(refreshUnderV5(browser));
    outcomes.refresh = 'pass';
    if (repository) {
      current = 'account center';
      await within(accountCenterReturn(browser, stack.logto));
      refreshed = await v5Token(browser);
      outcomes['account center'] = 'pass';
      current = 'error page';
      await within(errorPage(browser));
      outcomes['error page'] = 'pass';
    }
    current = 'sign-out';
    await within(signOut(browser, stack.logto, refreshed));
    if (redis) await within(signOutInRedis(redis, refreshed));
    outcomes['sign-out'] = 'pass';
    current = 'v5 sign-in';
    await within(signInUnderV5(appUrl, stack.logto));
    outcomes['v5 sign-in'] = 'pass';
    current = 'refused';
    await within(refusedLikeV5(appUrl, v4));
    quietAboutRefusedCookies(logFile);
    outcomes.refused = 'pass';
  } catch (error) {
    outcomes[current] = 'fail';
    appendFileSync(logFile, `[compat] ${current} failed: ${(error as Error).stack ?? error}\n`);
  } finally {
    clearTimeout(timer);
    await stack?.stop();
    await redis?.stop();
  }
  return outcomes;
}

/**
 * The app after the move, to the App Router drive: its session is v5's cookie, or, until the
 * first answer that could write one, the v4 cookie the person came with.
 */
const AUTHJS_5: AuthVersion = {
  async storedToken(context, appUrl) {
    const v5 = await heldSessionCookie(context, appUrl, V5_COOKIE);
    const v4 = await heldSessionCookie(context, appUrl, V4_COOKIE);
    expect(v5 || v4, 'the browser holds no session cookie');
    expect(!(v5 && v4), "v5's cookie was written and the v4 one not cleared");
    const token = v5
      ? ((await v5Decode({ token: v5, secret: SECRET, salt: V5_COOKIE })) as JWT | null)
      : await v4Decode({ token: v4, secret: SECRET });
    expect(token, `the ${v5 ? 'v5' : 'v4'} session cookie does not decrypt`);
    return token;
  },
  // v4 answered `{}`.
  signedOutSession: 'null',
};

/**
 * A v4 → v5 (App Router) row in `dir` (the app of all three copy steps and README's App Router
 * pages, on next-auth 4): signed in from an `app/` page in Chromium, moved to v5 by README's
 * steps and started again, then the App Router drive of ./app-router-check.ts with the same
 * browser: refreshes through a server component, a route handler, a server action and a Pages
 * page, app/ pages alone for longer than the refresh memory, each refresh token spent once, and
 * sign-out at Logto.
 */
export function checkAppRouterV5Move(dir: string, logFile: string) {
  return checkAppRouter(dir, logFile, {
    redeploy: (stack) => deployV5Move(stack, dir, logFile),
    version: AUTHJS_5,
  });
}
