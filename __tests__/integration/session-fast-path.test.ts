/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { NextAuthOptions, Session } from 'next-auth';
import { encode as nextAuthEncode, type JWT } from 'next-auth/jwt';
import { getServerSession } from 'next-auth/next';
import { setupServer } from 'msw/node';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  allowLocalServers,
  parseSetCookie,
  type NextApiServer,
  type SetCookie,
} from '@bookstore/mock-logto/next-auth';
import { signInWithLogto } from '../support/logto-sign-in';
import { readSessionCookie, SECRET, SESSION_COOKIE, startTokenApp } from './support/token-app';

/**
 * The same cookies read twice: by next-auth's `getServerSession` alone (the plain helper, as
 * create-t3-app writes it) and through the fast path in front of it. Both must give the same
 * `Session`; the fast path must set no cookie exactly when re-issuing would change nothing.
 */

const TOKEN_TTL = 3600;
const DAY = 24 * 60 * 60;
let logto: MockLogto;
let app: NextApiServer;
let network: ReturnType<typeof setupServer>;
let authOptions: NextAuthOptions;
let withSessionFastPath: typeof import('@/lib/auth/session-fast-path').withSessionFastPath;
let forgetRefreshes: () => void;
/** What the `jwt` callback stored at sign-in: real tokens from the mocked Logto. */
let signedInToken: JWT;

beforeAll(async () => {
  logto = createMockLogto({ tokenTtlSeconds: TOKEN_TTL });
  network = setupServer(allowLocalServers, ...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
  app = await startTokenApp(logto);
  ({ authOptions } = await import('@/lib/auth/options'));
  ({ withSessionFastPath } = await import('@/lib/auth/session-fast-path'));
  ({ forgetRefreshes } = await import('@/lib/auth/tokens'));
  const { browser } = await signInWithLogto(app.origin, logto);
  // next-auth's own claims (iat, exp, jti) are set again whenever a cookie is made.
  signedInToken = { ...(await readSessionCookie(browser))! };
  delete signedInToken.iat;
  delete signedInToken.exp;
  delete signedInToken.jti;
});
beforeEach(() => {
  // next-auth logs a cookie that does not decrypt (JWT_SESSION_ERROR); the outcome is what counts.
  jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  forgetRefreshes();
});
afterAll(async () => {
  await app.close();
  network.close();
});

/** Sets `Date` (only `Date`: sockets and timers keep real time) for everything in this process. */
function setClock(seconds: number) {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  jest.setSystemTime(seconds * 1000);
}

/** A whole second well ahead of real time, so the mocked Logto's own tokens are fresh at it. */
const startOfTest = () => Math.floor(Date.now() / 1000) + 10;

type Cookies = Record<string, string>;

/** A cookie next-auth itself would have set at `issuedAt`, holding `token`. */
async function cookieIssuedAt(issuedAt: number, token: JWT, name = SESSION_COOKIE) {
  setClock(issuedAt);
  return { [name]: await nextAuthEncode({ token, secret: SECRET, maxAge: 14 * DAY }) };
}

interface Read {
  session: Session | null;
  setCookies: SetCookie[];
}

/** A request with these cookies, and a response that records its Set-Cookie headers. */
function exchange(cookies: Cookies) {
  const header = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  let sent: string[] = [];
  const req = { headers: { host: 'localhost', ...(header ? { cookie: header } : {}) }, cookies };
  const res = {
    getHeader: (name: string) => (name.toLowerCase() === 'set-cookie' ? [...sent] : undefined),
    setHeader: (name: string, value: string | string[]) => {
      if (name.toLowerCase() === 'set-cookie') sent = ([] as string[]).concat(value);
    },
  };
  return { ctx: { req, res }, setCookies: () => sent.map(parseSetCookie) };
}

type Ctx = ReturnType<typeof exchange>['ctx'];
const plainRead = (ctx: Ctx) =>
  getServerSession(ctx.req as never, ctx.res as never, authOptions) as Promise<Session | null>;

async function readPlain(cookies: Cookies): Promise<Read> {
  const { ctx, setCookies } = exchange(cookies);
  return { session: await plainRead(ctx), setCookies: setCookies() };
}

async function readThroughFastPath(cookies: Cookies): Promise<Read> {
  const { ctx, setCookies } = exchange(cookies);
  const session = await withSessionFastPath(plainRead, authOptions)(ctx);
  return { session, setCookies: setCookies() };
}

const sessionCookiesIn = (read: Read, name = SESSION_COOKIE) =>
  read.setCookies.filter((cookie) => cookie.name.startsWith(name));

describe('the fast path and getServerSession on the same cookies', () => {
  it('agree on a fresh cookie, and the fast path sets no cookie', async () => {
    const now = startOfTest();
    const cookies = await cookieIssuedAt(now, signedInToken);

    const plain = await readPlain(cookies);
    const fast = await readThroughFastPath(cookies);

    expect(plain.session).toMatchObject({ user: { id: signedInToken.sub }, error: null });
    expect(fast.session).toEqual(plain.session);
    expect(sessionCookiesIn(plain)).toHaveLength(1);
    expect(fast.setCookies).toEqual([]);
  });

  it('agree on a cookie from before the upgrade (made by next-auth’s own encode)', async () => {
    const now = startOfTest();
    setClock(now);
    const cookies = {
      [SESSION_COOKIE]: await nextAuthEncode({ token: signedInToken, secret: SECRET }),
    };

    const plain = await readPlain(cookies);
    const fast = await readThroughFastPath(cookies);

    expect(plain.session).not.toBeNull();
    expect(fast.session).toEqual({ ...plain.session, expires: fast.session!.expires });
    expect(fast.setCookies).toEqual([]);
  });

  it('agree on a cookie due for refresh, and the fast path hands it to next-auth, which stores the new tokens', async () => {
    const now = startOfTest();
    const due = { ...signedInToken, accessTokenRefreshAt: now - 1 };
    const cookies = await cookieIssuedAt(now, due);
    const tokenRequests = logto.requests.token;

    const fast = await readThroughFastPath(cookies);
    const plain = await readPlain(cookies);

    expect(logto.requests.token - tokenRequests).toBe(1);
    expect(fast.session).toMatchObject({ user: { id: signedInToken.sub }, error: null });
    expect(fast.session).toEqual(plain.session);
    const [reissued] = sessionCookiesIn(fast);
    const stored = await authOptions.jwt!.decode!({ token: reissued!.value, secret: SECRET });
    expect(stored!.accessToken).not.toBe(signedInToken.accessToken);
    expect(stored!.accessTokenRefreshAt).toBeGreaterThan(now);
  });

  it('agree on a session that can no longer be refreshed, and the fast path sets no cookie', async () => {
    const now = startOfTest();
    const errored: JWT = { ...signedInToken, error: 'RefreshAccessTokenError' };
    delete errored.accessToken;
    delete errored.refreshToken;
    delete errored.accessTokenRefreshAt;
    const cookies = await cookieIssuedAt(now, errored);

    const plain = await readPlain(cookies);
    const fast = await readThroughFastPath(cookies);

    expect(plain.session).toMatchObject({ error: 'RefreshAccessTokenError' });
    expect(fast.session).toEqual(plain.session);
    expect(fast.setCookies).toEqual([]);
  });

  it('agree on a cookie in chunks, as next-auth splits one over 4 KB', async () => {
    const now = startOfTest();
    const large = { ...signedInToken, picture: `https://cdn.example/${'p'.repeat(4000)}.png` };
    // next-auth itself chunks the cookie when it re-issues it.
    const chunked = Object.fromEntries(
      sessionCookiesIn(await readPlain(await cookieIssuedAt(now, large)))
        // It also clears the unchunked cookie it replaces.
        .filter((cookie) => cookie.value !== '')
        .map((cookie) => [cookie.name, cookie.value]),
    );
    expect(Object.keys(chunked).sort()).toEqual([`${SESSION_COOKIE}.0`, `${SESSION_COOKIE}.1`]);

    const plain = await readPlain(chunked);
    const fast = await readThroughFastPath(chunked);

    expect(plain.session!.user.image).toBe(large.picture);
    expect(fast.session).toEqual(plain.session);
    expect(fast.setCookies).toEqual([]);
  });

  describe('on a site served over https', () => {
    // buildAuthOptions sets useSecureCookies from an https NEXTAUTH_URL.
    let httpOptions: NextAuthOptions;
    beforeEach(() => {
      httpOptions = authOptions;
      authOptions = { ...authOptions, useSecureCookies: true };
    });
    afterEach(() => {
      authOptions = httpOptions;
    });

    it('agree on the __Secure- prefixed cookie, and the fast path sets no cookie', async () => {
      const now = startOfTest();
      const secureName = `__Secure-${SESSION_COOKIE}`;
      const cookies = await cookieIssuedAt(now, signedInToken, secureName);

      const plain = await readPlain(cookies);
      const fast = await readThroughFastPath(cookies);

      expect(plain.session).toMatchObject({ user: { id: signedInToken.sub } });
      expect(fast.session).toEqual(plain.session);
      expect(sessionCookiesIn(plain, secureName)).toHaveLength(1);
      expect(fast.setCookies).toEqual([]);
    });

    it('agree that a cookie without the prefix is no session', async () => {
      const cookies = await cookieIssuedAt(startOfTest(), signedInToken);

      expect((await readPlain(cookies)).session).toBeNull();
      expect((await readThroughFastPath(cookies)).session).toBeNull();
    });
  });

  it('agree that a tampered cookie is no session, and it is cleared', async () => {
    const cookies = await cookieIssuedAt(startOfTest(), signedInToken);
    const value = cookies[SESSION_COOKIE]!;
    const at = value.length - 40;
    const tampered = {
      [SESSION_COOKIE]: `${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}`,
    };

    const plain = await readPlain(tampered);
    const fast = await readThroughFastPath(tampered);

    expect(plain.session).toBeNull();
    expect(fast.session).toBeNull();
    expect(sessionCookiesIn(fast)).toEqual([
      expect.objectContaining({
        value: '',
        attributes: expect.objectContaining({ 'max-age': '0' }),
      }),
    ]);
  });

  it('agree that no cookie is no session', async () => {
    setClock(startOfTest());

    expect((await readPlain({})).session).toBeNull();
    const fast = await readThroughFastPath({});
    expect(fast.session).toBeNull();
    expect(fast.setCookies).toEqual([]);
  });

  it('agree on a cookie older than session.updateAge, which the fast path hands to next-auth to re-issue', async () => {
    const issued = startOfTest();
    const lasting = { ...signedInToken, accessTokenRefreshAt: issued + 10 * DAY };
    const cookies = await cookieIssuedAt(issued, lasting);
    setClock(issued + authOptions.session!.updateAge!);

    const plain = await readPlain(cookies);
    const fast = await readThroughFastPath(cookies);

    expect(fast.session).toEqual(plain.session);
    expect(sessionCookiesIn(fast)).toHaveLength(1);
  });

  it('differ only in expires on a cookie issued ten minutes ago: the fast path reports the expiry of the cookie it left alone', async () => {
    const issued = startOfTest();
    const lasting = { ...signedInToken, accessTokenRefreshAt: issued + DAY };
    const cookies = await cookieIssuedAt(issued, lasting);
    setClock(issued + 600);

    const plain = await readPlain(cookies);
    const fast = await readThroughFastPath(cookies);

    expect(fast.setCookies).toEqual([]);
    const maxAge = authOptions.session!.maxAge!;
    expect(fast.session!.expires).toBe(new Date((issued + maxAge) * 1000).toISOString());
    expect(plain.session!.expires).toBe(new Date((issued + 600 + maxAge) * 1000).toISOString());
    expect(fast.session).toEqual({ ...plain.session, expires: fast.session!.expires });
  });
});

describe('a jwt callback that changes the token on a settled read', () => {
  it('leaves the read to next-auth, which stores the changed token', async () => {
    const now = startOfTest();
    const cookies = await cookieIssuedAt(now, signedInToken);
    const stamping: NextAuthOptions = {
      ...authOptions,
      callbacks: { ...authOptions.callbacks, jwt: ({ token }) => ({ ...token, stamped: now }) },
    };
    const { ctx, setCookies } = exchange(cookies);
    const read = (c: Ctx) =>
      getServerSession(c.req as never, c.res as never, stamping) as Promise<Session | null>;

    const session = await withSessionFastPath(read, stamping)(ctx);

    expect(session).toMatchObject({ user: { id: signedInToken.sub } });
    const [stored] = setCookies().filter((cookie) => cookie.name === SESSION_COOKIE);
    expect(await authOptions.jwt!.decode!({ token: stored!.value, secret: SECRET })).toMatchObject({
      stamped: now,
    });
  });
});

describe('a read that is due for refresh', () => {
  it('runs the jwt callback once, in next-auth, so the refresh is asked for once', async () => {
    const now = startOfTest();
    const cookies = await cookieIssuedAt(now, { ...signedInToken, accessTokenRefreshAt: now - 1 });
    const jwt = jest.fn(authOptions.callbacks!.jwt!);
    const counted: NextAuthOptions = {
      ...authOptions,
      callbacks: { ...authOptions.callbacks, jwt },
    };
    const { ctx } = exchange(cookies);
    const read = (c: Ctx) =>
      getServerSession(c.req as never, c.res as never, counted) as Promise<Session | null>;

    expect(await withSessionFastPath(read, counted)(ctx)).toMatchObject({ error: null });
    expect(jwt).toHaveBeenCalledTimes(1);
  });
});

describe('the sliding expiry with the fast path', () => {
  it('keeps a person who reads the session every 50 minutes signed in for a month, well past maxAge', async () => {
    const start = startOfTest();
    let cookies = await cookieIssuedAt(start, {
      ...signedInToken,
      accessTokenRefreshAt: start + 20 * DAY,
    });
    const maxAge = authOptions.session!.maxAge!;
    let reissued = 0;

    for (let at = start; at <= start + 30 * DAY; at += 50 * 60) {
      setClock(at);
      const read = await readThroughFastPath(cookies);
      expect(read.session).not.toBeNull();
      const [fresh] = sessionCookiesIn(read);
      if (fresh) {
        reissued += 1;
        cookies = { [SESSION_COOKIE]: fresh.value };
      }
    }

    expect(maxAge).toBeLessThan(30 * DAY);
    // Re-issued about once per updateAge (every second read here), not on every read.
    const reads = Math.floor((30 * DAY) / (50 * 60)) + 1;
    expect(reissued).toBeGreaterThan(reads / 3);
    expect(reissued).toBeLessThan(reads);
  });

  it('signs out a person idle for longer than maxAge, as next-auth does', async () => {
    const start = startOfTest();
    const cookies = await cookieIssuedAt(start, signedInToken);
    setClock(start + authOptions.session!.maxAge! + 60);

    expect((await readThroughFastPath(cookies)).session).toBeNull();
    expect((await readPlain(cookies)).session).toBeNull();
  });
});
