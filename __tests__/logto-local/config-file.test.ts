/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generators, Issuer, type BaseClient } from 'openid-client';
import type { TenantConfigFile as LogtoConfigFile } from '@/logto-config';
import {
  runLogtoLocalExpectingExit,
  startLogtoLocal,
  type LogtoLocalProcess,
} from '../../support/logto-local-process';
import { Browser } from '@bookstore/mock-logto/next-auth';
import { codeFromOutbox, signInByPhone } from '../../support/logto-local-sign-in';
import { openSignIn, submitStep } from '../../support/relying-party';

jest.setTimeout(60_000);

const REPO_CONFIG = path.resolve(__dirname, '../../logto.config.json');
const APP_URL = 'http://localhost:4567';
const FILE_REDIRECT_URI = 'https://books.example/after-sign-in';
const FILE_POST_LOGOUT_URI = 'https://books.example/signed-out';
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
/** The example tenant's SMTP connector, for files that sign people up by email. */
const EMAIL_CONNECTOR = (
  JSON.parse(
    readFileSync(
      path.resolve(__dirname, '../../logto-config/examples/phone-password-email.json'),
      'utf8',
    ),
  ) as LogtoConfigFile
).emailConnector;

let dir: string;
let logto: LogtoLocalProcess;

/** The repository's logto.config.json, changed by `edit`, written to a temp file; returns its path. */
function writeConfig(name: string, edit: (config: LogtoConfigFile) => void): string {
  const config = JSON.parse(readFileSync(REPO_CONFIG, 'utf8')) as LogtoConfigFile;
  edit(config);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const FILE_TEMPLATES: LogtoConfigFile['smsConnector']['templates'] = [
  { usageType: 'SignIn', content: 'Books Example sign-in: {{code}} (from the file)' },
  { usageType: 'Register', content: 'Books Example welcome: {{code}} (from the file)' },
  { usageType: 'ForgotPassword', content: 'Books Example reset: {{code}} (from the file)' },
  { usageType: 'Generic', content: 'Books Example code: {{code}} (from the file)' },
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'logto-local-config-'));
  const file = writeConfig('logto.config.json', (config) => {
    config.application.name = 'Books Example';
    config.application.redirectUris = ['${APP_URL}/api/auth/callback/logto', FILE_REDIRECT_URI];
    config.application.postLogoutRedirectUris = [FILE_POST_LOGOUT_URI];
    config.smsConnector.templates = FILE_TEMPLATES;
  });
  logto = await startLogtoLocal({ LOGTO_LOCAL_CONFIG: file, LOGTO_LOCAL_APP_URL: APP_URL });
});

afterAll(async () => {
  await logto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A relying party registered with `redirectUri`, as the file would have it. */
async function clientFor(target: LogtoLocalProcess, redirectUri: string): Promise<BaseClient> {
  const issuer = await Issuer.discover(target.issuer);
  return new issuer.Client({
    client_id: 'bookstore-local',
    client_secret: 'bookstore-local-secret',
    redirect_uris: [redirectUri],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES384',
  });
}

/** Signs in by phone through the pages and exchanges the code at `redirectUri`. */
async function signInAt(redirectUri: string, phone: string) {
  const client = await clientFor(logto, redirectUri);
  const codeVerifier = generators.codeVerifier();
  const state = generators.state();
  const nonce = generators.nonce();
  const { callbackUrl, browser } = await signInByPhone({
    authorizationUrl: client.authorizationUrl({
      scope: 'openid offline_access phone',
      prompt: 'consent',
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    }),
    phone,
    readCode: codeFromOutbox(logto.readOutbox),
  });
  const tokens = await client.callback(redirectUri, client.callbackParams(callbackUrl.href), {
    code_verifier: codeVerifier,
    state,
    nonce,
  });
  return { callbackUrl, browser, tokens };
}

/** Opens the end-session URL and presses "Sign out" as a browser without JavaScript does. */
async function signOut(browser: Browser, idToken: string, postLogoutRedirectUri: string) {
  const url = new URL(`${logto.issuer}/session/end`);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  const confirm = await browser.follow(url);
  if (confirm.response.status !== 200) return confirm;
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!;
  const action = new URL(/action="([^"]+)"/.exec(confirm.body)![1]!, confirm.url);
  return browser.follow(action, { form: { xsrf, logout: 'yes' } });
}

describe("the client's URIs come from the file", () => {
  it('returns to a redirect_uri listed in the file with a code that exchanges for tokens', async () => {
    const { callbackUrl, tokens } = await signInAt(FILE_REDIRECT_URI, '+819044440001');
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(FILE_REDIRECT_URI);
    expect(tokens.claims().phone_number).toBe('819044440001');
  });

  it('expands ${APP_URL} in the file to LOGTO_LOCAL_APP_URL', async () => {
    const { callbackUrl } = await signInAt(`${APP_URL}/api/auth/callback/logto`, '+819044440002');
    expect(callbackUrl.href.startsWith(`${APP_URL}/api/auth/callback/logto?code=`)).toBe(true);
  });

  it('refuses a redirect_uri the file does not list, even the usual local one', async () => {
    const client = await clientFor(logto, 'http://localhost:3000/api/auth/callback/logto');
    const response = await new Browser(logto.origin).request(
      client.authorizationUrl({ scope: 'openid' }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('redirect_uri');
  });

  it('signs out to a post sign-out URI listed in the file', async () => {
    const { browser, tokens } = await signInAt(FILE_REDIRECT_URI, '+819044440003');
    const done = await signOut(browser, tokens.id_token!, FILE_POST_LOGOUT_URI);
    expect(done.url.href).toBe(FILE_POST_LOGOUT_URI);
  });

  it('answers 400 to a post sign-out URI the file does not list', async () => {
    const { browser, tokens } = await signInAt(FILE_REDIRECT_URI, '+819044440004');
    const refused = await signOut(browser, tokens.id_token!, `${APP_URL}/`);
    expect(refused.response.status).toBe(400);
    expect(refused.body).toContain('post_logout_redirect_uri');
  });

  it('names the application from the file on the sign-in page', async () => {
    const client = await clientFor(logto, FILE_REDIRECT_URI);
    const { page } = await openSignIn(logto, client, { ui_locales: 'en' });
    expect(page.body).toContain('Continue to Books Example with your phone number.');
  });
});

describe('SMS templates come from the file', () => {
  it("texts the file's SignIn template to an English visitor", async () => {
    const client = await clientFor(logto, FILE_REDIRECT_URI);
    const { browser, page } = await openSignIn(logto, client, { ui_locales: 'en' });
    await submitStep(logto, browser, page, 'phone', { country: 'JP', phone: '090-4444-0005' });
    const [entry] = await logto.readOutbox();
    expect(entry!.to).toBe('+819044440005');
    expect(entry!.text).toContain(`Books Example sign-in: ${entry!.code} (from the file)`);
  });

  it("texts the file's template to a Japanese visitor too, as Logto sends one text whatever the language", async () => {
    const client = await clientFor(logto, FILE_REDIRECT_URI);
    const { browser, page } = await openSignIn(logto, client, { ui_locales: 'ja' });
    await submitStep(logto, browser, page, 'phone', { country: 'JP', phone: '090-4444-0006' });
    const [entry] = await logto.readOutbox();
    expect(entry!.to).toBe('+819044440006');
    expect(entry!.text).toContain(`Books Example sign-in: ${entry!.code} (from the file)`);
  });

  it('sends through Vonage with the brand from the file when the credentials it names are set', async () => {
    const received: Array<Record<string, string>> = [];
    const vonage = await startFakeVonage(received);
    const file = writeConfig('vonage.config.json', (config) => {
      config.smsConnector.brandName = 'BooksEx';
      config.smsConnector.apiKey = { env: 'BOOKS_VONAGE_KEY' };
      config.smsConnector.apiSecret = { env: 'BOOKS_VONAGE_SECRET' };
      config.smsConnector.templates = FILE_TEMPLATES;
    });
    const withVonage = await startLogtoLocal({
      LOGTO_LOCAL_CONFIG: file,
      BOOKS_VONAGE_KEY: 'key-from-env',
      BOOKS_VONAGE_SECRET: 'secret-from-env',
      VONAGE_REST_HOST: vonage.url,
    });
    try {
      const client = await clientFor(withVonage, 'http://localhost:3000/api/auth/callback/logto');
      const { browser, page } = await openSignIn(withVonage, client, { ui_locales: 'en' });
      await submitStep(withVonage, browser, page, 'phone', {
        country: 'JP',
        phone: '090-4444-0007',
      });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ from: 'BooksEx', to: '819044440007' });
      expect(received[0]!.text).toMatch(/^Books Example sign-in: \d{6} \(from the file\)/);
      expect(await withVonage.readOutbox()).toEqual([]);
    } finally {
      await withVonage.stop();
      await new Promise((resolve) => vonage.server.close(resolve));
    }
  });
});

describe('sign-in rules come from the file', () => {
  it('does not offer an unknown number an account when the file leaves phone out of sign-up', async () => {
    const file = writeConfig('closed.config.json', (config) => {
      config.signInExperience.signUp = {
        identifiers: ['email'],
        password: true,
        verify: true,
        secondaryIdentifiers: [],
      };
      config.emailConnector = EMAIL_CONNECTOR;
    });
    const closed = await startLogtoLocal({ LOGTO_LOCAL_CONFIG: file });
    try {
      const client = await clientFor(closed, 'http://localhost:3000/api/auth/callback/logto');
      const { browser, page } = await openSignIn(closed, client, { ui_locales: 'en' });
      const codePage = await submitStep(closed, browser, page, 'phone', {
        country: 'JP',
        phone: '090-4444-0008',
      });
      const code = await codeFromOutbox(closed.readOutbox)('+819044440008');
      const refused = await submitStep(closed, browser, codePage, 'code', { code });
      expect(refused.response.status).toBe(403);
      expect(refused.body).toContain(
        'There is no account for +81 90-4444-0008, and this app is not taking new sign-ups.',
      );
      expect(refused.body).not.toContain('/register"');
    } finally {
      await closed.stop();
    }
  });
});

describe('a file logto-local cannot use stops it at start', () => {
  it('names the file, the field and what is expected, exits 1 and prints no stack trace', async () => {
    const file = writeConfig('invalid.config.json', (config) => {
      config.smsConnector.templates[0]!.content = 'Your code is ready';
    });
    const { code, output } = await runLogtoLocalExpectingExit({ LOGTO_LOCAL_CONFIG: file });
    expect(code).toBe(1);
    expect(output).toContain(
      `logto-local: ${file} at /smsConnector/templates/0/content: must contain {{code}}, where Logto puts the verification code`,
    );
    expect(output).not.toMatch(STACK_TRACE);
    expect(output).not.toContain('logto-local ready at');
  });

  it('refuses options it cannot run in one line that names each and points to the real Logto', async () => {
    const file = writeConfig('mfa.config.json', (config) => {
      config.signInExperience.mfa = { factors: ['Totp'], policy: 'UserControlled' };
      config.signInExperience.signIn.methods.push({
        identifier: 'username',
        password: true,
        verificationCode: false,
        isPasswordPrimary: true,
      });
    });
    const { code, output } = await runLogtoLocalExpectingExit({ LOGTO_LOCAL_CONFIG: file });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      `logto-local: ${file}: logto-local cannot run usernames (signUp.identifiers or signIn.methods with "username"); MFA (mfa.factors: Totp). For these, run the real Logto with \`npm run logto:oss\` (then \`npm run logto:setup\`), or take them out of the file`,
    ]);
    expect(output).not.toMatch(STACK_TRACE);
  });

  it('says where it looked when LOGTO_LOCAL_CONFIG names a missing file', async () => {
    const missing = path.join(dir, 'nowhere.json');
    const { code, output } = await runLogtoLocalExpectingExit({ LOGTO_LOCAL_CONFIG: missing });
    expect(code).toBe(1);
    expect(output).toContain(`logto-local: ${missing}: file not found`);
  });
});

/** A stand-in for rest.nexmo.com that records each SMS and accepts it (status 0). */
async function startFakeVonage(received: Array<Record<string, string>>) {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Record<string, string>);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          'message-count': '1',
          messages: [{ to: received.at(-1)!.to, 'message-id': 'm-1', status: '0' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
