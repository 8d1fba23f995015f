/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createAuthLogger } from '@/lib/auth/core/logger';
import nextAuthRoute from '@/pages/api/auth/[...nextauth]';
import me from '@/pages/api/me';
import { startNextApiServer, type NextApiServer } from '@bookstore/mock-logto/next-auth';

afterEach(() => jest.restoreAllMocks());

/** A jose error as next-auth hands it over for a cookie that is not a JWE at all. */
function jweInvalid() {
  const error = new Error('Invalid Compact JWE');
  error.name = 'JWEInvalid';
  return error;
}

/** A logger on a hand-moved clock that collects what it prints, one string per call. */
function loggerOnClock() {
  const clock = { now: 0 };
  const lines: string[] = [];
  const logger = createAuthLogger({
    now: () => clock.now,
    write: (...parts) => lines.push(parts.map(String).join(' ')),
  });
  return { clock, lines, logger };
}

it('turns a flood of junk session cookies into one line without a stack, then one a minute with a count', () => {
  const { clock, lines, logger } = loggerOnClock();
  for (let request = 0; request < 50; request += 1) logger.error('JWT_SESSION_ERROR', jweInvalid());
  clock.now += 61_000;
  logger.error('JWT_SESSION_ERROR', jweInvalid());
  expect(lines).toEqual([
    '[auth] Ignored a session cookie that could not be read (JWEInvalid: Invalid Compact JWE): the visitor is signed out.',
    '[auth] Ignored a session cookie that could not be read (JWEInvalid: Invalid Compact JWE): the visitor is signed out; 49 more in the minute before.',
  ]);
});

it('keeps next-auth’s own report of a server-side error, once a minute per code', () => {
  const { lines, logger } = loggerOnClock();
  const failure = new Error('token endpoint said no');
  logger.error('OAUTH_CALLBACK_ERROR', { error: failure, providerId: 'logto' } as never);
  logger.error('OAUTH_CALLBACK_ERROR', { error: failure, providerId: 'logto' } as never);
  logger.error('SIGNOUT_ERROR', failure);
  expect(lines).toEqual([
    expect.stringMatching(
      /^\[next-auth\]\[error\]\[OAUTH_CALLBACK_ERROR\] \nhttps:\/\/next-auth\.js\.org\/errors#oauth_callback_error token endpoint said no/,
    ),
    expect.stringMatching(/^\[next-auth\]\[error\]\[SIGNOUT_ERROR\]/),
  ]);
});

it('turns reports anyone can POST to /api/auth/_log into one line a minute, with no line breaks of theirs', () => {
  const { lines, logger } = loggerOnClock();
  for (let report = 0; report < 20; report += 1) {
    logger.error(`FAKE_${report}\n[next-auth][error][FORGED]`, {
      message: 'looks\nreal',
    } as never);
    logger.warn(`MADE_UP_${report}` as never);
  }
  expect(lines).toEqual([
    '[auth] A client reported FAKE_0 [next-auth][error][FORGED]: looks real.',
  ]);
});

it('prints to the console’s error stream when given no writer', () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => {});
  createAuthLogger().error('JWT_SESSION_ERROR', jweInvalid());
  expect(error).toHaveBeenCalledWith(
    '[auth] Ignored a session cookie that could not be read (JWEInvalid: Invalid Compact JWE): the visitor is signed out.',
  );
});

it.each(['NEXTAUTH_URL', 'NO_SECRET', 'DEBUG_ENABLED', 'EXPERIMENTAL_API'])(
  'keeps next-auth’s own warning %s with its link, once a minute',
  (code) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const { logger } = loggerOnClock();
    logger.warn(code as never);
    logger.warn(code as never);
    expect(warn.mock.calls).toEqual([
      [`[next-auth][warn][${code}]`, `\nhttps://next-auth.js.org/warnings#${code.toLowerCase()}`],
    ]);
  },
);

describe('on the real next-auth routes', () => {
  let app: NextApiServer;
  beforeAll(async () => {
    app = await startNextApiServer({ '/api/auth/[...nextauth]': nextAuthRoute, '/api/me': me });
  });
  afterAll(() => app.close());

  function printed(spy: jest.SpyInstance) {
    return spy.mock.calls.map((call: unknown[]) => call.map(String).join(' '));
  }

  it('logs junk session cookies sent to /api/auth/session and /api/me as one line, no stack', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    for (let request = 0; request < 5; request += 1) {
      for (const path of ['/api/auth/session', '/api/me']) {
        const response = await fetch(new URL(path, app.origin), {
          headers: { cookie: `next-auth.session-token=junk-${request}` },
        });
        expect(response.status).toBeLessThan(500);
      }
    }
    const lines = printed(error);
    expect(lines.filter((line) => line.includes('session cookie'))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    expect(lines.join('\n')).not.toContain('[next-auth][error][JWT_SESSION_ERROR]');
  });

  it('does not let a flood of POSTs to /api/auth/_log flood the log', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    for (let request = 0; request < 10; request += 1) {
      for (const level of ['error', 'warn', 'debug', 'nonsense']) {
        await fetch(new URL('/api/auth/_log', app.origin), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ level, code: `FORGED_${request}`, message: 'x\ny' }),
        });
      }
    }
    const lines = [...printed(error), ...printed(warn)];
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
