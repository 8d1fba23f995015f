/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// `npm run logto:setup` with the options beyond phone + code: the example tenant (passwords,
// reset, email or phone through SMTP), CAPTCHA and MFA, against the fake tenant.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { setupServer } from 'msw/node';

import { assertSmtpGuardAccepts } from '@/scripts/logto-setup/email-connector-step';
import { runSetup } from '@/scripts/logto-setup/run-setup';

import {
  FAKE_ENDPOINT,
  FAKE_M2M,
  type FakeLogtoTenant,
  createFakeLogtoTenant,
} from '../support/fake-logto-tenant';

const EXAMPLE = path.resolve(__dirname, '../../../logto-config/examples/phone-password-email.json');

const server = setupServer();
let tenant: FakeLogtoTenant;
let dir: string;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  tenant = createFakeLogtoTenant();
  server.resetHandlers(...tenant.handlers);
  dir = await mkdtemp(path.join(os.tmpdir(), 'logto-setup-options-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const baseEnv = {
  LOGTO_ENDPOINT: FAKE_ENDPOINT,
  LOGTO_M2M_APP_ID: FAKE_M2M.id,
  LOGTO_M2M_APP_SECRET: FAKE_M2M.secret,
  VONAGE_API_KEY: 'vonagekey123',
  VONAGE_API_SECRET: 'vonageSecretValue9',
  SMTP_HOST: 'smtp.mail.example',
  SMTP_USER: 'bookstore-mailer',
  SMTP_PASSWORD: 'smtp-password-value',
  TURNSTILE_SECRET_KEY: 'turnstile-secret-value',
};

async function setup(config: string, argv: string[] = [], env: Record<string, string> = {}) {
  let output = '';
  const code = await runSetup({
    argv: ['--config', config, ...argv],
    env: { ...baseEnv, ...env },
    stdout: { write: (text: string) => (output += text) },
    cwd: dir,
  });
  return { code, output };
}

/** The example tenant with `edit` applied, written to the scratch folder. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests write arbitrary shapes
async function exampleWith(edit: (config: Record<string, any>) => void): Promise<string> {
  const config = JSON.parse(await readFile(EXAMPLE, 'utf8'));
  edit(config);
  const file = path.join(dir, 'logto.config.json');
  await writeFile(file, JSON.stringify(config));
  return file;
}

const requestLine = (request: { method: string; path: string }) =>
  `${request.method} ${request.path.split('?')[0]}`;
const smtpConnector = () => tenant.state.connectors.find((item) => item.type === 'Email');
const experience = () => tenant.state.signInExperience as Record<string, unknown>;

describe('the example tenant: phone + password + reset + email or phone', () => {
  it('creates the SMTP connector before the sign-in experience, which asks for email codes', async () => {
    const { code, output } = await setup(EXAMPLE);
    expect(output).not.toContain('✗');
    expect(code).toBe(0);
    const lines = tenant.mutatingRequests().map(requestLine);
    expect(lines.indexOf('PATCH /api/sign-in-exp')).toBeGreaterThan(
      lines.lastIndexOf('POST /api/connectors'),
    );
    expect(smtpConnector()).toMatchObject({
      connectorId: 'simple-mail-transfer-protocol',
      config: {
        host: 'smtp.mail.example',
        port: 587,
        secure: false,
        auth: { user: 'bookstore-mailer', pass: 'smtp-password-value' },
        fromEmail: 'Bookstore <no-reply@example.com>',
        templates: expect.arrayContaining([
          expect.objectContaining({ usageType: 'ForgotPassword', contentType: 'text/plain' }),
        ]),
      },
    });
  });

  it('sends sign-up with email or phone and a password, both methods, reset and the full default policy', async () => {
    await setup(EXAMPLE);
    expect(experience()).toMatchObject({
      signUp: { identifiers: ['email', 'phone'], password: true, verify: true },
      signIn: {
        methods: [
          { identifier: 'phone', password: true, verificationCode: true, isPasswordPrimary: false },
          { identifier: 'email', password: true, verificationCode: true, isPasswordPrimary: false },
        ],
      },
      forgotPasswordMethods: ['PhoneVerificationCode', 'EmailVerificationCode'],
      passwordPolicy: {
        length: { min: 8, max: 256 },
        characterTypes: { min: 1 },
        rejects: { pwned: true, repetitionAndSequence: true, userInfo: true, words: [] },
      },
    });
    expect(experience()).not.toHaveProperty('captchaPolicy');
    expect(experience()).not.toHaveProperty('mfa');
  });

  it('changes nothing on a second run, and a dry run says so', async () => {
    await setup(EXAMPLE);
    tenant.clearRequests();
    const again = await setup(EXAMPLE);
    expect(again.code).toBe(0);
    expect(tenant.mutatingRequests()).toEqual([]);
    expect(again.output).toContain('✓ SMTP email connector: already up to date');
    expect(again.output).toContain('✓ Sign-in experience: already up to date');
    const dry = await setup(EXAMPLE, ['--dry-run']);
    expect(dry.output).toContain('SMTP email connector: no change');
  });

  it('shows a changed SMTP password in a dry run without printing it', async () => {
    await setup(EXAMPLE);
    const dry = await setup(EXAMPLE, ['--dry-run'], { SMTP_PASSWORD: 'another-password' });
    expect(dry.output).toContain('~ config.auth: (changed, hidden)');
    expect(dry.output).not.toContain('another-password');
    expect(dry.output).not.toContain('smtp-password-value');
  });

  it('stops before any change when the SMTP password variable is not set, naming it', async () => {
    const { code, output } = await setup(EXAMPLE, [], { SMTP_PASSWORD: '' });
    expect(code).toBe(1);
    expect(output).toContain(
      '✗ SMTP email connector: SMTP_PASSWORD is not set. Add the SMTP password to .env.local',
    );
    const created = tenant
      .mutatingRequests()
      .map((request) => (request.body as { connectorId?: string } | undefined)?.connectorId);
    expect(created).not.toContain('simple-mail-transfer-protocol');
    expect(tenant.mutatingRequests().map(requestLine)).not.toContain('PATCH /api/sign-in-exp');
  });

  it("checks the connector config with the SMTP connector package's own guard", async () => {
    await expect(
      assertSmtpGuardAccepts({ host: 'smtp.mail.example', port: '587', auth: {}, templates: [] }),
    ).rejects.toThrow("Logto's SMTP connector refuses logto.config.json's emailConnector");
    await setup(EXAMPLE);
    await expect(assertSmtpGuardAccepts(smtpConnector()!.config)).resolves.toBeUndefined();
  });
});

describe('plan features: CAPTCHA and MFA', () => {
  const withCaptcha = () =>
    exampleWith((config) => {
      config.captchaProvider = {
        type: 'Turnstile',
        siteKey: '0x4AAAAAAAbookstore',
        secretKey: { env: 'TURNSTILE_SECRET_KEY' },
      };
      config.signInExperience.captchaPolicy = { enabled: true };
    });

  it('puts the CAPTCHA provider and turns the policy on when the plan has security features', async () => {
    tenant.knobs.plan.securityFeatures = true;
    const { code } = await setup(await withCaptcha());
    expect(code).toBe(0);
    expect(tenant.state.captchaProvider).toEqual({
      type: 'Turnstile',
      siteKey: '0x4AAAAAAAbookstore',
      secretKey: 'turnstile-secret-value',
    });
    expect(experience().captchaPolicy).toEqual({ enabled: true });
  });

  it('tells a Free plan apart from a missing role when the CAPTCHA is refused', async () => {
    const { code, output } = await setup(await withCaptcha());
    expect(code).toBe(1);
    expect(output).toContain(
      '✗ CAPTCHA provider: Logto Cloud refused PUT /api/captcha-provider: a plan limit, not a missing role (403 subscription.limit_exceeded, securityFeaturesEnabled)',
    );
  });

  it('tells a Free plan apart from a missing role when MFA is refused', async () => {
    const file = await exampleWith((config) => {
      config.signInExperience.mfa = { factors: ['Totp'], policy: 'PromptAtSignInAndSignUp' };
    });
    const { code, output } = await setup(file);
    expect(code).toBe(1);
    expect(output).toContain(
      'a plan limit, not a missing role (403 subscription.limit_exceeded, mfaEnabled)',
    );
    expect(output).toContain('signInExperience.mfa');
  });

  it('sends neither CAPTCHA nor MFA when the file sets neither', async () => {
    await setup(EXAMPLE);
    const patch = tenant.requests.find(
      (request) => requestLine(request) === 'PATCH /api/sign-in-exp',
    );
    expect(patch?.body).not.toHaveProperty('captchaPolicy');
    expect(patch?.body).not.toHaveProperty('mfa');
    expect(tenant.requests.map(requestLine)).not.toContain('GET /api/captcha-provider');
  });
});
