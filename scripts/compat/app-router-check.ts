import { appendFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { decode, type JWT } from 'next-auth/jwt';
import { assertChromiumInstalled, CHROMIUM_ARGS, chromiumPath } from '../../support/chromium';
import { ACCESS_TOKEN_TTL, expect, type Outcome } from './app-check';
import { buildApp, SECRET, startStack, type Stack } from './app-server';
import { refreshHistory, type RefreshHistory } from '../../support/logto-local-grants';

export const APP_ROUTER_STEPS = [
  'build',
  'start',
  'sign-in',
  'refresh',
  'app-only',
  'sign-out',
] as const;
/** A row that moves the app to Auth.js v5 between the sign-in and the refreshes has this step. */
type AppRouterStep = (typeof APP_ROUTER_STEPS)[number] | 'v5 start';

const PHONE = { typed: '+81 90 1234 8102', e164: '+819012348102' };
const SESSION_COOKIE = 'next-auth.session-token';
/** Longer than the 30 s for which the app remembers a refresh in memory. */
const APP_ONLY_BROWSING_MS = 36_000;
/** Refreshes come due halfway through a 6 s token; two within 2 s would be one due time twice. */
const MIN_MS_BETWEEN_REFRESHES = 2_000;
/** The whole drive takes about two minutes; this is for a hang, not for load. */
const DRIVE_TIMEOUT_MS = 8 * 60_000;
/** What a move adds to the drive: a `next build`, which runs for minutes on a loaded machine. */
const BUILD_TIMEOUT_MS = 15 * 60_000;

type Turn = 'server component' | 'route handler' | 'server action' | 'pages/ page';
const TURNS: Turn[] = ['server component', 'route handler', 'server action', 'pages/ page'];

/** The session cookie `name` the browser holds, joined from its chunks; `''` when none. */
export async function heldSessionCookie(
  context: BrowserContext,
  appUrl: string,
  name: string,
): Promise<string> {
  const cookies = (await context.cookies(appUrl))
    .filter((cookie) => cookie.name === name || cookie.name.startsWith(`${name}.`))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  return cookies.map(({ value }) => value).join('');
}

/** What tells next-auth 4 from Auth.js v5 to the drive: the session it stores and answers. */
export interface AuthVersion {
  /** The session token the browser holds, decrypted; throws when there is none. */
  storedToken(context: BrowserContext, appUrl: string): Promise<JWT>;
  /** `/api/auth/session`'s body once signed out. */
  signedOutSession: string;
}

const NEXT_AUTH_4: AuthVersion = {
  async storedToken(context, appUrl) {
    const cookie = await heldSessionCookie(context, appUrl, SESSION_COOKIE);
    expect(cookie, 'the browser holds no session cookie');
    const token = await decode({ token: cookie, secret: SECRET });
    expect(token, 'the session cookie does not decrypt');
    return token;
  },
  signedOutSession: '{}',
};

/**
 * A move between the sign-in and the refreshes: `redeploy` stops the app, moves and rebuilds it,
 * and starts it again at the same URL; from then on the app is `version`.
 */
export interface AppRouterMove {
  redeploy(stack: Stack): Promise<void>;
  version: AuthVersion;
}

async function waitUntil(epochSeconds: number): Promise<void> {
  const ms = epochSeconds * 1000 - Date.now() + 50;
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** What logto-local saw, and that no refresh token was spent twice so far. */
function healthyHistory(stack: Stack): RefreshHistory {
  const history = refreshHistory(stack.logto.dataDir, PHONE.e164);
  expect(history.alive, 'logto-local revoked the grant: a refresh token was used again');
  expect(history.unspent === 1, `${history.unspent} unspent refresh tokens: one was used twice`);
  return history;
}

async function expectShelf(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Your shelf' }).waitFor();
  const text = await page.locator('main').innerText();
  expect(text.includes(`Signed in as ${PHONE.e164}`), `the shelf says: ${text}`);
}

/**
 * From the app/ sign-in page, phone first: the gate sends the visitor there, the number goes to
 * logto-local prefilled, the code comes from its outbox, and a new account lands on /shelf.
 */
async function signIn(page: Page, stack: Stack): Promise<void> {
  await page.goto(`${stack.appUrl}/shelf`);
  await page.waitForURL(`${stack.appUrl}/signin?callbackUrl=%2Fshelf`);
  await page.getByLabel('Phone number').fill(PHONE.typed);
  const since = Date.now();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${stack.logto.origin}/interaction/`));
  expect((await page.locator('#phone').inputValue()) !== '', 'the number was not prefilled');
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = await codeSentSince(stack, since);
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${stack.appUrl}/shelf`);
  await expectShelf(page);
  // The layout's SessionProvider hands the same session to a client component.
  await page.getByText(`In the browser: ${PHONE.e164}`).waitFor();
}

async function codeSentSince(stack: Stack, since: number): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const sent = (await stack.logto.readOutbox()).find(
      (entry) =>
        (entry.to === PHONE.e164 || `+${entry.to}` === PHONE.e164) &&
        Date.parse(entry.sentAt) >= since,
    );
    if (sent) return sent.code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no code in the dev outbox');
}

/**
 * Waits until the access token is due, then uses the session once through `turn`. Exactly one
 * refresh must follow, stored in the browser, and nothing may have been spent twice.
 */
async function refreshThrough(
  turn: Turn,
  page: Page,
  stack: Stack,
  { storedToken }: AuthVersion,
  log: (line: string) => void,
) {
  const { appUrl } = stack;
  if (turn === 'server action' || turn === 'pages/ page') {
    // Start from the shelf while the token is fresh: the page load itself must not refresh.
    await page.goto(`${appUrl}/shelf`);
    await expectShelf(page);
  }
  const before = await storedToken(page.context(), appUrl);
  const spentBefore = healthyHistory(stack).spentAt.length;
  await waitUntil(before.accessTokenRefreshAt!);

  if (turn === 'server component') {
    const response = await page.goto(`${appUrl}/shelf`);
    const chain: string[] = [];
    for (let request = response?.request() ?? null; request; request = request.redirectedFrom()) {
      chain.unshift(new URL(request.url()).pathname);
    }
    expect(
      chain.slice(0, 3).join(' → ') === '/shelf → /api/auth/refresh → /shelf',
      `the page load went ${chain.join(' → ')}, not through the refresh route`,
    );
    await expectShelf(page);
  } else if (turn === 'route handler') {
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/shelf');
      return { status: response.status, body: (await response.json()) as unknown };
    });
    expect(
      answer.status === 200 && (answer.body as { phoneNumber?: string }).phoneNumber === PHONE.e164,
      `/api/shelf answered ${JSON.stringify(answer)}`,
    );
  } else if (turn === 'server action') {
    await page.getByRole('button', { name: 'Mark Kokoro as read' }).click();
    await page.getByText('Marked as read: Kokoro').waitFor();
    await expectShelf(page);
  } else {
    await page.getByRole('link', { name: 'Books (pages/)' }).click();
    await page.waitForURL(`${appUrl}/books`);
    await page.getByText(`Signed in as ${PHONE.e164}`).waitFor();
  }

  const after = await storedToken(page.context(), appUrl);
  const { spentAt } = healthyHistory(stack);
  const spent = spentAt.length - spentBefore;
  log(`refresh through the ${turn}: ${spent} refresh token(s) spent`);
  // One, unless the machine is so slow that the new token came due again before the page was
  // served; then each refresh must still have waited for its own due time.
  expect(spent >= 1, `the ${turn} did not refresh the due session`);
  expectOneRefreshPerDueTime(spentAt);
  expect(after.accessToken !== before.accessToken, `the ${turn} did not store the new tokens`);
}

/** No refresh token was spent before the access token of the one before it came due. */
function expectOneRefreshPerDueTime(spentAt: number[]): void {
  const gaps = spentAt.slice(1).map((at, index) => at - spentAt[index]!);
  expect(
    gaps.every((gap) => gap >= MIN_MS_BETWEEN_REFRESHES),
    `two refreshes within one due time: ${gaps.join(', ')} ms apart`,
  );
}

/** Only app/ pages, reloaded for longer than any in-memory memory of a refresh lasts. */
async function browseAppOnly(page: Page, stack: Stack, log: (line: string) => void) {
  const spentBefore = healthyHistory(stack).spentAt.length;
  const started = Date.now();
  let loads = 0;
  while (Date.now() - started < APP_ONLY_BROWSING_MS) {
    await page.goto(`${stack.appUrl}/shelf`);
    await expectShelf(page);
    loads += 1;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const { spentAt } = healthyHistory(stack);
  const refreshes = spentAt.length - spentBefore;
  const seconds = (Date.now() - started) / 1000;
  log(`app/ only: ${loads} page loads in ${seconds.toFixed(0)} s, ${refreshes} refreshes`);
  // A 6 s token is due after 3 s, so every load that comes 3 s after a refresh refreshes. On a
  // loaded machine a load takes seconds and may come just short of that: one per two lifetimes.
  expect(
    refreshes >= Math.floor(seconds / (2 * ACCESS_TOKEN_TTL)),
    `${refreshes} refreshes in ${seconds} s`,
  );
  expectOneRefreshPerDueTime(spentAt);
  // Still signed in on both sides.
  await page.goto(`${stack.appUrl}/books`);
  await page.getByText(`Signed in as ${PHONE.e164}`).waitFor();
  const me = await page.request.get(`${stack.appUrl}/api/me`);
  expect(me.status() === 200, `/api/me answered ${me.status()}`);
}

/** The app/ page's sign-out button ends the Logto session: the next sign-in asks for a code. */
async function signOut(page: Page, stack: Stack, version: AuthVersion) {
  await page.goto(`${stack.appUrl}/shelf`);
  await expectShelf(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${stack.appUrl}/`);
  const session = await page.request.get(`${stack.appUrl}/api/auth/session`);
  const answer = JSON.stringify(await session.json());
  expect(answer === version.signedOutSession, `the session survived sign-out: ${answer}`);
  await page.goto(`${stack.appUrl}/shelf`);
  await page.waitForURL(`${stack.appUrl}/signin?callbackUrl=%2Fshelf`);
  await page.getByLabel('Phone number').fill(PHONE.typed);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${stack.logto.origin}/interaction/`));
  await page.getByRole('button', { name: 'Send code' }).waitFor();
}

/**
 * Builds and starts the app with `pages/` and `app/` made from README in `dir`, against a
 * logto-local whose 6 s access tokens are due every 3 s and whose refresh tokens rotate on every
 * use (any refresh token spent twice then revokes the grant), and drives it in Chromium: sign-in
 * from an app/ page; two rounds of refreshes through a server component, a route handler, a
 * server action and a pages/ page in turns; over 30 s of app/ pages only; sign-out from an app/
 * page. logto-local's own database says how many refreshes there were and that none was spent
 * twice. With `move`, the app signed in on next-auth 4 is moved (to Auth.js v5) and started
 * again before the refreshes, with the same browser: the person must not notice.
 */
export async function checkAppRouter(
  dir: string,
  logFile: string,
  move?: AppRouterMove,
): Promise<Partial<Record<AppRouterStep, Outcome>>> {
  const steps: AppRouterStep[] = [...APP_ROUTER_STEPS];
  if (move) steps.splice(steps.indexOf('refresh'), 0, 'v5 start');
  const outcomes = Object.fromEntries(steps.map((step) => [step, 'skipped'])) as Partial<
    Record<AppRouterStep, Outcome>
  >;
  const log = (line: string) => appendFileSync(logFile, `[compat] ${line}\n`);
  assertChromiumInstalled();
  outcomes.build = (await buildApp(dir, logFile)) ? 'pass' : 'fail';
  if (outcomes.build === 'fail') return outcomes;

  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let current: AppRouterStep = 'start';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const hang = DRIVE_TIMEOUT_MS + (move ? BUILD_TIMEOUT_MS : 0);
    timer = setTimeout(() => reject(new Error('the drive hung')), hang);
  });
  const within = <T>(step: Promise<T>) => Promise.race([step, timeout]);
  try {
    stack = await within(
      startStack(dir, logFile, {
        LOGTO_LOCAL_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL),
        LOGTO_LOCAL_REFRESH_ROTATION: 'every-use',
      }),
    );
    outcomes.start = 'pass';
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(30_000);
    current = 'sign-in';
    await within(signIn(page, stack));
    outcomes['sign-in'] = 'pass';
    if (move) {
      current = 'v5 start';
      await within(move.redeploy(stack));
      outcomes['v5 start'] = 'pass';
    }
    const version = move?.version ?? NEXT_AUTH_4;
    current = 'refresh';
    for (const turn of [...TURNS, ...TURNS]) {
      await within(refreshThrough(turn, page, stack, version, log));
    }
    outcomes.refresh = 'pass';
    current = 'app-only';
    await within(browseAppOnly(page, stack, log));
    outcomes['app-only'] = 'pass';
    current = 'sign-out';
    await within(signOut(page, stack, version));
    outcomes['sign-out'] = 'pass';
  } catch (error) {
    outcomes[current] = 'fail';
    log(`${current} failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await stack?.stop();
  }
  return outcomes;
}
