/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import NextAuth from 'next-auth-v5';
import Logto from 'next-auth-v5/providers/logto';
import { NextRequest } from 'next/server';
import { createAuthjsLogger } from '@/templates/authjs-v5/lib/auth/v5/logger';

afterEach(() => jest.restoreAllMocks());

/** The logger on a hand-moved clock, collecting what it prints, one string per call. */
function loggerOnClock() {
  const clock = { now: 0 };
  const lines: string[] = [];
  const logger = createAuthjsLogger({
    now: () => clock.now,
    write: (...parts) => lines.push(parts.map(String).join(' ')),
  });
  return { clock, lines, logger };
}

/** v5's own route handler with the logger on a hand-moved clock. */
function authOnClock() {
  const { clock, lines, logger } = loggerOnClock();
  const { handlers } = NextAuth({
    secret: 'logger-test-secret-logger-test-secret-logger',
    trustHost: true,
    basePath: '/api/auth',
    providers: [Logto({ issuer: 'http://127.0.0.1:9/oidc', clientId: 'a', clientSecret: 'b' })],
    logger,
  });
  const readSession = (cookie: string) =>
    handlers.GET(new NextRequest('http://localhost/api/auth/session', { headers: { cookie } }));
  return { clock, lines, readSession };
}

it('turns a flood of junk session cookies into one line without a stack, then one a minute with a count', async () => {
  const { clock, lines, readSession } = authOnClock();
  for (let sent = 0; sent < 50; sent += 1) {
    const response = await readSession(`authjs.session-token=junk-${sent}`);
    expect(await response.json()).toBeNull();
  }
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^\[auth\] Ignored a session cookie that could not be read \((?!JWTSessionError)\w+: (?!Read more).+\): the visitor is signed out\.$/,
  );
  clock.now = 60_000;
  await readSession('authjs.session-token=junk-again');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('signed out; 49 more in the minute before.');
  expect(lines.join('\n')).not.toMatch(/\n\s+at /);
});

it("keeps v5's report of any other error, cause and stack included, once a minute per kind", () => {
  const { clock, lines, logger } = loggerOnClock();
  const failure = Object.assign(
    new Error('Read more at https://errors.authjs.dev#callbackrouteerror'),
    {
      type: 'CallbackRouteError',
      cause: { err: new Error('expected 200 OK, got: 500 Internal Server Error') },
    },
  );
  logger.error(failure);
  logger.error(failure);
  logger.error(new TypeError('fetch failed'));
  expect(lines).toEqual([
    expect.stringMatching(
      /^\[auth\]\[error\] CallbackRouteError: Read more at \S+ Error: expected 200 OK, got: 500 Internal Server Error\n\s+at /,
    ),
    expect.stringMatching(
      /^\[auth\]\[error\] TypeError: fetch failed TypeError: fetch failed\n\s+at /,
    ),
  ]);
  clock.now = 60_000;
  logger.error(failure);
  expect(lines[2]).toMatch(/\n\s+at [\s\S]* \(1 more in the minute before\)$/);
});

it('prints to the console’s error stream when given no writer', () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  createAuthjsLogger().error(
    Object.assign(new Error('Read more'), {
      type: 'JWTSessionError',
      cause: { err: new Error('x') },
    }),
  );
  expect(error).toHaveBeenCalledWith(
    '[auth] Ignored a session cookie that could not be read (Error: x): the visitor is signed out.',
  );
});

it('prints each warning once a minute, with where to read about it', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const logger = createAuthjsLogger({ now: () => 0 });
  logger.warn('debug-enabled');
  logger.warn('debug-enabled');
  logger.warn('csrf-disabled');
  expect(warn.mock.calls).toEqual([
    ['[auth][warn][debug-enabled]', 'Read more: https://warnings.authjs.dev'],
    ['[auth][warn][csrf-disabled]', 'Read more: https://warnings.authjs.dev'],
  ]);
});
