/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { decode, type JWT } from 'next-auth/jwt';
import type { Browser } from '@bookstore/mock-logto/next-auth';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { describeWithRedis, startRedis, type RedisProcess } from '../../support/redis-process';
import { fetchSession } from '../support/logto-sign-in';
import {
  PUBLIC_URL,
  sameCookiesAt,
  signInAt,
  signOut,
  waitUntilSecond,
} from './support/app-browsers';
import { startAppProcess, type AppProcess } from './support/app-process';

jest.setTimeout(120_000);

describeWithRedis('several app instances sharing one Redis', () => {
  // Several app instances behind one public URL, sharing sign-outs and refreshes through a real
  // redis-server (REDIS_URL), against logto-local with short tokens that rotate on every use.
  const ACCESS_TOKEN_TTL = 4;
  const REUSE_GRACE = 3;
  const SECRET = 'several-instances-test-secret-several-instances';
  const SESSION_COOKIE = 'next-auth.session-token';
  const REDIS_DOWN_LINE = /Redis at redis:\/\/127\.0\.0\.1:\d+\/? does not answer/g;

  let logto: LogtoLocalProcess;
  let redis: RedisProcess;
  const apps: AppProcess[] = [];

  async function startApp(env: Record<string, string> = { REDIS_URL: redis.url }) {
    const app = await startAppProcess({
      AUTH_LOGTO_ISSUER: logto.issuer,
      AUTH_LOGTO_ID: 'bookstore-local',
      AUTH_LOGTO_SECRET: 'bookstore-local-secret',
      NEXTAUTH_SECRET: SECRET,
      APP_PUBLIC_URL: PUBLIC_URL,
      ...env,
    });
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    [logto, redis] = await Promise.all([
      startLogtoLocal({
        LOGTO_LOCAL_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL),
        LOGTO_LOCAL_REFRESH_REUSE_GRACE: String(REUSE_GRACE),
        LOGTO_LOCAL_REFRESH_ROTATION: 'every-use',
      }),
      startRedis(),
    ]);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all([logto?.stop(), redis?.stop()]);
  });

  const signIn = (app: AppProcess, phone: string) => signInAt(app.origin, logto, phone);

  async function storedToken(browser: Browser): Promise<JWT> {
    return (await decode({ token: browser.cookies.get(SESSION_COOKIE)!.value, secret: SECRET }))!;
  }

  it('refuses a copy of the cookie on every instance once the session signed out on one of them', async () => {
    const [first, second] = await Promise.all([startApp(), startApp()]);
    const browser = await signIn(first, '+819012349101');
    const copy = sameCookiesAt(browser, second.origin);
    expect((await copy.request('/api/me')).status).toBe(200);

    const signedOut = await signOut(browser);
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toMatch(`${logto.issuer}/session/end?`);

    expect((await copy.request('/api/me')).status).toBe(401);
    expect(await fetchSession(sameCookiesAt(copy, second.origin))).toBeNull();
    // A third instance, started after the sign-out, refuses it from its first request on.
    const late = await startApp();
    expect((await sameCookiesAt(copy, late.origin).request('/api/me')).status).toBe(401);
  });

  it('gives an old cookie the refresh another instance made, past the 3-second reuse grace', async () => {
    const [first, second] = await Promise.all([startApp(), startApp()]);
    const browser = await signIn(first, '+819012349102');
    const asleep = sameCookiesAt(browser, second.origin);
    const original = await storedToken(browser);
    await waitUntilSecond(original.accessTokenRefreshAt!);
    expect((await fetchSession(browser))?.error).toBeNull();
    const refreshed = await storedToken(browser);
    expect(refreshed.refreshToken).not.toBe(original.refreshToken);

    // A tab that slept through the refresh wakes up at the other instance, after Logto's grace.
    await waitUntilSecond(Date.now() / 1000 + REUSE_GRACE + 1);
    expect((await fetchSession(asleep))?.error).toBeNull();
    expect((await storedToken(asleep)).refreshToken).toBe(refreshed.refreshToken);

    // Logto saw no reuse: the grant lives, and the next refresh works on both.
    await waitUntilSecond(refreshed.accessTokenRefreshAt!);
    expect((await fetchSession(browser))?.error).toBeNull();
    expect((await browser.request('/api/me')).status).toBe(200);
  });

  it('keeps serving when Redis goes down mid-run, says so in one line, and still refuses what it signed out', async () => {
    const own = await startRedis();
    const app = await startApp({ REDIS_URL: own.url });
    const browser = await signIn(app, '+819012349103');
    const copy = sameCookiesAt(browser, app.origin);
    expect((await browser.request('/api/me')).status).toBe(200);

    await own.stop();
    for (let read = 0; read < 5; read += 1) {
      expect((await browser.request('/api/me')).status).toBe(200);
      expect((await fetchSession(browser))?.error).toBeNull();
    }
    expect(app.output().match(REDIS_DOWN_LINE)).toHaveLength(1);

    expect((await signOut(browser)).status).toBe(303);
    expect((await copy.request('/api/me')).status).toBe(401);
    expect(app.output().match(REDIS_DOWN_LINE)).toHaveLength(1);
  });
});
