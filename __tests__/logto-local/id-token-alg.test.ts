/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { decodeProtectedHeader } from 'jose';
import { decode } from 'next-auth/jwt';
import { findIdTokenAlgMismatch } from '@/lib/auth/id-token-alg-mismatch';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { codeFromOutbox, signInByPhone } from '../../support/logto-local-sign-in';
import { Browser } from '@bookstore/mock-logto/next-auth';
import { fetchSession } from '../support/logto-sign-in';
import { startAppProcess, type AppProcess } from './support/app-process';

jest.setTimeout(90_000);

const SECRET = 'id-token-alg-test-secret-id-token-alg-test-secret';
const PUBLIC_URL = 'http://localhost:3000';

// A Logto tenant whose signing keys were switched to RSA, as logto-local plays it.
let logto: LogtoLocalProcess;
const apps: AppProcess[] = [];

beforeAll(async () => {
  logto = await startLogtoLocal({ LOGTO_LOCAL_SIGNING_ALG: 'RS256' });
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await logto?.stop();
});

async function startApp(env: Record<string, string> = {}): Promise<AppProcess> {
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

/** Signs in through the app and logto-local's phone pages; returns where the callback sent us. */
async function signIn(app: AppProcess, phone: string) {
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
  const callback = await browser.request(`${callbackUrl.pathname}${callbackUrl.search}`);
  return { browser, location: callback.location };
}

describe('a Logto tenant that signs ID tokens with RS256', () => {
  it('ends every sign-in in OAuthCallback while the app expects the ES384 default', async () => {
    const app = await startApp();
    const { browser, location } = await signIn(app, '+819012348001');
    expect(location).toContain('error=OAuthCallback');
    expect(await fetchSession(browser)).toBeNull();
  });

  it('is found to sign with RS256, so the error page can name AUTH_LOGTO_ID_TOKEN_ALG=RS256', async () => {
    expect(await findIdTokenAlgMismatch({ issuer: logto.issuer })).toEqual({
      used: 'RS256',
      expected: 'ES384',
    });
  });

  it('signs people in once AUTH_LOGTO_ID_TOKEN_ALG=RS256 is set', async () => {
    const app = await startApp({ AUTH_LOGTO_ID_TOKEN_ALG: 'RS256' });
    const { browser, location } = await signIn(app, '+819012348002');
    expect(location).toBe(`${PUBLIC_URL}/books`);
    const session = await fetchSession(browser);
    expect(session?.user.phoneNumber).toBe('+819012348002');
    const token = await decode({
      token: browser.cookies.get('next-auth.session-token')!.value,
      secret: SECRET,
    });
    expect(decodeProtectedHeader(token!.idToken as string).alg).toBe('RS256');
  });
});
