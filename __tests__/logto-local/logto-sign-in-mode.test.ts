/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BaseClient } from 'openid-client';
import type { LogtoConfigFile } from '@/logto-config';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { codeFromOutbox } from '../../support/logto-local-sign-in';
import {
  bookstoreClient,
  openSignIn,
  signInWithPhone,
  submitStep,
} from '../../support/relying-party';

jest.setTimeout(60_000);

const REPO_CONFIG = path.resolve(__dirname, '../../logto.config.json');
let dir: string;
const started: LogtoLocalProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'logto-sign-in-mode-'));
});
afterAll(async () => {
  await Promise.all(started.map((logto) => logto.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const logto = await startLogtoLocal(env);
  started.push(logto);
  return { logto, client: await bookstoreClient(logto) };
}

function configWithSignInMode(mode: 'SignIn' | 'SignInAndRegister'): string {
  const config = JSON.parse(readFileSync(REPO_CONFIG, 'utf8')) as LogtoConfigFile;
  config.signInExperience.signInMode = mode;
  const file = path.join(dir, `${mode}.config.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function submitPhone(logto: LogtoLocalProcess, client: BaseClient, national: string) {
  const { browser, page } = await openSignIn(logto, client, { ui_locales: 'en' });
  const codePage = await submitStep(logto, browser, page, 'phone', {
    country: 'JP',
    phone: national,
  });
  return { browser, codePage };
}

describe('signInMode SignIn (registration off), as Logto runs it', () => {
  const dataDir = () => path.join(dir, 'shared-data');

  it('sends no SMS to a number without an account, yet shows the code page as for any number', async () => {
    const { logto, client } = await start({
      LOGTO_LOCAL_CONFIG: configWithSignInMode('SignIn'),
      LOGTO_LOCAL_DATA_DIR: path.join(dir, 'closed-data'),
    });
    const { codePage } = await submitPhone(logto, client, '090-6666-0001');
    expect(codePage.response.status).toBe(200);
    expect(codePage.body).toContain('name="code"');
    expect(await logto.readOutbox()).toEqual([]);
  });

  it('still sends the code to a number that has an account', async () => {
    const open = await start({ LOGTO_LOCAL_DATA_DIR: dataDir() });
    await signInWithPhone(open.logto, open.client, '+819066660002');
    await open.logto.stop();

    const { logto, client } = await start({
      LOGTO_LOCAL_CONFIG: configWithSignInMode('SignIn'),
      LOGTO_LOCAL_DATA_DIR: dataDir(),
    });
    await submitPhone(logto, client, '090-6666-0002');
    const sent = (await logto.readOutbox()).filter((entry) => entry.to === '+819066660002');
    expect(sent).toHaveLength(1);
  });
});

describe('registering a number that already has an account, as Logto handles it', () => {
  it('says the account exists and offers to sign in to it instead of signing in silently', async () => {
    const { logto, client } = await start();
    await signInWithPhone(logto, client, '+819066660003');

    const { browser, page } = await openSignIn(logto, client, {
      ui_locales: 'en',
      first_screen: 'register',
    });
    const codePage = await submitStep(logto, browser, page, 'phone', {
      country: 'JP',
      phone: '090-6666-0003',
    });
    const code = await codeFromOutbox(logto.readOutbox)('+819066660003');
    const existing = await submitStep(logto, browser, codePage, 'code', { code });

    expect(existing.body).toContain('This number already has an account');
    expect(existing.body).not.toContain('/register"');

    const signedIn = await submitStep(logto, browser, existing, 'sign-in');
    const location = new URL(signedIn.response.headers.get('location') ?? '', logto.origin);
    expect(location.pathname).toBe('/api/auth/callback/logto');
    expect(location.searchParams.get('code')).toBeTruthy();
  });
});
