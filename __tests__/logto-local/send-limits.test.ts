/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { BaseClient } from 'openid-client';
import { startVonageStandIn } from '../e2e/support/vonage-stand-in';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, openSignIn, submitStep } from '../../support/relying-party';

jest.setTimeout(120_000);

interface Server {
  logto: LogtoLocalProcess;
  client: BaseClient;
}

async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const logto = await startLogtoLocal(env);
  return { logto, client: await bookstoreClient(logto) };
}

const servers: Server[] = [];
async function serverWith(env: Record<string, string>) {
  const server = await startServer(env);
  servers.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.logto.stop()));
});

/** Opens a sign-in and posts one JP number on its phone page; returns the phone page and answer. */
async function postPhone(server: Server, national: string) {
  const { browser, page } = await openSignIn(server.logto, server.client);
  const answer = await submitStep(server.logto, browser, page, 'phone', {
    country: 'JP',
    phone: national,
  });
  return { browser, phonePage: page, answer };
}

async function sentTo(server: Server, e164: string) {
  return (await server.logto.readOutbox()).filter((entry) => entry.to === e164).length;
}

describe("the resend wait, enforced on the server for every way of sending (Logto's 59 s)", () => {
  let server: Server;
  beforeAll(async () => {
    server = await serverWith({});
  });

  it('re-posting the phone form for the same number sends no second SMS before the wait', async () => {
    const { browser, phonePage, answer } = await postPhone(server, '090-5555-0001');
    expect(answer.response.status).toBe(200);
    const again = await submitStep(server.logto, browser, phonePage, 'phone', {
      country: 'JP',
      phone: '090-5555-0001',
    });
    expect(again.response.status).toBe(429);
    expect(again.body).toMatch(/Wait (59|58|57) s before asking for a new code/);
    expect(Number(again.response.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(await sentTo(server, '+819055550001')).toBe(1);
  });

  it('re-posting the phone form with another number sends nothing before the wait', async () => {
    const { browser, phonePage } = await postPhone(server, '090-5555-0002');
    const other = await submitStep(server.logto, browser, phonePage, 'phone', {
      country: 'JP',
      phone: '090-5555-0003',
    });
    expect(other.response.status).toBe(429);
    expect(await sentTo(server, '+819055550003')).toBe(0);
  });

  it('"use a different number" does not skip the wait either', async () => {
    const { browser, answer } = await postPhone(server, '090-5555-0004');
    const phonePage = await submitStep(server.logto, browser, answer, 'restart');
    const other = await submitStep(server.logto, browser, phonePage, 'phone', {
      country: 'JP',
      phone: '090-5555-0005',
    });
    expect(other.response.status).toBe(429);
    expect(other.body).toContain('before asking for a new code');
    expect(await sentTo(server, '+819055550005')).toBe(0);
  });
});

it('one sign-in cannot spray codes across more than 3 numbers', async () => {
  const server = await serverWith({ LOGTO_LOCAL_RESEND_COOLDOWN: '0' });
  const { browser, phonePage } = await postPhone(server, '090-5555-0011');
  for (const national of ['090-5555-0012', '090-5555-0013']) {
    const sent = await submitStep(server.logto, browser, phonePage, 'phone', {
      country: 'JP',
      phone: national,
    });
    expect(sent.response.status).toBe(200);
  }
  const fourth = await submitStep(server.logto, browser, phonePage, 'phone', {
    country: 'JP',
    phone: '090-5555-0014',
  });
  expect(fourth.response.status).toBe(429);
  expect(fourth.body).toContain('This sign-in already sent codes to 3 different numbers');
  // A number it already used is still fine: that is a resend, not spraying.
  const back = await submitStep(server.logto, browser, phonePage, 'phone', {
    country: 'JP',
    phone: '090-5555-0012',
  });
  expect(back.response.status).toBe(200);
  expect(await server.logto.readOutbox()).toHaveLength(4);
});

it('a scripted burst from one client IP stops at the per-IP cap', async () => {
  const server = await serverWith({ LOGTO_LOCAL_IP_SEND_LIMIT: '5' });
  const numbers = Array.from({ length: 12 }, (_, index) => `090-5555-${String(1100 + index)}`);
  const answers = await Promise.all(numbers.map((national) => postPhone(server, national)));
  const statuses = answers.map(({ answer }) => answer.response.status).sort();
  expect(statuses).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
  const refused = answers.find(({ answer }) => answer.response.status === 429)!.answer;
  expect(refused.body).toMatch(/Too many codes were asked for from your network\. Try again at/);
  expect(await server.logto.readOutbox()).toHaveLength(5);
});

it('a scripted burst cannot pass the hourly SMS cap, which is logged once', async () => {
  const server = await serverWith({ LOGTO_LOCAL_HOURLY_SMS_LIMIT: '4' });
  const numbers = Array.from({ length: 10 }, (_, index) => `090-5555-${String(1200 + index)}`);
  const answers = await Promise.all(numbers.map((national) => postPhone(server, national)));
  expect(answers.filter(({ answer }) => answer.response.status === 200)).toHaveLength(4);
  const refused = answers.find(({ answer }) => answer.response.status === 429)!.answer;
  expect(refused.body).toContain('has sent as many text messages as it may this hour');
  expect(await server.logto.readOutbox()).toHaveLength(4);
  const capLines = server.logto
    .output()
    .split('\n')
    .filter((line) => line.includes('hourly SMS cap'));
  expect(capLines).toEqual([
    expect.stringMatching(
      /^logto-local: the hourly SMS cap \(4, LOGTO_LOCAL_HOURLY_SMS_LIMIT\) is reached; refusing codes until \d{4}-/,
    ),
  ]);
});

it('counts only sends that went out towards the per-number limit', async () => {
  const vonage = await startVonageStandIn();
  try {
    const server = await serverWith({
      VONAGE_API_KEY: 'key',
      VONAGE_API_SECRET: 'secret',
      VONAGE_BRAND_NAME: 'Bookstore',
      VONAGE_REST_HOST: vonage.url,
      LOGTO_LOCAL_SEND_LIMIT: '2',
    });
    // Vonage refuses the first two messages (status 29: non-whitelisted destination).
    await fetch(`${vonage.url}/__e2e/next-statuses`, {
      method: 'POST',
      body: JSON.stringify(['29', '29']),
    });
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      statuses.push((await postPhone(server, '090-5555-0300')).answer.response.status);
    }
    expect(statuses).toEqual([502, 502, 200, 200, 429]);
  } finally {
    await vonage.stop();
  }
});

it('limits a test number like any number', async () => {
  const server = await serverWith({
    LOGTO_LOCAL_TEST_PHONES: '+15555550188=424242',
    LOGTO_LOCAL_SEND_LIMIT: '2',
  });
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const { browser, page } = await openSignIn(server.logto, server.client);
    const answer = await submitStep(server.logto, browser, page, 'phone', {
      country: 'US',
      phone: '555-555-0188',
    });
    statuses.push(answer.response.status);
  }
  expect(statuses).toEqual([200, 200, 429]);
});
