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
const VONAGE = { key: 'vonagekey123', secret: 'vonageSecretValue9' };

const server = setupServer();
let tenant: FakeLogtoTenant;
let dir: string;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  tenant = createFakeLogtoTenant();
  server.resetHandlers(...tenant.handlers);
  dir = await mkdtemp(path.join(os.tmpdir(), 'logto-setup-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const baseEnv = {
  LOGTO_ENDPOINT: FAKE_ENDPOINT,
  LOGTO_M2M_APP_ID: FAKE_M2M.id,
  LOGTO_M2M_APP_SECRET: FAKE_M2M.secret,
  APP_URL: 'https://shop.example',
  VONAGE_API_KEY: VONAGE.key,
  VONAGE_API_SECRET: VONAGE.secret,
};

async function setup(argv: string[] = [], env: Record<string, string | undefined> = {}) {
  let output = '';
  const code = await runSetup({
    argv: ['--config', REPO_CONFIG, ...argv],
    env: { ...baseEnv, ...env },
    stdout: { write: (text: string) => (output += text) },
    cwd: dir,
  });
  return { code, output };
}

const envLocal = () => readFile(path.join(dir, '.env.local'), 'utf8');
const requestLine = (request: { method: string; path: string }) =>
  `${request.method} ${request.path.split('?')[0]}`;
const createdBookstore = () => tenant.state.applications.find((app) => app.name === 'Bookstore');

describe('npm run logto:setup against a fresh tenant', () => {
  it('creates the app, then the SMS connector, then patches the sign-in experience and the account center, in that order', async () => {
    const { code } = await setup();

    expect(code).toBe(0);
    expect(tenant.requests.map(requestLine)).toEqual([
      'POST /oidc/token',
      'GET /api/applications',
      'POST /api/applications',
      `GET /api/applications/${createdBookstore()?.id}/secrets`,
      'GET /api/connector-factories',
      'GET /api/connectors',
      'POST /api/connectors',
      'GET /api/sign-in-exp',
      'PATCH /api/sign-in-exp',
      'GET /api/account-center',
      'PATCH /api/account-center',
    ]);
  });

  it('asks for a client_credentials token with scope all for the Cloud tenant resource', async () => {
    await setup();
    expect(tenant.requests[0]?.body).toEqual({
      grant_type: 'client_credentials',
      resource: 'https://bk7tenant.logto.app/api',
      scope: 'all',
    });
  });

  it('sends the application, connector and sign-in experience as the file describes them', async () => {
    await setup();
    const bodyOf = (line: string) =>
      tenant.requests.find((request) => requestLine(request) === line)?.body;

    expect(bodyOf('POST /api/applications')).toEqual({
      name: 'Bookstore',
      type: 'Traditional',
      description: expect.any(String),
      oidcClientMetadata: {
        redirectUris: ['https://shop.example/api/auth/callback/logto'],
        postLogoutRedirectUris: ['https://shop.example/'],
      },
    });
    expect(bodyOf('POST /api/connectors')).toEqual({
      connectorId: 'vonage-sms',
      config: {
        apiKey: VONAGE.key,
        apiSecret: VONAGE.secret,
        brandName: 'Bookstore',
        templates: expect.arrayContaining([
          { usageType: 'SignIn', content: expect.stringContaining('{{code}}') },
          { usageType: 'Generic', content: expect.stringContaining('{{code}}') },
        ]),
      },
    });
    expect(tenant.state.signInExperience.signUp).toEqual({
      identifiers: ['phone'],
      password: false,
      verify: true,
      secondaryIdentifiers: [],
    });
    expect(tenant.state.signInExperience.signIn.methods).toEqual([
      { identifier: 'phone', password: false, verificationCode: true, isPasswordPrimary: false },
    ]);
  });

  it("ends each SMS template with the WebOTP line naming the tenant's sign-in host", async () => {
    await setup();
    const connector = tenant.state.connectors.find((item) => item.connectorId === 'vonage-sms');
    const templates = connector?.config.templates as Array<{ content: string }>;
    for (const template of templates) {
      expect(template.content.endsWith('\n\n@bk7tenant.logto.app #{{code}}')).toBe(true);
    }
  });

  it('leaves "Bookstore Admin" alone: only an exact name match counts', async () => {
    await setup();
    expect(tenant.state.applications.map((app) => app.name)).toEqual([
      'Bookstore Admin',
      'Bookstore',
    ]);
    expect(tenant.mutatingRequests().map(requestLine)).not.toContain(
      'PATCH /api/applications/adminapp0001',
    );
  });

  it('writes the issuer, the client id and the secret from the secrets endpoint into .env.local', async () => {
    await setup();
    const app = createdBookstore();
    expect(await envLocal()).toBe(
      `AUTH_LOGTO_ISSUER=${FAKE_ENDPOINT}/oidc\nAUTH_LOGTO_ID=${app?.id}\nAUTH_LOGTO_SECRET=real-secret-of-${app?.id}\n`,
    );
  });

  it('never prints a secret', async () => {
    const { output } = await setup();
    for (const secret of [
      VONAGE.key,
      VONAGE.secret,
      FAKE_M2M.secret,
      `real-secret-of-${createdBookstore()?.id}`,
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it('reports progress per step', async () => {
    const { output } = await setup();
    expect(output).toContain('✓ Application "Bookstore": created');
    expect(output).toContain('✓ Vonage SMS connector: created');
    expect(output).toContain(
      '✓ Sign-in experience: updated (signUp.identifiers, signUp.password, signUp.verify, signIn.methods)',
    );
  });
});

describe('npm run logto:setup run a second time', () => {
  it('sends no request that changes the tenant and reports every step up to date', async () => {
    await setup();
    const envAfterFirstRun = await envLocal();
    tenant.clearRequests();

    const { code, output } = await setup();

    expect(code).toBe(0);
    expect(tenant.mutatingRequests()).toEqual([]);
    expect(output.match(/already up to date/g)).toHaveLength(5);
    expect(await envLocal()).toBe(envAfterFirstRun);
  });

  it('PATCHes only the redirect URIs when APP_URL changes, sending both lists and keeping other metadata', async () => {
    await setup();
    const app = createdBookstore();
    if (app) app.oidcClientMetadata.backchannelLogoutUri = 'https://shop.example/api/backchannel';
    tenant.clearRequests();

    await setup([], { APP_URL: 'https://books.example' });

    expect(tenant.mutatingRequests()).toEqual([
      {
        method: 'PATCH',
        path: `/api/applications/${app?.id}`,
        body: {
          description: expect.any(String),
          oidcClientMetadata: {
            redirectUris: ['https://books.example/api/auth/callback/logto'],
            postLogoutRedirectUris: ['https://books.example/'],
            backchannelLogoutUri: 'https://shop.example/api/backchannel',
          },
        },
      },
    ]);
  });

  it('PATCHes the existing Vonage connector when a template changed on the tenant', async () => {
    await setup();
    const connector = tenant.state.connectors.find((item) => item.connectorId === 'vonage-sms');
    if (connector) connector.config = { ...connector.config, brandName: 'OldName' };
    tenant.clearRequests();

    await setup();

    expect(tenant.mutatingRequests().map(requestLine)).toEqual([
      `PATCH /api/connectors/${connector?.id}`,
    ]);
    expect(connector?.config.brandName).toBe('Bookstore');
  });
});

describe('npm run logto:setup --dry-run', () => {
  it('sends no request that changes the tenant and prints the planned changes', async () => {
    const { code, output } = await setup(['--dry-run']);

    expect(code).toBe(0);
    expect(tenant.mutatingRequests()).toEqual([]);
    expect(output).toContain('Plan (dry run: nothing was changed):');
    expect(output).toContain('Application "Bookstore": create (type Traditional)');
    expect(output).toContain('+ redirectUris: ["https://shop.example/api/auth/callback/logto"]');
    expect(output).toContain('Vonage SMS connector: create');
    expect(output).toContain('~ config.apiKey: (set, hidden)');
    expect(output).toContain('~ signUp.identifiers: ["username"] → ["phone"]');
    expect(output).toContain(
      '.env.local: would set AUTH_LOGTO_ISSUER, AUTH_LOGTO_ID, AUTH_LOGTO_SECRET',
    );
    expect(output).not.toContain(VONAGE.secret);
    await expect(envLocal()).rejects.toThrow(/ENOENT/);
  });

  it('shows a changed URI as tenant value → file value', async () => {
    await setup();
    tenant.clearRequests();

    const { output } = await setup(['--dry-run'], { APP_URL: 'https://books.example' });

    expect(tenant.mutatingRequests()).toEqual([]);
    expect(output).toContain(
      '~ postLogoutRedirectUris: ["https://shop.example/"] → ["https://books.example/"]',
    );
  });

  it('says which SMS connector a create would replace', async () => {
    tenant.state.connectors.push({
      id: 'twilioconn01',
      connectorId: 'twilio-verification-code',
      type: 'Sms',
      config: {},
      syncProfile: false,
      metadata: {},
    });
    const { output } = await setup(['--dry-run']);
    expect(output).toContain(
      'Vonage SMS connector: create (replaces the existing SMS connector "twilio-verification-code")',
    );
  });
});

describe('npm run logto:setup when a step fails', () => {
  it('names the connector step on a 422, lists the steps already done, and resumes on a re-run', async () => {
    tenant.knobs.failures.push({
      method: 'POST',
      path: '/api/connectors',
      status: 422,
      body: { code: 'connector.invalid_config', message: 'Invalid connector config.' },
    });

    const failed = await setup();

    expect(failed.code).toBe(1);
    expect(failed.output).toContain(
      '✗ Vonage SMS connector: Logto rejected POST /api/connectors (422). Logto said: connector.invalid_config: Invalid connector config.',
    );
    expect(failed.output).toMatch(
      /Steps already done:\n {2}✓ Read logto\.config\.json: .*\n {2}✓ Management API token: .*\n {2}✓ Application "Bookstore": created .*\n {2}✓ \.env\.local: set .*\n/,
    );
    expect(tenant.requests.map(requestLine)).not.toContain('PATCH /api/sign-in-exp');

    tenant.clearRequests();
    const resumed = await setup();

    expect(resumed.code).toBe(0);
    expect(resumed.output).toContain('✓ Application "Bookstore": already up to date');
    expect(tenant.mutatingRequests().map(requestLine)).toEqual([
      'POST /api/connectors',
      'PATCH /api/sign-in-exp',
      'PATCH /api/account-center',
    ]);
  });

  it('explains a 401 from the token endpoint as wrong machine-to-machine credentials', async () => {
    const { code, output } = await setup([], { LOGTO_M2M_APP_SECRET: 'wrong' });
    expect(code).toBe(1);
    expect(output).toContain(
      '✗ Management API token: Logto refused the credentials (401 on POST /oidc/token)',
    );
    expect(output).toContain('Check LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET');
    expect(output).not.toContain('wrong');
  });

  it('refuses a token without the all scope and says which role to assign', async () => {
    tenant.knobs.grantedScope = 'read:users';
    const { code, output } = await setup();
    expect(code).toBe(1);
    expect(output).toContain(
      '✗ Management API token: the token for https://bk7tenant.logto.app/api lacks the "all" scope',
    );
    expect(output).toContain('"Logto Management API access" role');
    expect(tenant.requests.map(requestLine)).toEqual(['POST /oidc/token']);
  });

  it('explains a 403 on the application step as a missing role', async () => {
    tenant.knobs.failures.push({ method: 'GET', path: '/api/applications', status: 403 });
    const { code, output } = await setup();
    expect(code).toBe(1);
    expect(output).toContain(
      '✗ Application "Bookstore": Logto forbade GET /api/applications?page=1&page_size=100 (403)',
    );
  });

  it('explains a network failure on the sign-in experience step', async () => {
    tenant.knobs.failures.push({
      method: 'GET',
      path: '/api/sign-in-exp',
      status: 0,
      network: true,
    });
    const { code, output } = await setup();
    expect(code).toBe(1);
    expect(output).toContain(`✗ Sign-in experience: could not reach Logto at ${FAKE_ENDPOINT}`);
    expect(output).toContain('  ✓ Vonage SMS connector: created');
  });

  it('fails the connector step naming the unset Vonage variable', async () => {
    const { code, output } = await setup([], { VONAGE_API_SECRET: undefined });
    expect(code).toBe(1);
    expect(output).toContain('✗ Vonage SMS connector: VONAGE_API_SECRET is not set.');
    expect(tenant.mutatingRequests().map(requestLine)).toEqual(['POST /api/applications']);
  });
});

describe('npm run logto:setup --test-sms', () => {
  it('sends the test message with the number as digits only', async () => {
    const { code, output } = await setup(['--test-sms', '+81 90-1234-5678']);
    expect(code).toBe(0);
    expect(tenant.state.testMessages).toEqual([
      {
        factoryId: 'vonage-sms',
        body: {
          phone: '819012345678',
          config: expect.objectContaining({ brandName: 'Bookstore' }),
        },
      },
    ]);
    expect(output).toContain('✓ Test SMS: sent to +819…78');
  });

  it('refuses an invalid number before touching the tenant, with exit code 2', async () => {
    const { code, output } = await setup(['--test-sms=+81123']);
    expect(code).toBe(2);
    expect(output).toContain('--test-sms "+81123" is not a valid phone number');
    expect(tenant.requests).toEqual([]);
  });
});

describe('npm run logto:setup usage', () => {
  it('exits with 2 and names the missing credentials', async () => {
    const { code, output } = await setup([], {
      LOGTO_ENDPOINT: '',
      LOGTO_M2M_APP_SECRET: undefined,
    });
    expect(code).toBe(2);
    expect(output).toContain('✗ LOGTO_ENDPOINT, LOGTO_M2M_APP_SECRET are not set.');
    expect(tenant.requests).toEqual([]);
  });

  it('exits with 2 on an unknown option', async () => {
    const { code, output } = await setup(['--force']);
    expect(code).toBe(2);
    expect(output).toContain('unknown option "--force"');
    expect(output).toContain('Usage: npm run logto:setup');
  });

  it('writes to the env file --write-env names, keeping its other lines', async () => {
    await writeFile(
      path.join(dir, '.env.production.local'),
      '# prod\nNEXTAUTH_URL=https://shop.example\n',
    );
    await setup(['--write-env', '.env.production.local']);
    const text = await readFile(path.join(dir, '.env.production.local'), 'utf8');
    expect(text).toMatch(/^# prod\nNEXTAUTH_URL=https:\/\/shop\.example\nAUTH_LOGTO_ISSUER=/);
  });
});

interface EditableConfig {
  signInExperience: {
    signInMode?: string;
    sentinelPolicy?: Record<string, number>;
    signUp: { secondaryIdentifiers?: Array<{ identifier: string; verify?: boolean }> };
  };
}

async function configWith(edit: (config: EditableConfig) => void): Promise<string> {
  const config = JSON.parse(await readFile(REPO_CONFIG, 'utf8')) as EditableConfig;
  edit(config);
  const file = path.join(dir, 'edited.config.json');
  await writeFile(file, JSON.stringify(config));
  return file;
}

describe('npm run logto:setup and Logto Cloud plan limits', () => {
  it('never sends sentinelPolicy when the file does not set it', async () => {
    const { code } = await setup();
    expect(code).toBe(0);
    const patch = tenant.requests.find(
      (request) => requestLine(request) === 'PATCH /api/sign-in-exp',
    );
    expect(patch?.body).not.toHaveProperty('sentinelPolicy');
  });

  it('says a sentinelPolicy the Free plan refuses is a plan limit, not a missing role', async () => {
    const file = await configWith((config) => {
      config.signInExperience.sentinelPolicy = { maxAttempts: 100, lockoutDuration: 60 };
    });
    const { code, output } = await setup(['--config', file]);
    expect(code).toBe(1);
    expect(output).toContain(
      '✗ Sign-in experience: Logto Cloud refused PATCH /api/sign-in-exp: a plan limit, not a missing role (403 subscription.limit_exceeded, securityFeaturesEnabled)',
    );
    expect(output).toContain('Remove sentinelPolicy from the file');
    expect(output).not.toContain('"Logto Management API access" role');
  });

  it('applies a sentinelPolicy the file sets on a plan that includes it', async () => {
    tenant.knobs.plan.securityFeatures = true;
    const file = await configWith((config) => {
      config.signInExperience.sentinelPolicy = { maxAttempts: 50, lockoutDuration: 30 };
    });
    const { code } = await setup(['--config', file]);
    expect(code).toBe(0);
    expect(tenant.state.signInExperience.sentinelPolicy).toEqual({
      maxAttempts: 50,
      lockoutDuration: 30,
    });
  });

  it("says the Free plan's application limit is a plan limit, with the numbers", async () => {
    for (const name of ['Shop', 'Blog']) {
      tenant.state.applications.push({
        ...tenant.state.applications[0]!,
        id: `${name.toLowerCase()}app00001`,
        name,
      });
    }
    const { code, output } = await setup();
    expect(code).toBe(1);
    expect(output).toContain(
      '✗ Application "Bookstore": Logto Cloud refused POST /api/applications: a plan limit, not a missing role (403 subscription.limit_exceeded, applicationsLimit): the tenant already has 3 of the 3 applications its plan allows',
    );
  });

  it('still explains a 403 without a plan limit as a missing role', async () => {
    tenant.knobs.failures.push({
      method: 'PATCH',
      path: '/api/sign-in-exp',
      status: 403,
      body: { code: 'auth.forbidden', message: 'Forbidden.' },
    });
    const { output } = await setup();
    expect(output).toContain(
      'Logto forbade PATCH /api/sign-in-exp (403), a missing role or scope.',
    );
    expect(output).toContain('"Logto Management API access" role');
  });
});

describe('npm run logto:setup with a custom domain', () => {
  const CUSTOM_DOMAIN = 'https://auth.bookstore.example';

  beforeEach(() => {
    tenant = createFakeLogtoTenant({ endpoint: CUSTOM_DOMAIN });
    server.resetHandlers(...tenant.handlers);
  });

  it("asks for the tenant id's Management API resource and writes the custom domain's issuer", async () => {
    const { code } = await setup([], {
      LOGTO_ENDPOINT: CUSTOM_DOMAIN,
      LOGTO_TENANT_ID: 'bk7tenant',
    });
    expect(code).toBe(0);
    expect(tenant.requests[0]?.body).toMatchObject({ resource: 'https://bk7tenant.logto.app/api' });
    expect(await envLocal()).toContain(`AUTH_LOGTO_ISSUER=${CUSTOM_DOMAIN}/oidc\n`);
  });

  it('stops before any request when LOGTO_TENANT_ID is missing, naming the variable', async () => {
    const { code, output } = await setup([], { LOGTO_ENDPOINT: CUSTOM_DOMAIN });
    expect(code).toBe(2);
    expect(output).toContain(`LOGTO_ENDPOINT ${CUSTOM_DOMAIN} is not a *.logto.app address`);
    expect(output).toContain('set LOGTO_TENANT_ID');
    expect(tenant.requests).toEqual([]);
  });
});

describe('npm run logto:setup on a pre-configured tenant', () => {
  beforeEach(() => {
    Object.assign(tenant.state.signInExperience, {
      signInMode: 'SignIn',
      signUp: {
        identifiers: ['email'],
        password: true,
        verify: true,
        secondaryIdentifiers: [{ identifier: 'phone', verify: true }],
      },
    });
  });

  it('lists in --dry-run the sign-up fields, methods and registration it would remove', async () => {
    const { code, output } = await setup(['--dry-run']);
    expect(code).toBe(0);
    expect(tenant.mutatingRequests()).toEqual([]);
    expect(output).toContain('~ signInMode: "SignIn" → "SignInAndRegister"');
    expect(output).toContain(
      '- removes signUp.secondaryIdentifiers: phone (an extra sign-up field)',
    );
    expect(output).toContain('- removes signUp.identifiers: sign-up by email');
    expect(output).toContain('- removes signIn.methods: sign-in by username');
  });

  it('says what it removes before it writes, then leaves only what the file lists', async () => {
    const { code, output } = await setup();
    expect(code).toBe(0);
    expect(output).toMatch(
      /! Sign-in experience: removes what logto\.config\.json does not list:\n {4}- signUp\.secondaryIdentifiers: phone .*\n(.*\n)*✓ Sign-in experience: updated/,
    );
    expect(tenant.state.signInExperience.signInMode).toBe('SignInAndRegister');
    expect(tenant.state.signInExperience.signUp).toEqual({
      identifiers: ['phone'],
      password: false,
      verify: true,
      secondaryIdentifiers: [],
    });
  });

  it('says when the file closes registration that the tenant had open', async () => {
    tenant.state.signInExperience.signInMode = 'SignInAndRegister';
    const file = await configWith((config) => {
      config.signInExperience.signInMode = 'SignIn';
    });
    const { output } = await setup(['--dry-run', '--config', file]);
    expect(output).toContain(
      '- removes signInMode: registration of new accounts (SignInAndRegister → SignIn)',
    );
  });

  it('refuses a file that asks for a sign-up identifier twice, before touching the tenant', async () => {
    const file = await configWith((config) => {
      config.signInExperience.signUp.secondaryIdentifiers = [{ identifier: 'phone', verify: true }];
    });
    const { code, output } = await setup(['--config', file]);
    expect(code).toBe(1);
    expect(output).toContain('"phone" is already asked for at sign-up');
    expect(tenant.requests).toEqual([]);
  });
});
