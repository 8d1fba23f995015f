/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { BaseClient } from 'openid-client';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, openSignIn, submitStep } from '../../support/relying-party';

jest.setTimeout(120_000);

const TEST_PHONE = { e164: '+15555550177', national: '555-555-0177', code: '424242' };

interface Server {
  logto: LogtoLocalProcess;
  client: BaseClient;
}

/**
 * Logto's defaults; the same with the per-client cap out of the way, as if the guesses came from
 * many clients (every request here comes from one address); and a server that locks after 3
 * failures so a test need not make 100.
 */
let defaults: Server;
let manyClients: Server;
let quickLock: Server;

async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const logto = await startLogtoLocal(env);
  return { logto, client: await bookstoreClient(logto) };
}

beforeAll(async () => {
  [defaults, manyClients, quickLock] = await Promise.all([
    startServer(),
    startServer({ LOGTO_LOCAL_IP_FAILURE_LIMIT: '1000' }),
    startServer({
      LOGTO_LOCAL_LOCKOUT_FAILURES: '3',
      LOGTO_LOCAL_IP_FAILURE_LIMIT: '1000',
      LOGTO_LOCAL_TEST_PHONES: `${TEST_PHONE.e164}=${TEST_PHONE.code}`,
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([defaults, manyClients, quickLock].map((server) => server?.logto.stop()));
});

/** A sign-in that sent a code to `phone`; returns its code page and the code it got. */
async function signInAwaitingCode(server: Server, phone: string, country = 'JP') {
  const { browser, page } = await openSignIn(server.logto, server.client);
  const codePage = await submitStep(server.logto, browser, page, 'phone', { country, phone });
  const [newest] = await server.logto.readOutbox();
  return { browser, page, codePage, code: newest?.code };
}

function wrongCodeFor(code: string | undefined) {
  return code === '000000' ? '111111' : '000000';
}

it('bounds guesses per number to 100 an hour: more codes do not buy more guesses', async () => {
  const { logto } = manyClients;
  let last: Awaited<ReturnType<typeof submitStep>> | undefined;
  let wrongGuesses = 0;
  for (let send = 1; send <= 10; send += 1) {
    const signIn = await signInAwaitingCode(manyClients, '090-4444-0001');
    expect(signIn.codePage.response.status).toBe(200);
    last = signIn.codePage;
    for (let guess = 1; guess <= 10; guess += 1) {
      last = await submitStep(logto, signIn.browser, last, 'code', {
        code: wrongCodeFor(signIn.code),
      });
      wrongGuesses += 1;
    }
  }
  expect(wrongGuesses).toBe(100);
  expect(last!.response.status).toBe(429);
  expect(last!.body).toMatch(
    /Too many wrong codes were entered for this number, so it is locked until \d{2}:\d{2} (AM|PM) \(about 60 min\)/,
  );
  expect(Number(last!.response.headers.get('retry-after'))).toBeGreaterThan(3500);
});

it("does not let one client lock a stranger's number: its wrong codes stop at 50 an hour", async () => {
  const { logto } = defaults;
  let last: Awaited<ReturnType<typeof submitStep>> | undefined;
  for (let send = 1; send <= 5; send += 1) {
    const signIn = await signInAwaitingCode(defaults, '090-4444-0003');
    last = signIn.codePage;
    for (let guess = 1; guess <= 10; guess += 1) {
      last = await submitStep(logto, signIn.browser, last, 'code', {
        code: wrongCodeFor(signIn.code),
      });
    }
  }
  const capped = await signInAwaitingCode(defaults, '090-4444-0003');
  expect(capped.codePage.response.status).toBe(200);
  const refused = await submitStep(logto, capped.browser, capped.codePage, 'code', {
    code: capped.code!,
  });
  expect(refused.response.status).toBe(429);
  expect(refused.body).toMatch(
    /Too many wrong codes were entered from your network, so codes cannot be checked from it until \d{2}:\d{2} (AM|PM) \(about 60 min\)\. The number itself is not locked\./,
  );
  expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(3500);
});

it('shows until when a locked number is locked, refuses its right code and sends it no new code', async () => {
  const { logto } = quickLock;
  const person = await signInAwaitingCode(quickLock, '090-4444-0002');
  const stranger = await signInAwaitingCode(quickLock, '090-4444-0002');
  let page = stranger.codePage;
  for (let guess = 1; guess <= 3; guess += 1) {
    page = await submitStep(logto, stranger.browser, page, 'code', {
      code: wrongCodeFor(stranger.code),
    });
  }
  expect(page.body).toContain('it is locked until');

  const rightCode = await submitStep(logto, person.browser, person.codePage, 'code', {
    code: person.code!,
  });
  expect(rightCode.response.status).toBe(429);
  expect(rightCode.body).toMatch(/locked until \d{2}:\d{2} (AM|PM) \(about 60 min\)/);

  const sentBefore = (await logto.readOutbox()).length;
  const again = await signInAwaitingCode(quickLock, '090-4444-0002');
  expect(again.codePage.response.status).toBe(429);
  expect(again.codePage.body).toContain('it is locked until');
  expect(await logto.readOutbox()).toHaveLength(sentBefore);
});

it('locks out a test number like any number, even for its fixed code', async () => {
  const { logto } = quickLock;
  const signIn = await signInAwaitingCode(quickLock, TEST_PHONE.national, 'US');
  let page = signIn.codePage;
  for (let guess = 1; guess <= 3; guess += 1) {
    page = await submitStep(logto, signIn.browser, page, 'code', { code: '000000' });
  }
  const fixedCode = await submitStep(logto, signIn.browser, page, 'code', {
    code: TEST_PHONE.code,
  });
  expect(fixedCode.response.status).toBe(429);
  expect(fixedCode.body).toContain('it is locked until');
});
