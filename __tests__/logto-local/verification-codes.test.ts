/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { BaseClient } from 'openid-client';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { codeFromOutbox } from '../../support/logto-local-sign-in';
import {
  bookstoreClient,
  openSignIn,
  signInWithPhone,
  submitStep,
} from '../../support/relying-party';

jest.setTimeout(60_000);

interface Server {
  logto: LogtoLocalProcess;
  client: BaseClient;
}

/** logto-local with Logto's defaults, with no resend countdown and a 30 s code, and with a 1 s code. */
let defaults: Server;
let quickResend: Server;
let expiringCode: Server;
/** The server the current test talks to (defaults unless the test picks another). */
let logto: LogtoLocalProcess;
let client: BaseClient;

async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const started = await startLogtoLocal(env);
  return { logto: started, client: await bookstoreClient(started) };
}

function use(server: Server) {
  ({ logto, client } = server);
}

beforeAll(async () => {
  // Started together: each start is mostly waiting on its own process.
  [defaults, quickResend, expiringCode] = await Promise.all([
    startServer(),
    startServer({ LOGTO_LOCAL_RESEND_COOLDOWN: '0', LOGTO_LOCAL_CODE_TTL: '30' }),
    startServer({ LOGTO_LOCAL_CODE_TTL: '1' }),
  ]);
});

beforeEach(() => use(defaults));

afterAll(async () => {
  await Promise.all([defaults, quickResend, expiringCode].map((server) => server?.logto.stop()));
});

/** Opens sign-in and submits a phone number; returns the code page. */
async function reachCodePage(phone: string) {
  const { browser, page } = await openSignIn(logto, client);
  const codePage = await submitStep(logto, browser, page, 'phone', { country: 'JP', phone });
  return { browser, codePage };
}

/** The page's heading and alert, which is what a failing assertion should show. */
function visibleText(html: string) {
  const heading = /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
  const alert = /role="alert"[^>]*>([^<]*)</.exec(html)?.[1] ?? '';
  return `${heading} | ${alert}`;
}

/** A 6-digit code that differs from `code`. */
function wrongCodeFor(code: string) {
  return code === '000000' ? '111111' : '000000';
}

it('shows an accessible code form that says where the code went', async () => {
  const { codePage } = await reachCodePage('090-1234-5678');
  expect(codePage.response.status).toBe(200);
  expect(codePage.body).toContain('sent to +81 90-1234-5678');
  expect(codePage.body).toMatch(/<label for="code">Verification code<\/label>/);
  expect(codePage.body).toMatch(
    /<input id="code" name="code"[^>]*inputmode="numeric"[^>]*autocomplete="one-time-code"/,
  );
  const [entry] = await logto.readOutbox();
  expect(entry).toMatchObject({ to: '+819012345678', usageType: 'SignIn' });
  expect(entry!.code).toMatch(/^\d{6}$/);
});

it('announces a wrong code to screen readers and keeps the person on the code page', async () => {
  const { browser, codePage } = await reachCodePage('090-2222-0001');
  const code = await codeFromOutbox(logto.readOutbox)('+819022220001');
  const result = await submitStep(logto, browser, codePage, 'code', { code: wrongCodeFor(code) });
  expect(result.response.status).toBe(400);
  expect(result.body).toMatch(
    /<p id="code-error" class="error" role="alert"[^>]*>That code is not right/,
  );
  expect(result.body).toContain('9 tries left');
  expect(result.body).toMatch(
    /aria-describedby="code-lead code-hint code-error" aria-invalid="true"/,
  );
});

it('kills the code after 10 wrong tries, so even the right code then fails', async () => {
  const { browser, codePage } = await reachCodePage('090-2222-0002');
  const code = await codeFromOutbox(logto.readOutbox)('+819022220002');
  let page = codePage;
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    page = await submitStep(logto, browser, page, 'code', { code: wrongCodeFor(code) });
  }
  expect(page.body).toContain('Too many wrong tries');
  const withRightCode = await submitStep(logto, browser, page, 'code', { code });
  expect(withRightCode.response.status).toBe(400);
  expect(withRightCode.body).toContain('Too many wrong tries');
});

it('replaces the old code when a new one is sent', async () => {
  use(quickResend);
  const { browser, codePage } = await reachCodePage('090-2222-0003');
  const oldCode = await codeFromOutbox(logto.readOutbox)('+819022220003');
  const resent = await submitStep(logto, browser, codePage, 'resend');
  expect(resent.body).toContain('A new code was sent to +81 90-2222-0003');
  const newCode = await codeFromOutbox(logto.readOutbox)('+819022220003');
  if (newCode !== oldCode) {
    const withOld = await submitStep(logto, browser, resent, 'code', { code: oldCode });
    expect(withOld.response.status).toBe(400);
  }
  const withNew = await submitStep(logto, browser, resent, 'code', { code: newCode });
  expect(visibleText(withNew.body)).toContain('Create your account');
});

it('refuses a resend before the 59-second countdown ends, with a 429 that says how long to wait', async () => {
  const { browser, codePage } = await reachCodePage('090-2222-0004');
  expect(codePage.body).toMatch(/data-wait="(59|58)"/);
  const early = await submitStep(logto, browser, codePage, 'resend');
  expect(early.response.status).toBe(429);
  expect(early.body).toMatch(/Wait (59|58) s before asking for a new code/);
  expect((await logto.readOutbox()).filter((entry) => entry.to === '+819022220004')).toHaveLength(
    1,
  );
});

it('sends at most 10 codes per number per 10 minutes, then answers 429 with when to retry', async () => {
  for (let send = 1; send <= 10; send += 1) {
    const { codePage } = await reachCodePage('090-2222-0005');
    expect(codePage.response.status).toBe(200);
  }
  const { browser, page } = await openSignIn(logto, client);
  const refused = await submitStep(logto, browser, page, 'phone', {
    country: 'JP',
    phone: '090-2222-0005',
  });
  expect(refused.response.status).toBe(429);
  expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(500);
  expect(refused.body).toMatch(
    /Too many codes were sent to this number\. Try again at .+ \(in about 10 min\)/,
  );
  expect((await logto.readOutbox()).filter((entry) => entry.to === '+819022220005')).toHaveLength(
    10,
  );
});

it('offers an unknown number an account only after its code, and creates nothing if the person declines', async () => {
  const { browser, codePage } = await reachCodePage('090-2222-0006');
  const code = await codeFromOutbox(logto.readOutbox)('+819022220006');
  const offer = await submitStep(logto, browser, codePage, 'code', { code });
  expect(offer.body).toContain('There is no account for +81 90-2222-0006 yet');
  await submitStep(logto, browser, offer, 'restart');

  const again = await reachCodePage('090-2222-0006');
  const secondCode = await codeFromOutbox(logto.readOutbox)('+819022220006');
  const secondOffer = await submitStep(logto, again.browser, again.codePage, 'code', {
    code: secondCode,
  });
  expect(secondOffer.body).toContain('There is no account for +81 90-2222-0006 yet');
});

describe('with a short code lifetime', () => {
  it('rejects a code after it expires', async () => {
    use(expiringCode);
    const { browser, codePage } = await reachCodePage('090-2222-0007');
    const sentAt = Date.now();
    const code = await codeFromOutbox(logto.readOutbox)('+819022220007');
    while (Date.now() <= sentAt + 1100) await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await submitStep(logto, browser, codePage, 'code', { code });
    expect(late.response.status).toBe(400);
    expect(late.body).toContain('This code has expired');
  });

  it('still signs in when the code is used in time', async () => {
    use(quickResend);
    const { tokens } = await signInWithPhone(logto, client, '+819022220008');
    expect(tokens.claims().phone_number).toBe('819022220008');
  });
});
