/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// logto-local running the example tenant (passwords, reset, email or phone) as a separate program,
// driven over HTTP with openid-client as the relying party: one check per wiring; the rules
// themselves have in-process tests in ./rules/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { generators, type BaseClient } from 'openid-client';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, openSignIn, REDIRECT_URI, submitStep } from '../../support/relying-party';

const EXAMPLE = path.resolve(__dirname, '../../logto-config/examples/phone-password-email.json');

let dir: string;
let logto: LogtoLocalProcess;
let client: BaseClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'logto-local-passwords-'));
  logto = await startLogtoLocal({
    LOGTO_LOCAL_CONFIG: EXAMPLE,
    LOGTO_LOCAL_RESEND_COOLDOWN: '0',
    PHONE_COUNTRIES: 'JP,US',
  });
  client = await bookstoreClient(logto);
});
afterAll(async () => {
  await logto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const readEmails = async () =>
  (await (await fetch(`${logto.origin}/dev/email.json`)).json()) as Array<{
    to: string;
    code: string;
    subject: string;
    usageType: string;
  }>;

describe('the example tenant on logto-local', () => {
  it('says at start what it runs, that it skips the breach check, and what it leaves to Logto', () => {
    const output = logto.output();
    expect(output).toContain(
      'logto-local: sign-in by phone with code or password (code first), email with code or password (code first)',
    );
    expect(output).toContain(
      'logto-local: sign-up by email or phone, verified by a code, with a password',
    );
    expect(output).toContain('logto-local: password reset by phone code or email code');
    expect(output).toContain("skips the password policy's breached-password check");
    expect(output).toContain('logto-local: phone numbers only from JP, US (PHONE_COUNTRIES)');
    expect(output).toContain(
      'logto-local: no MFA, passkeys, social or enterprise SSO, organizations or CAPTCHA here: for those, run the real Logto with `npm run logto:oss`',
    );
  });

  it('signs a new email up with a password, issuing its email claims, and stores only an Argon2i hash', async () => {
    const email = 'ada.process@example.com';
    const verifier = generators.codeVerifier();
    const { browser, page } = await openSignIn(logto, client, {
      code_challenge: generators.codeChallenge(verifier),
      code_challenge_method: 'S256',
      login_hint: email,
    });
    expect(page.body).toContain('name="email"');
    const codePage = await submitStep(logto, browser, page, 'email', {
      email: 'Ada.Process@Example.com',
    });
    expect(codePage.body).toContain(`Enter the 6-digit code sent to ${email}.`);
    const [sent] = (await readEmails()).filter((entry) => entry.to === email);
    expect(sent).toMatchObject({ usageType: 'SignIn', subject: 'Your Bookstore sign-in code' });
    const create = await submitStep(logto, browser, codePage, 'code', { code: sent!.code });
    const password = await submitStep(logto, browser, create, 'register');
    expect(password.body).toContain('Create a password');
    const done = await submitStep(logto, browser, password, 'create-password', {
      password: 'b00kst0re-Lover',
    });
    expect(done.url.href.startsWith(REDIRECT_URI)).toBe(true);

    const db = new DatabaseSync(path.join(logto.dataDir, 'logto-local.sqlite'), { readOnly: true });
    const row = db.prepare('SELECT phone, password_hash FROM users WHERE email = ?').get(email) as {
      phone: string | null;
      password_hash: string;
    };
    db.close();
    expect(row.phone).toBeNull();
    expect(row.password_hash).toMatch(/^\$argon2i\$v=19\$m=8192,t=8,p=1\$/);
    expect(row.password_hash).not.toContain('b00kst0re');
  });

  it('opens the reset page for first_screen=reset_password', async () => {
    const { page } = await openSignIn(logto, client, { first_screen: 'reset_password' });
    expect(page.body).toContain('<h1>Reset password</h1>');
  });

  it('shows the sign-in page for an unknown first_screen and says in the log that Logto ignores every parameter', async () => {
    const { page } = await openSignIn(logto, client, {
      first_screen: 'reset-password',
      login_hint: '+819012345678',
    });
    expect(page.body).toContain('<h1>Sign in</h1>');
    expect(page.body).not.toContain('value="090-1234-5678"');
    expect(logto.output()).toContain(
      'logto-local: first_screen="reset-password" is not one Logto knows, so, like Logto, logto-local ignores every sign-in parameter of this request',
    );
  });

  it('says in the log that single sign-on needs the real Logto', async () => {
    const { page } = await openSignIn(logto, client, { first_screen: 'single_sign_on' });
    expect(page.body).toContain('<h1>Sign in</h1>');
    expect(logto.output()).toContain(
      'first_screen=single_sign_on opens enterprise SSO on Logto, which logto-local does not have',
    );
  });

  it('offers only the PHONE_COUNTRIES countries and refuses a number from any other, sending nothing', async () => {
    const { browser, page } = await openSignIn(logto, client);
    expect(page.body.match(/<option value=/g)).toHaveLength(2);
    const refused = await submitStep(logto, browser, page, 'phone', {
      country: 'JP',
      phone: '+447400123456',
    });
    expect(refused.response.status).toBe(400);
    expect(refused.body).toContain(
      'Numbers from this country or region cannot sign in here. Use a number from Japan or United States.',
    );
    expect((await logto.readOutbox()).some((entry) => entry.to === '+447400123456')).toBe(false);
  });

  it('asks a password-first method for the password without sending a code', async () => {
    const file = path.join(dir, 'password-first.json');
    const config = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    config.signInExperience.signIn.methods[0].isPasswordPrimary = true;
    writeFileSync(file, JSON.stringify(config));
    const first = await startLogtoLocal({ LOGTO_LOCAL_CONFIG: file });
    try {
      const { browser, page } = await openSignIn(first, await bookstoreClient(first));
      const passwordPage = await submitStep(first, browser, page, 'phone', {
        country: 'JP',
        phone: '090-1234-5678',
      });
      expect(passwordPage.body).toContain('Enter your password');
      expect(passwordPage.body).toContain('Forgot your password?');
      expect(await first.readOutbox()).toEqual([]);
      const wrong = await submitStep(first, browser, passwordPage, 'password', {
        password: 'guess-1',
      });
      expect(wrong.response.status).toBe(400);
      expect(wrong.body).toContain('Incorrect account or password. Please check your input.');
    } finally {
      await first.stop();
    }
  });
});

it('keeps the accounts of a database made before passwords and email', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-old-db-'));
  const old = new DatabaseSync(path.join(dataDir, 'logto-local.sqlite'));
  old.exec(`
    CREATE TABLE users (id TEXT PRIMARY KEY, phone TEXT UNIQUE NOT NULL, username TEXT, name TEXT,
      picture TEXT, custom_data TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL);
    CREATE TABLE sign_in_progress (uid TEXT PRIMARY KEY, phone TEXT NOT NULL, step TEXT NOT NULL,
      code_sent_at INTEGER NOT NULL);
    INSERT INTO users (id, phone, created_at, updated_at) VALUES ('olduser00001', '+819012345678', 1, 2);
  `);
  old.close();
  const { openDatabase } = await import('@/logto-local/store/database');
  const { createUserStore } = await import('@/logto-local/store/users');
  const db = openDatabase(dataDir);
  try {
    const users = createUserStore(db);
    expect(users.findByPhone('+819012345678')).toMatchObject({
      id: 'olduser00001',
      email: null,
      passwordHash: null,
      createdAt: 1,
    });
    expect(users.createWithIdentifier('grace@example.com').phone).toBeNull();
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it('serves the dev email outbox page', async () => {
  const response = await fetch(`${logto.origin}/dev/email`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('Dev email outbox');
});
