import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { decode, type JWT } from 'next-auth/jwt';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { codeFromOutbox, signInByPhone } from '../../support/logto-local-sign-in';
import { Browser, fetchSession } from '@bookstore/mock-logto/next-auth';
import { formatPhone } from '../../lib/phone';
import { onInterrupt, runCommand, stopGroup } from './run-command';

export const APP_STEPS = ['build', 'start', 'sign-in', 'refresh', 'sign-out'] as const;
export type AppStep = (typeof APP_STEPS)[number];
export type Outcome = 'pass' | 'fail' | 'skipped';

/** Seconds an access token lives at logto-local here: short, so a refresh comes due at once. */
const ACCESS_TOKEN_TTL = 6;
const SECRET = 'bookstore-compat-secret-bookstore-compat-secret';
const PHONE = '+819012348101';
const SESSION_COOKIE = 'next-auth.session-token';
/** Sign-in, refresh and sign-out together take seconds; this is for a hang, not for load. */
const HTTP_STEPS_TIMEOUT_MS = 5 * 60_000;
/** The client logto-local seeds from logto.config.json. */
const CLIENT = { AUTH_LOGTO_ID: 'bookstore-local', AUTH_LOGTO_SECRET: 'bookstore-local-secret' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A URL without its query, for messages: an end-session URL carries the ID token. */
function withoutQuery(url: string | null): string {
  if (url === null) return 'nowhere';
  const parsed = new URL(url, 'http://app.invalid');
  return `${parsed.origin === 'http://app.invalid' ? '' : parsed.origin}${parsed.pathname}`;
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The environment a child gets: this one, minus any auth settings of the person running it. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
  for (const name of ['NEXTAUTH_URL', 'NEXTAUTH_SECRET', 'AUTH_SECRET', 'NODE_ENV']) {
    if (!(name in extra)) delete env[name];
  }
  for (const name of Object.keys(env)) {
    if (name.startsWith('AUTH_LOGTO_') && !(name in extra)) delete env[name];
  }
  return env;
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

/** Polls until the app answers, or its process exits. */
async function waitForApp(origin: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && !exited()) {
    try {
      const response = await fetch(`${origin}/api/auth/csrf`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(exited() ? 'next start exited' : 'next start did not answer in time');
}

/**
 * Sign-in through the real pages of logto-local: gate, next-auth, phone and code, callback. The
 * full app's session carries the phone number; the plain provider's default session only the
 * name, which the profile mapping fills with the formatted number.
 */
async function signIn(
  browser: Browser,
  logto: LogtoLocalProcess,
  kind: 'app' | 'provider',
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
  const shown = kind === 'app' ? PHONE : formatPhone(PHONE, 'international');
  const held = kind === 'app' ? session?.user.phoneNumber : session?.user.name;
  expect(held === shown, `session: ${JSON.stringify(session)}`);
  const books = await browser.request('/books');
  expect(books.status === 200 && books.text.includes(shown), `/books answered ${books.status}`);
  if (kind === 'provider') return;
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
 * Builds and starts the copy in `dir` with the project's Node, then signs in against a fresh
 * logto-local, refreshes and signs out over HTTP. Each step runs only if the one before passed.
 * Everything started here is stopped by its pid before this returns.
 */
export async function checkApp(
  dir: string,
  logFile: string,
  kind: 'app' | 'provider',
): Promise<Partial<Record<AppStep, Outcome>>> {
  const steps = kind === 'app' ? APP_STEPS : APP_STEPS.slice(0, 3);
  const outcomes = Object.fromEntries(steps.map((step) => [step, 'skipped'])) as Partial<
    Record<AppStep, Outcome>
  >;
  const nextBin = path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next');
  const log = (line: string) => appendFileSync(logFile, `[compat] ${line}\n`);

  const built = await runCommand(process.execPath, [nextBin, 'build'], {
    cwd: dir,
    env: cleanEnv({}),
    logFile,
    timeoutMs: 15 * 60_000,
  });
  outcomes.build = built === 0 ? 'pass' : 'fail';
  if (built !== 0) return outcomes;

  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  let logto: LogtoLocalProcess | undefined;
  let app: ReturnType<typeof spawn> | undefined;
  let current: AppStep = 'start';
  const forget = onInterrupt(async () => {
    stopGroup(app?.pid);
    await logto?.stop();
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${HTTP_STEPS_TIMEOUT_MS / 1000} s`)),
      HTTP_STEPS_TIMEOUT_MS,
    );
  });
  const within = <T>(step: Promise<T>) => Promise.race([step, timeout]);
  try {
    logto = await within(
      startLogtoLocal({
        LOGTO_LOCAL_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL),
        LOGTO_LOCAL_APP_URL: appUrl,
      }),
    );
    app = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: dir,
      env: cleanEnv({
        ...CLIENT,
        AUTH_LOGTO_ISSUER: logto.issuer,
        NEXTAUTH_URL: appUrl,
        NEXTAUTH_SECRET: SECRET,
      }),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
    app.stderr!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
    const origin = `http://127.0.0.1:${port}`;
    await within(waitForApp(origin, () => app!.exitCode !== null || app!.signalCode !== null));
    outcomes.start = 'pass';

    const browser = new Browser(origin);
    current = 'sign-in';
    await within(signIn(browser, logto, kind));
    outcomes['sign-in'] = 'pass';
    if (kind === 'provider') return outcomes;
    current = 'refresh';
    await within(refresh(browser));
    outcomes.refresh = 'pass';
    current = 'sign-out';
    await within(signOut(browser, logto));
    outcomes['sign-out'] = 'pass';
  } catch (error) {
    outcomes[current] = 'fail';
    log(`${current} failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    clearTimeout(timer);
    forget();
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      stopGroup(app.pid);
      await exited;
    }
    await logto?.stop();
  }
  return outcomes;
}
