/**
 * Session reads on `next start`, with autocannon, alternated: `/api/me` with a cookie the fast
 * path serves (fresh, nothing due) and with one that must be re-issued (older than
 * `session.updateAge`), against `/api/health`; and the gated `/books` against the same page
 * without the gate. Cookies hold Logto-sized tokens (./logto-sized-session.ts).
 */
import autocannon from 'autocannon';
import { BENCH_ENV, UNGATED_BOOKS_PATH, type RunningApp } from './next-build';
import { logtoSizedTokens, sessionCookieValue, signedInToken } from './logto-sized-session';

/** Older than the app's `session.updateAge` (an hour), younger than its access token's refresh. */
const REISSUE_AGE_SECONDS = 2 * 60 * 60;
const COOKIE_NAME = 'next-auth.session-token';

async function requestsPerSecond(url: string, headers: Record<string, string>, seconds: number) {
  const result = await autocannon({ url, connections: 10, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return result.requests.average;
}

/** Fails the run when a request does not take the path it is meant to measure. */
async function expectCookieReissue(url: string, cookie: string, reissued: boolean) {
  const response = await fetch(url, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const sets = response.headers.getSetCookie().some((set) => set.startsWith(`${COOKIE_NAME}=`));
  if (sets !== reissued) {
    throw new Error(`${url} ${sets ? 'set' : 'did not set'} the session cookie`);
  }
}

export interface SessionThroughput {
  health: number[];
  meFast: number[];
  meReissue: number[];
  books: number[];
  booksUngated: number[];
  /** Bytes of the fresh session cookie's value. */
  cookieBytes: number;
}

export async function measureSessionThroughput(
  app: RunningApp,
  rounds: number,
  seconds: number,
): Promise<SessionThroughput> {
  const token = signedInToken(await logtoSizedTokens());
  const fresh = await sessionCookieValue(token, BENCH_ENV.NEXTAUTH_SECRET);
  const old = await sessionCookieValue(token, BENCH_ENV.NEXTAUTH_SECRET, {
    ageSeconds: REISSUE_AGE_SECONDS,
  });
  const freshCookie = { cookie: `${COOKIE_NAME}=${fresh}` };
  const oldCookie = { cookie: `${COOKIE_NAME}=${old}` };
  await expectCookieReissue(`${app.origin}/api/me`, freshCookie.cookie, false);
  await expectCookieReissue(`${app.origin}/api/me`, oldCookie.cookie, true);
  await expectCookieReissue(`${app.origin}/books`, freshCookie.cookie, false);

  const result: SessionThroughput = {
    health: [],
    meFast: [],
    meReissue: [],
    books: [],
    booksUngated: [],
    cookieBytes: fresh.length,
  };
  const runs: [keyof Omit<SessionThroughput, 'cookieBytes'>, string, Record<string, string>][] = [
    ['health', '/api/health', {}],
    ['meFast', '/api/me', freshCookie],
    ['meReissue', '/api/me', oldCookie],
    ['books', '/books', freshCookie],
    ['booksUngated', UNGATED_BOOKS_PATH, freshCookie],
  ];
  for (let round = 0; round < rounds; round += 1) {
    // Every other round in reverse, so neither side of a pair always runs first.
    for (const [name, path, headers] of round % 2 === 0 ? runs : [...runs].reverse()) {
      result[name].push(await requestsPerSecond(`${app.origin}${path}`, headers, seconds));
    }
  }
  return result;
}
