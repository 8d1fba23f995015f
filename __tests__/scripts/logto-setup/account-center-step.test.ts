/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { setupServer } from 'msw/node';

import { runSetup } from '@/scripts/logto-setup/run-setup';

import {
  FAKE_ENDPOINT,
  FAKE_M2M,
  type FakeLogtoTenant,
  createFakeLogtoTenant,
} from '../support/fake-logto-tenant';

const REPO_CONFIG = path.resolve(__dirname, '../../../logto.config.json');

const server = setupServer();
let tenant: FakeLogtoTenant;
let dir: string;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  tenant = createFakeLogtoTenant();
  server.resetHandlers(...tenant.handlers);
  dir = await mkdtemp(path.join(os.tmpdir(), 'logto-setup-account-center-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function setup(argv: string[] = [], config = REPO_CONFIG) {
  let output = '';
  const code = await runSetup({
    argv: ['--config', config, ...argv],
    env: {
      LOGTO_ENDPOINT: FAKE_ENDPOINT,
      LOGTO_M2M_APP_ID: FAKE_M2M.id,
      LOGTO_M2M_APP_SECRET: FAKE_M2M.secret,
      APP_URL: 'https://shop.example',
      VONAGE_API_KEY: 'vonagekey123',
      VONAGE_API_SECRET: 'vonageSecretValue9',
    },
    stdout: { write: (text: string) => (output += text) },
    cwd: dir,
  });
  return { code, output };
}

const accountCenterRequests = () =>
  tenant.requests
    .filter((request) => request.path === '/api/account-center')
    .map((request) => ({ method: request.method, body: request.body }));

it('turns the account center on with the phone editable, keeping the fields the file does not list', async () => {
  tenant.state.accountCenter.fields = { email: 'ReadOnly', phone: 'Off' };

  const { code, output } = await setup();

  expect(code).toBe(0);
  expect(accountCenterRequests()).toEqual([
    { method: 'GET', body: undefined },
    { method: 'PATCH', body: { enabled: true, fields: { email: 'ReadOnly', phone: 'Edit' } } },
  ]);
  expect(tenant.state.accountCenter).toEqual({
    enabled: true,
    fields: { email: 'ReadOnly', phone: 'Edit' },
  });
  expect(output).toContain('✓ Account center: updated (enabled, fields.phone)');
});

it('changes nothing on a second run', async () => {
  await setup();
  tenant.clearRequests();

  const { code, output } = await setup();

  expect(code).toBe(0);
  expect(accountCenterRequests()).toEqual([{ method: 'GET', body: undefined }]);
  expect(output).toContain('✓ Account center: already up to date');
});

it('shows the change in a dry run and sends nothing', async () => {
  const { code, output } = await setup(['--dry-run']);

  expect(code).toBe(0);
  expect(accountCenterRequests()).toEqual([{ method: 'GET', body: undefined }]);
  expect(output).toContain('✓ Account center: would update (enabled, fields.phone)');
  expect(output).toContain(
    '  Account center: update\n    ~ enabled: false → true\n    + fields.phone: "Edit"',
  );
});

it('tells an older Logto without an account center apart, and says what to do', async () => {
  tenant.knobs.hasAccountCenter = false;

  const { code, output } = await setup();

  expect(code).toBe(1);
  expect(output).toContain('✗ Account center: this Logto has no account center');
  expect(output).toContain('Logto 1.22');
  expect(output).toContain('take accountCenter out of logto.config.json');
  expect(output).toContain('✓ Sign-in experience: updated');
});

it('tells a plan limit apart from a missing role', async () => {
  tenant.knobs.failures.push({
    method: 'PATCH',
    path: '/api/account-center',
    status: 403,
    body: {
      code: 'subscription.limit_exceeded',
      message: 'You have reached the limit of your subscription plan.',
      data: { key: 'accountCenterEnabled' },
    },
  });

  const { code, output } = await setup();

  expect(code).toBe(1);
  expect(output).toContain(
    '✗ Account center: Logto Cloud refused PATCH /api/account-center: a plan limit, not a missing role',
  );
});

it('tells a missing role apart from a plan limit', async () => {
  tenant.knobs.failures.push({
    method: 'GET',
    path: '/api/account-center',
    status: 403,
    body: { code: 'auth.forbidden', message: 'Forbidden.' },
  });

  const { code, output } = await setup();

  expect(code).toBe(1);
  expect(output).toContain(
    '✗ Account center: Logto forbade GET /api/account-center (403), a missing role',
  );
});

it('leaves the account center alone when the file has no accountCenter', async () => {
  const config = JSON.parse(await readFile(REPO_CONFIG, 'utf8')) as Record<string, unknown>;
  delete config.accountCenter;
  const file = path.join(dir, 'logto.config.json');
  await writeFile(file, JSON.stringify(config));

  const { code, output } = await setup([], file);

  expect(code).toBe(0);
  expect(accountCenterRequests()).toEqual([]);
  expect(output).toContain(
    '✓ Account center: logto.config.json has no accountCenter; the tenant keeps its own',
  );
});
