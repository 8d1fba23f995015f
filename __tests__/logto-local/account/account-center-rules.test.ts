/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLogtoLocal, type LogtoLocalProcess } from '../../../support/logto-local-process';
import { APP_URL, bookstoreClient, signInWithPhone } from '../../../support/relying-party';
import { openWithoutSession, PhonePages, textOf } from './phone-pages';

jest.setTimeout(90_000);

const SHIPPED = path.resolve(__dirname, '../../../logto.config.json');
const toAccount = { redirect: `${APP_URL}/account`, ui_locales: 'en' };
let dir: string;
const running: LogtoLocalProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'logto-local-account-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((logto) => logto.stop()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of logto.config.json with `edit` applied. */
function configWith(name: string, edit: (config: Record<string, unknown>) => void): string {
  const config = JSON.parse(readFileSync(SHIPPED, 'utf8')) as Record<string, unknown>;
  edit(config);
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function start(env: Record<string, string>) {
  const logto = await startLogtoLocal(env);
  running.push(logto);
  return { logto, client: await bookstoreClient(logto) };
}

const codeTo = async (logto: LogtoLocalProcess, e164: string) =>
  (await logto.readOutbox()).find((entry) => entry.to === e164)!;

it('says the feature is off, in Logto’s words, when logto.config.json leaves the account center off', async () => {
  const { logto } = await start({
    LOGTO_LOCAL_CONFIG: configWith('off', (config) => delete config.accountCenter),
  });
  const response = await openWithoutSession(
    logto,
    `/account/phone?redirect=${encodeURIComponent(toAccount.redirect)}`,
  );
  expect(response.status).toBe(403);
  expect(textOf(response.text)).toContain('You do not have permission to access this feature.');
});

it('says so too when the phone field is ReadOnly', async () => {
  const { logto } = await start({
    LOGTO_LOCAL_CONFIG: configWith('read-only', (config) => {
      config.accountCenter = { enabled: true, fields: { phone: 'ReadOnly' } };
    }),
  });
  const response = await openWithoutSession(logto, '/account/phone');
  expect(response.status).toBe(403);
});

it('sends the new number its code with sign-up closed, as Logto binds a number whatever the sign-in mode', async () => {
  const data = path.join(dir, 'closed-data');
  const open = await start({ LOGTO_LOCAL_DATA_DIR: data });
  await signInWithPhone(open.logto, open.client, '+819077770001');
  await open.logto.stop();
  running.splice(0);

  const { logto, client } = await start({
    LOGTO_LOCAL_DATA_DIR: data,
    LOGTO_LOCAL_CONFIG: configWith('closed', (config) => {
      (config.signInExperience as Record<string, unknown>).signInMode = 'SignIn';
    }),
  });
  const { browser } = await signInWithPhone(logto, client, '+819077770001');
  const pages = new PhonePages(logto, browser);
  const verify = await pages.open(toAccount);
  const currentCode = await pages.post(verify, 'send-current');
  const link = await pages.post(currentCode, 'verify-current', {
    code: (await codeTo(logto, '+819077770001')).code,
  });
  await pages.post(link, 'send-new', { country: 'JP', phone: '090-7777-0002' });

  expect(await codeTo(logto, '+819077770002')).toMatchObject({ usageType: 'BindNewIdentifier' });
});

it('locks a number after as many wrong codes as a sign-in would, for sign-in too', async () => {
  // The per-client cap (half the lockout by default) would answer first: lift it for this test.
  const { logto, client } = await start({
    LOGTO_LOCAL_LOCKOUT_FAILURES: '2',
    LOGTO_LOCAL_IP_FAILURE_LIMIT: '100',
  });
  const { browser } = await signInWithPhone(logto, client, '+819077770003');
  const pages = new PhonePages(logto, browser);
  const verify = await pages.open(toAccount);
  const currentCode = await pages.post(verify, 'send-current');
  const right = (await codeTo(logto, '+819077770003')).code;
  const wrong = right === '000000' ? '111111' : '000000';

  await pages.post(currentCode, 'verify-current', { code: wrong });
  const locked = await pages.post(currentCode, 'verify-current', { code: wrong });

  expect(locked.status).toBe(429);
  expect(locked.body).toMatch(/locked until/);
  const stillLocked = await pages.post(currentCode, 'verify-current', { code: right });
  expect(stillLocked.status).toBe(429);
  // The sign-in page refuses to send it a code (429) while it is locked.
  await expect(signInWithPhone(logto, client, '+819077770003')).rejects.toThrow(
    /status 429 at .*\/phone/,
  );
});

it('stops a client that entered as many wrong codes as one client may, as on the sign-in pages', async () => {
  const { logto, client } = await start({ LOGTO_LOCAL_IP_FAILURE_LIMIT: '1' });
  const { browser } = await signInWithPhone(logto, client, '+819077770004');
  const pages = new PhonePages(logto, browser);
  const verify = await pages.open(toAccount);
  const currentCode = await pages.post(verify, 'send-current');
  const right = (await codeTo(logto, '+819077770004')).code;
  const wrong = right === '000000' ? '111111' : '000000';

  await pages.post(currentCode, 'verify-current', { code: wrong });
  const capped = await pages.post(currentCode, 'verify-current', { code: right });

  expect(capped.status).toBe(429);
  expect(textOf(capped.body)).toContain('from your network');
});
