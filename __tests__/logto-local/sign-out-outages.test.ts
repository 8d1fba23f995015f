/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from '@bookstore/mock-logto/next-auth';
import { freePort } from '../../support/free-port';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { refreshHistory } from '../../support/logto-local-grants';
import { fetchSession } from '../support/logto-sign-in';
import { PUBLIC_URL, sameCookiesAt, signInAt, signOut } from './support/app-browsers';
import { startAppProcess, type AppProcess } from './support/app-process';

jest.setTimeout(120_000);

// The app and logto-local as separate processes, with Logto down at the moments that matter: when
// the app starts, and when the person signs out.
const SECRET = 'sign-out-outages-test-secret-sign-out-outages';

let port: number;
let dataDir: string;
let logto: LogtoLocalProcess | undefined;
let app: AppProcess;
/** Another instance, started once Logto was up: sessions signed in there are the app's too. */
let other: AppProcess;

const startLogto = async () =>
  (logto = await startLogtoLocal({
    LOGTO_LOCAL_PORT: String(port),
    LOGTO_LOCAL_DATA_DIR: dataDir,
  }));

beforeAll(async () => {
  port = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-'));
  // The app first: its start-up discovery fails, as with Logto down at deploy time.
  app = await startApp();
  await startLogto();
  other = await startApp();
});
afterAll(async () => {
  await other?.stop();
  await app?.stop();
  await logto?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const startApp = () =>
  startAppProcess({
    AUTH_LOGTO_ISSUER: `http://localhost:${port}/oidc`,
    AUTH_LOGTO_ID: 'bookstore-local',
    AUTH_LOGTO_SECRET: 'bookstore-local-secret',
    NEXTAUTH_SECRET: SECRET,
    APP_PUBLIC_URL: PUBLIC_URL,
  });

const signIn = (phone: string, at = app) => signInAt(at.origin, logto!, phone);
const copyOf = (browser: Browser, at = app) => sameCookiesAt(browser, at.origin);

it('ends the Logto session at sign-out although Logto was down when the app started', async () => {
  expect(app.output()).toMatch(/Could not reach Logto at/);
  // Signed in through the other instance, so the sign-out is the first thing here to ask Logto.
  const browser = copyOf(await signIn('+819012349201', other));

  const response = await signOut(browser);

  expect(response.status).toBe(303);
  expect(response.location).toMatch(`http://localhost:${port}/oidc/session/end?`);
});

it('signs out here while Logto is down, refuses the cookie meanwhile, and revokes the grant once Logto is back', async () => {
  const phone = '+819012349202';
  const browser = await signIn(phone);
  const copy = copyOf(browser);
  await logto!.crash();

  const response = await signOut(browser);
  expect(response.status).toBe(303);
  expect(response.location).toBe('/?signedOut=local');
  expect((await copy.request('/api/me')).status).toBe(401);
  expect(await fetchSession(copyOf(copy))).toBeNull();

  await startLogto();
  expect(refreshHistory(dataDir, phone).alive).toBe(true);
  // The first retry comes 10 s after the sign-out; the app logs it once Logto's answer is in,
  // which on a busy machine is a moment after the grant is gone from Logto's store.
  const revokedLine = /Revoked a signed-out session's refresh token at Logto, on retry/;
  const until = Date.now() + 30_000;
  while (
    (refreshHistory(dataDir, phone).alive || !revokedLine.test(app.output())) &&
    Date.now() < until
  ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(refreshHistory(dataDir, phone).alive).toBe(false);
  expect(app.output()).toMatch(revokedLine);
  // Once Logto is back, the copy is still refused (here, and the grant is gone at Logto).
  expect((await copyOf(copy).request('/api/me')).status).toBe(401);
});
