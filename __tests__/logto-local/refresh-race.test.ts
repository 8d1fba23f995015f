/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { decode, type JWT } from 'next-auth/jwt';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { codeFromOutbox, signInByPhone } from '../../support/logto-local-sign-in';
import { Browser } from '@bookstore/mock-logto/next-auth';
import { fetchSession } from '../support/logto-sign-in';
import { startAppProcess, type AppProcess } from './support/app-process';

jest.setTimeout(90_000);

/** Seconds an access token lives: short, so refreshes come due within the test. */
const ACCESS_TOKEN_TTL = 4;
const REUSE_GRACE = 3;
const SECRET = 'refresh-race-test-secret-refresh-race-test-secret';
const PUBLIC_URL = 'http://localhost:3000';
const SESSION_COOKIE = 'next-auth.session-token';

let logto: LogtoLocalProcess;
const apps: AppProcess[] = [];

async function startApp(): Promise<AppProcess> {
  const app = await startAppProcess({
    AUTH_LOGTO_ISSUER: logto.issuer,
    AUTH_LOGTO_ID: 'bookstore-local',
    AUTH_LOGTO_SECRET: 'bookstore-local-secret',
    NEXTAUTH_SECRET: SECRET,
    APP_PUBLIC_URL: PUBLIC_URL,
  });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  logto = await startLogtoLocal({
    LOGTO_LOCAL_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL),
    LOGTO_LOCAL_REFRESH_REUSE_GRACE: String(REUSE_GRACE),
    // Rotation on every use makes every refresh a race that could fork or end the grant.
    LOGTO_LOCAL_REFRESH_ROTATION: 'every-use',
  });
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await logto?.stop();
});

/** Signs in through app instance `app` and logto-local's phone pages; returns the browser. */
async function signIn(app: AppProcess, phone: string): Promise<Browser> {
  const browser = new Browser(app.origin);
  const csrf = JSON.parse((await browser.request('/api/auth/csrf')).text) as { csrfToken: string };
  const signin = await browser.request('/api/auth/signin/logto', {
    form: { csrfToken: csrf.csrfToken, callbackUrl: `${PUBLIC_URL}/books` },
  });
  const { landing } = await browser.followApiRedirects(signin);
  const { callbackUrl } = await signInByPhone({
    authorizationUrl: landing!,
    phone,
    readCode: codeFromOutbox(logto.readOutbox),
  });
  await browser.request(`${callbackUrl.pathname}${callbackUrl.search}`);
  expect((await fetchSession(browser))?.error).toBeNull();
  return browser;
}

/** The same cookies, sent to another instance (a load balancer picks a different one). */
function sameCookiesAt(browser: Browser, app: AppProcess): Browser {
  const other = new Browser(app.origin);
  for (const [name, cookie] of browser.cookies) other.cookies.set(name, { ...cookie });
  return other;
}

async function storedToken(browser: Browser): Promise<JWT> {
  const token = await decode({ token: browser.cookies.get(SESSION_COOKIE)!.value, secret: SECRET });
  return token!;
}

/** Waits until the wall clock passes `seconds` since the epoch (expiry is a time condition). */
async function waitUntilSecond(seconds: number) {
  while (Date.now() / 1000 <= seconds) await new Promise((resolve) => setTimeout(resolve, 50));
}

it('rotates the refresh token through the app and keeps the person signed in across expiries', async () => {
  const [app] = [await startApp()];
  const browser = await signIn(app!, '+819012349001');
  const seen = new Set([(await storedToken(browser)).refreshToken]);

  for (let round = 0; round < 2; round += 1) {
    await waitUntilSecond((await storedToken(browser)).accessTokenRefreshAt!);
    const session = await fetchSession(browser);
    expect(session?.error).toBeNull();
    const token = await storedToken(browser);
    expect(seen.has(token.refreshToken)).toBe(false);
    seen.add(token.refreshToken);
  }
  expect((await browser.request('/api/me')).status).toBe(200);
});

it('keeps the person signed in when two app processes refresh the same session at the same moment', async () => {
  const [first, second] = await Promise.all([startApp(), startApp()]);
  const atFirst = await signIn(first, '+819012349002');
  const atSecond = sameCookiesAt(atFirst, second);
  const original = await storedToken(atFirst);
  await waitUntilSecond(original.accessTokenRefreshAt!);

  // Both instances get the same cookie at once: each has its own single-flight, so Logto sees
  // the refresh token twice, and its reuse grace answers the second use too.
  const [one, two] = await Promise.all([fetchSession(atFirst), fetchSession(atSecond)]);

  expect(one?.error).toBeNull();
  expect(two?.error).toBeNull();
  const fromFirst = await storedToken(atFirst);
  const fromSecond = await storedToken(atSecond);
  expect(fromFirst.refreshToken).not.toBe(original.refreshToken);
  expect(fromSecond.refreshToken).not.toBe(original.refreshToken);
  // Whichever Set-Cookie the browser keeps, the next refresh, after the grace, still works.
  await waitUntilSecond(
    Math.max(
      fromFirst.accessTokenRefreshAt!,
      fromSecond.accessTokenRefreshAt!,
      Date.now() / 1000 + REUSE_GRACE,
    ),
  );
  expect((await fetchSession(atFirst))?.error).toBeNull();
  expect((await fetchSession(atSecond))?.error).toBeNull();
  expect((await atSecond.request('/api/me')).status).toBe(200);
});

it('ends the session when an old refresh token comes back after the reuse grace', async () => {
  const app = await startApp();
  const browser = await signIn(app, '+819012349003');
  const stolen = sameCookiesAt(browser, app);
  await waitUntilSecond((await storedToken(browser)).accessTokenRefreshAt!);
  const refreshedAt = Date.now() / 1000;
  expect((await fetchSession(browser))?.error).toBeNull();
  await waitUntilSecond(refreshedAt + REUSE_GRACE + 1);

  // A fresh instance has no memory of the refresh; Logto sees the old token reused.
  const late = await startApp();
  const replay = await fetchSession(sameCookiesAt(stolen, late));

  expect(replay?.error).toBe('RefreshAccessTokenError');
  // Logto treats the reuse as theft and revokes the grant: the live session ends too.
  await waitUntilSecond((await storedToken(browser)).accessTokenRefreshAt!);
  expect((await fetchSession(sameCookiesAt(browser, late)))?.error).toBe('RefreshAccessTokenError');
});
