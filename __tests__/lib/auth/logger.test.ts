/**
 * @jest-environment node
 */
import { createAuthLogger } from '@/lib/auth/logger';
import nextAuthRoute from '@/pages/api/auth/[...nextauth]';
import me from '@/pages/api/me';
import { startNextApiServer, type NextApiServer } from '../../support/next-auth-driver';

afterEach(() => jest.restoreAllMocks());

/** A jose error as next-auth hands it over for a cookie that is not a JWE at all. */
function jweInvalid() {
  const error = new Error('Invalid Compact JWE');
  error.name = 'JWEInvalid';
  return error;
}

describe('a flood of junk session cookies', () => {
  it('becomes one line without a stack, then one a minute saying how many were left out', () => {
    let clock = 0;
    const lines: string[] = [];
    const logger = createAuthLogger({ now: () => clock, write: (line) => lines.push(line) });

    for (let request = 0; request < 50; request += 1)
      logger.error('JWT_SESSION_ERROR', jweInvalid());
    clock += 61_000;
    logger.error('JWT_SESSION_ERROR', jweInvalid());

    expect(lines).toEqual([
      '[auth] Ignored a session cookie that could not be read (JWEInvalid: Invalid Compact JWE): the visitor is signed out.',
      '[auth] Ignored a session cookie that could not be read (JWEInvalid: Invalid Compact JWE): the visitor is signed out; 49 more in the minute before.',
    ]);
  });

  it('keeps next-auth’s own report for every other error', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const lines: string[] = [];
    const logger = createAuthLogger({ write: (line) => lines.push(line) });
    const failure = new Error('token endpoint said no');
    logger.error('OAUTH_CALLBACK_ERROR', failure);
    expect(lines).toEqual([]);
    expect(error).toHaveBeenCalledWith(
      '[next-auth][error][OAUTH_CALLBACK_ERROR]',
      '\nhttps://next-auth.js.org/errors#oauth_callback_error',
      'token endpoint said no',
      failure,
    );
  });
});

describe('on the real next-auth routes', () => {
  let app: NextApiServer;
  beforeAll(async () => {
    app = await startNextApiServer({ '/api/auth/[...nextauth]': nextAuthRoute, '/api/me': me });
  });
  afterAll(() => app.close());

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
    const printed = error.mock.calls.map((call) => call.map(String).join(' '));
    expect(printed.filter((line) => line.includes('session cookie'))).toHaveLength(1);
    expect(printed.join('\n')).not.toMatch(/\n\s+at /);
    expect(printed.join('\n')).not.toContain('[next-auth][error][JWT_SESSION_ERROR]');
  });
});
