/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { NextAuthOptions, Session } from 'next-auth';
import { encode as nextAuthEncode, type JWT } from 'next-auth/jwt';
import { sessionFromCookie } from '@/lib/auth/speed/session-fast-path';

/**
 * The fast path on its own: which cookie it reads, and when it builds the session itself or
 * leaves the read to next-auth (`read`, a stand-in for `getServerSession` whose answer is marked).
 * The agreement with the real `getServerSession` is pinned in
 * __tests__/integration/session-fast-path.test.ts.
 */

const SECRET = 'session-fast-path-edges-secret-session-fast-path';
const COOKIE = 'next-auth.session-token';
const NOW = 1_800_000_000;
const FROM_NEXT_AUTH = { user: { id: 'read by next-auth' }, expires: 'by next-auth' } as Session;
const person: JWT = {
  sub: 'user-1',
  name: 'Hanako',
  email: 'hanako@example.com',
  picture: 'https://cdn.example/hanako.png',
  accessTokenExpiresAt: NOW + 3660,
  accessTokenRefreshAt: NOW + 3600,
};

beforeEach(() => {
  // Only Date: webcrypto's promises keep running.
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval'],
  });
  jest.setSystemTime(NOW * 1000);
});
afterEach(() => {
  jest.useRealTimers();
});

const baseOptions: NextAuthOptions = { secret: SECRET, providers: [] };

/** The fast path in front of `read`, as the gates put it there (lib/auth/core). */
async function readWith(
  cookies: Record<string, string>,
  options: NextAuthOptions = baseOptions,
  name = COOKIE,
) {
  const read = jest.fn(async () => FROM_NEXT_AUTH);
  const fromCookie = await sessionFromCookie(cookies, options, name);
  const session = fromCookie === undefined ? await read() : fromCookie;
  return { session, readByNextAuth: read.mock.calls.length > 0 };
}

const sealed = (token: JWT = person) => nextAuthEncode({ token, secret: SECRET });

/** The session next-auth's session route builds when the app has no `session` callback. */
const defaultSession = {
  user: { name: person.name, email: person.email, image: person.picture },
  expires: new Date((NOW + 30 * 24 * 60 * 60) * 1000).toISOString(),
};

describe('which cookie the fast path reads', () => {
  it('reads the cookie under the name it is given, and only that one', async () => {
    const secureName = `__Secure-${COOKIE}`;

    expect(await readWith({ [secureName]: await sealed() }, baseOptions, secureName)).toEqual({
      session: defaultSession,
      readByNextAuth: false,
    });
    expect(
      (await readWith({ [COOKIE]: await sealed() }, baseOptions, secureName)).session,
    ).toBeNull();
  });

  it('reads the session cookie alone among the site’s other cookies', async () => {
    const read = await readWith({
      'next-auth.csrf-token': 'csrf-value',
      [COOKIE]: await sealed(),
      'next-auth.callback-url': 'http%3A%2F%2Flocalhost%3A3000%2Fbooks',
    });

    expect(read).toEqual({ session: defaultSession, readByNextAuth: false });
  });

  it('joins a cookie of more than ten chunks in their numeric order, whatever order they arrive in', async () => {
    const large = { ...person, picture: `https://cdn.example/${'p'.repeat(40_000)}.png` };
    const value = await sealed(large);
    const chunks: string[] = [];
    // next-auth's SessionStore cuts at about 4 KB and names the parts `name.0`, `name.1`, …
    for (let at = 0; at < value.length; at += 3900) chunks.push(value.slice(at, at + 3900));
    expect(chunks.length).toBeGreaterThan(10);
    const arrived = Object.fromEntries(
      chunks.map((chunk, index) => [`${COOKIE}.${index}`, chunk] as const).reverse(),
    );

    const read = await readWith(arrived);

    expect(read.readByNextAuth).toBe(false);
    expect(read.session?.user.image).toBe(large.picture);
  });
});

describe('when the fast path builds the session itself', () => {
  it('builds next-auth’s default session when the app has no callbacks', async () => {
    expect(await readWith({ [COOKIE]: await sealed() })).toEqual({
      session: defaultSession,
      readByNextAuth: false,
    });
  });

  it('leaves the read to next-auth at the very second the access token is due for refresh', async () => {
    const due = await sealed({ ...person, accessTokenRefreshAt: NOW });

    expect(await readWith({ [COOKIE]: due })).toEqual({
      session: FROM_NEXT_AUTH,
      readByNextAuth: true,
    });
  });

  describe('with a jwt.decode of the app’s own that drops next-auth’s claims', () => {
    // next-auth lets the app replace the cookie format; such a token may lack iat or exp.
    const plainJson: NextAuthOptions = {
      ...baseOptions,
      jwt: { decode: async ({ token }) => (token ? (JSON.parse(token) as JWT) : null) },
    };
    const cookieOf = (token: JWT) => ({ [COOKIE]: JSON.stringify(token) });

    it('builds the session when both iat and exp are there', async () => {
      const read = await readWith(cookieOf({ ...person, iat: NOW, exp: NOW + 60 }), plainJson);

      expect(read).toEqual({
        session: { ...defaultSession, expires: new Date((NOW + 60) * 1000).toISOString() },
        readByNextAuth: false,
      });
    });

    it('leaves a token without iat to next-auth', async () => {
      expect(await readWith(cookieOf({ ...person, exp: NOW + 60 }), plainJson)).toEqual({
        session: FROM_NEXT_AUTH,
        readByNextAuth: true,
      });
    });

    it('leaves a token without exp to next-auth', async () => {
      expect(await readWith(cookieOf({ ...person, iat: NOW }), plainJson)).toEqual({
        session: FROM_NEXT_AUTH,
        readByNextAuth: true,
      });
    });
  });
});
