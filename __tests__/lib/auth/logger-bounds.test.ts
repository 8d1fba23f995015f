/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createAuthLogger } from '@/lib/auth/core/logger';

afterEach(() => jest.restoreAllMocks());

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

function junkCookie(name: string, message: string) {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('once a minute', () => {
  it('prints the same kind of report again exactly a minute after the last one, not a moment before', () => {
    const { clock, lines, logger } = loggerOnClock();
    logger.error('JWT_SESSION_ERROR', junkCookie('JWEInvalid', 'Invalid Compact JWE'));
    clock.now = 59_999;
    logger.error('JWT_SESSION_ERROR', junkCookie('JWEInvalid', 'Invalid Compact JWE'));
    clock.now = 60_000;
    logger.error('JWT_SESSION_ERROR', junkCookie('JWEInvalid', 'Invalid Compact JWE'));

    expect(lines).toEqual([
      '[auth] Ignored a session cookie that could not be read (JWEInvalid: Invalid Compact JWE): the visitor is signed out.',
      '[auth] Ignored a session cookie that could not be read (JWEInvalid: Invalid Compact JWE): the visitor is signed out; 1 more in the minute before.',
    ]);
  });

  it('tells, after a minute, how many of a server-side error were left out', () => {
    const { clock, lines, logger } = loggerOnClock();
    const failure = new Error('token endpoint said no');
    for (let attempt = 0; attempt < 4; attempt += 1) logger.error('SIGNOUT_ERROR', failure);
    clock.now += 60_000;
    logger.error('SIGNOUT_ERROR', failure);

    expect(lines).toEqual([
      '[next-auth][error][SIGNOUT_ERROR] \nhttps://next-auth.js.org/errors#signout_error token endpoint said no Error: token endpoint said no',
      '[next-auth][error][SIGNOUT_ERROR] \nhttps://next-auth.js.org/errors#signout_error token endpoint said no Error: token endpoint said no (3 more in the minute before)',
    ]);
  });
});

describe('next-auth’s own warnings', () => {
  it('are printed as next-auth prints them, with the link that explains them, once a minute each', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const { lines, logger } = loggerOnClock();
    logger.warn('NO_SECRET');
    logger.warn('NO_SECRET');
    logger.warn('NEXTAUTH_URL');

    expect(warn.mock.calls).toEqual([
      ['[next-auth][warn][NO_SECRET]', '\nhttps://next-auth.js.org/warnings#no_secret'],
      ['[next-auth][warn][NEXTAUTH_URL]', '\nhttps://next-auth.js.org/warnings#nextauth_url'],
    ]);
    expect(lines).toEqual([]);
  });
});

describe('what a line holds', () => {
  it('keeps only the first line of a junk cookie’s error, and at most 160 characters of it', () => {
    const { lines, logger } = loggerOnClock();
    logger.error('JWT_SESSION_ERROR', junkCookie('JWEInvalid', `${'m'.repeat(300)}\nsecond line`));

    expect(lines).toEqual([
      `[auth] Ignored a session cookie that could not be read (JWEInvalid: ${'m'.repeat(160 - 'JWEInvalid: '.length)}): the visitor is signed out.`,
    ]);
  });

  it('names a junk cookie’s error plainly "Error" when it carries no name or message', () => {
    const { lines, logger } = loggerOnClock();
    logger.error('JWT_SESSION_ERROR', {} as never);

    expect(lines).toEqual([
      '[auth] Ignored a session cookie that could not be read (Error): the visitor is signed out.',
    ]);
  });

  it('bounds what a client reports to 40 characters of code and 160 of message', () => {
    const { lines, logger } = loggerOnClock();
    logger.error('C'.repeat(100), { message: 'm'.repeat(500) } as never);

    expect(lines).toEqual([`[auth] A client reported ${'C'.repeat(40)}: ${'m'.repeat(160)}.`]);
  });

  it('prints a warning a client made up as its own one line, control characters removed', () => {
    const { lines, logger } = loggerOnClock();
    logger.warn('MADE_UP\r\n[next-auth][warn][FORGED]\u0007' as never);

    expect(lines).toEqual([
      '[auth] A client reported the warning MADE_UP [next-auth][warn][FORGED] .',
    ]);
  });

  it('prints a client report without a message as an empty one, not "undefined"', () => {
    const { lines, logger } = loggerOnClock();
    logger.error('FORGED' as never, undefined as never);

    expect(lines).toEqual(['[auth] A client reported FORGED: .']);
  });
});
