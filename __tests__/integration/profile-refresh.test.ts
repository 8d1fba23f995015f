/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { GetServerSidePropsContext } from 'next';
import { setupServer } from 'msw/node';
import { forgetRefreshes } from '@/lib/auth/tokens';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  type Browser,
  type NextApiServer,
} from '@bookstore/mock-logto/next-auth';
import { fetchSession, signInWithLogto } from '../support/logto-sign-in';
import {
  controlClock,
  copyBrowser,
  readSessionCookie,
  SESSION_COOKIE,
  startTokenApp,
} from './support/token-app';

const TOKEN_TTL = 3600;
const OLD = { claim: '819012345678', e164: '+819012345678', shown: '+81 90 1234 5678' };
const NEW = { claim: '819087654321', e164: '+819087654321', shown: '+81 90 8765 4321' };
let logto: MockLogto;
let app: NextApiServer;
let network: ReturnType<typeof setupServer>;

beforeAll(async () => {
  logto = createMockLogto({ tokenTtlSeconds: TOKEN_TTL });
  network = setupServer(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startTokenApp(logto);
});
afterEach(() => {
  logto.reset();
  forgetRefreshes();
  jest.restoreAllMocks();
});
afterAll(async () => {
  await app.close();
  network.close();
});

let signedInAs = '';

/** Signed in as a person without a name, so the display name is the number. */
async function signedIn(): Promise<Browser> {
  const { browser, session } = await signInWithLogto(app.origin, logto, {
    user: { name: null, username: null, phone_number: OLD.claim },
  });
  expect(session?.user).toMatchObject({ phoneNumber: OLD.e164, name: OLD.shown });
  signedInAs = session!.user.id;
  return browser;
}

/** Logto's Account Center moved the account to NEW: its next ID token says so. */
function numberChangedAtLogto() {
  logto.changePhoneNumber(signedInAs, NEW.e164);
}

/**
 * Runs a gated page's getServerSideProps, wrapped as /account's is, for `url` with the browser's
 * cookies, as Next does for a page request, and stores the cookie it sets back in the browser.
 * (lib/auth alone: the compatibility matrix runs these suites without the app's pages.)
 */
async function openAccountPage(browser: Browser, url: string, locale = 'en') {
  const { refreshAfterAccountCenter, requireSession } = await import('@/lib/auth/server');
  const getServerSideProps = refreshAfterAccountCenter(requireSession());
  const cookies = Object.fromEntries(
    [...browser.cookies].map(([name, cookie]) => [name, cookie.value]),
  );
  const setCookies: string[] = [];
  const res = {
    getHeader: () => setCookies,
    setHeader: (name: string, value: string | string[]) => {
      if (name.toLowerCase() === 'set-cookie')
        setCookies.splice(0, setCookies.length, ...[value].flat());
    },
  };
  const parsed = new URL(url, app.origin);
  const ctx = {
    req: {
      headers: {
        cookie: Object.entries(cookies)
          .map(([name, value]) => `${name}=${value}`)
          .join('; '),
        host: new URL(app.origin).host,
      },
      cookies,
      method: 'GET',
      url,
    },
    res,
    // Next's resolvedUrl leaves the locale prefix out.
    resolvedUrl: `${parsed.pathname.replace(/^\/ja(?=\/)/, '')}${parsed.search}`,
    query: Object.fromEntries(parsed.searchParams),
    locale,
    defaultLocale: 'en',
    locales: ['en', 'ja'],
  } as unknown as GetServerSidePropsContext;
  const result = await getServerSideProps(ctx);
  for (const header of setCookies) {
    const [pair] = header.split(';');
    const name = pair!.slice(0, pair!.indexOf('='));
    if (name === SESSION_COOKIE) {
      browser.cookies.set(name, { name, value: pair!.slice(name.length + 1), attributes: {} });
    }
  }
  return result;
}

async function tokenRequestsDuring(action: () => Promise<unknown>): Promise<number> {
  const before = logto.requests.token;
  await action();
  return logto.requests.token - before;
}

describe('a number changed at Logto', () => {
  it('reaches the session, /api/me and the display name on the next refresh', async () => {
    const browser = await signedIn();
    numberChangedAtLogto();
    controlClock().advance(TOKEN_TTL - 10);

    const session = await fetchSession(browser);
    const me = JSON.parse((await browser.request('/api/me')).text) as Record<string, unknown>;

    expect(session?.user).toMatchObject({
      phoneNumber: NEW.e164,
      name: NEW.shown,
      phoneNumberVerified: true,
    });
    expect(me).toMatchObject({ phoneNumber: NEW.e164, name: NEW.shown });
    expect(JSON.stringify([session, me])).not.toMatch(/1234.?5678/);
    expect(await readSessionCookie(browser)).toMatchObject({ phoneNumber: NEW.e164 });
  });

  it('still ends the session when the new ID token names another person', async () => {
    const browser = await signedIn();
    numberChangedAtLogto();
    logto.setClaims({ sub: 'someoneelse1' });
    controlClock().advance(TOKEN_TTL - 10);
    jest.spyOn(console, 'error').mockImplementation(() => {});

    const session = await fetchSession(browser);

    expect(session?.error).toBe('RefreshAccessTokenError');
    expect(session?.user.phoneNumber).toBe(OLD.e164);
  });

  it('is taken at once on the way back from the Account Center, before the access token is due', async () => {
    const browser = await signedIn();
    numberChangedAtLogto();

    let result: Awaited<ReturnType<typeof openAccountPage>> | undefined;
    const requests = await tokenRequestsDuring(async () => {
      result = await openAccountPage(browser, '/ja/account?from=account-center', 'ja');
    });

    expect(requests).toBe(1);
    expect(result).toEqual({ redirect: { destination: '/ja/account', permanent: false } });
    expect((await fetchSession(browser))?.user).toMatchObject({
      phoneNumber: NEW.e164,
      name: NEW.shown,
    });
  });

  it('never spends a rotated refresh token again when an older cookie comes back the same way', async () => {
    const browser = await signedIn();
    numberChangedAtLogto();
    const otherTab = copyBrowser(browser);
    await openAccountPage(browser, '/account?from=account-center');

    const requests = await tokenRequestsDuring(() =>
      openAccountPage(otherTab, '/account?from=account-center'),
    );

    expect(requests).toBe(0);
    expect(await readSessionCookie(otherTab)).toMatchObject({
      phoneNumber: NEW.e164,
      refreshToken: (await readSessionCookie(browser))?.refreshToken,
    });
  });

  it('renders /account as usual when it is not the way back', async () => {
    const browser = await signedIn();
    numberChangedAtLogto();

    const requests = await tokenRequestsDuring(() => openAccountPage(browser, '/account'));

    expect(requests).toBe(0);
  });
});
