/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { BaseClient } from 'openid-client';
import { startLogtoLocal, type LogtoLocalProcess } from '../../../support/logto-local-process';
import { APP_URL, bookstoreClient, signInWithPhone } from '../../../support/relying-party';
import { openWithoutSession, PhonePages, textOf, type AccountPage } from './phone-pages';

jest.setTimeout(60_000);

let logto: LogtoLocalProcess;
let client: BaseClient;
let line = 0;

beforeAll(async () => {
  logto = await startLogtoLocal({ LOGTO_LOCAL_IP_SEND_LIMIT: '1000' });
  client = await bookstoreClient(logto);
});
afterAll(async () => {
  await logto?.stop();
});

/** A Japanese mobile number no other test uses. */
function freshNumber() {
  line += 1;
  const digits = String(1000 + line);
  return { e164: `+81905555${digits}`, national: `090-5555-${digits}` };
}

/** The newest code the outbox holds for `e164`, with the template it was sent with. */
async function lastMessage(e164: string) {
  const entry = (await logto.readOutbox()).find((item) => item.to === e164);
  if (!entry) throw new Error(`no message to ${e164}`);
  return entry;
}

/** Signs a number in as the app does; returns the tokens and the browser's cookies. */
async function signedIn(e164: string) {
  return signInWithPhone(logto, client, e164);
}

const toAccount = { redirect: `${APP_URL}/account?account_center=phone`, ui_locales: 'en' };

/** From the app's link to the new number's code page, with the current number's code typed. */
async function upToNewNumber(pages: PhonePages, current: string, query = toAccount) {
  const verify = await pages.open(query);
  const currentCode = await pages.post(verify, 'send-current');
  return pages.post(currentCode, 'verify-current', { code: (await lastMessage(current)).code });
}

async function sendToNewNumber(pages: PhonePages, page: AccountPage, next: { national: string }) {
  return pages.post(page, 'send-new', { country: 'JP', phone: next.national });
}

describe('changing the phone number at /account/phone', () => {
  it('moves the account to the new number after a code to each number, keeping its sub, and goes back to redirect', async () => {
    const old = freshNumber();
    const next = freshNumber();
    const { tokens, browser } = await signedIn(old.e164);
    const sub = tokens.claims().sub;
    const pages = new PhonePages(logto, browser);

    const verify = await pages.open(toAccount);
    expect(verify.status).toBe(200);
    expect(textOf(verify.body)).toContain('Verify your phone');
    expect(verify.body).toContain('value="+81 90-5555-');

    const currentCode = await pages.post(verify, 'send-current');
    const toOld = await lastMessage(old.e164);
    expect(toOld.usageType).toBe('UserPermissionValidation');
    expect(textOf(currentCode.body)).toContain(
      'The verification code has been sent to your phone +81 90-5555-',
    );

    const link = await pages.post(currentCode, 'verify-current', { code: toOld.code });
    expect(textOf(link.body)).toContain('Link phone number');

    const newCode = await sendToNewNumber(pages, link, next);
    const toNew = await lastMessage(next.e164);
    expect(toNew.usageType).toBe('BindNewIdentifier');
    expect(toNew.text).toContain('Your code to add this number to Bookstore is');
    expect(textOf(newCode.body)).toContain('Enter SMS verification code');

    const done = await pages.post(newCode, 'verify-new', { code: toNew.code });
    expect(done.leftTo?.href).toBe(toAccount.redirect);

    const refreshed = await client.refresh(tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub, phone_number: next.e164.slice(1) });
    const again = await signedIn(next.e164);
    expect(again.tokens.claims().sub).toBe(sub);
    const oldNumber = await signedIn(old.e164);
    expect(oldNumber.tokens.claims().sub).not.toBe(sub);
    expect(oldNumber.tokens.claims().phone_number).toBe(old.e164.slice(1));
  });

  it('refuses a number another account has, with Logto’s own words, after its code', async () => {
    const taken = freshNumber();
    await signedIn(taken.e164);
    const mine = freshNumber();
    const { tokens, browser } = await signedIn(mine.e164);
    const pages = new PhonePages(logto, browser);

    const link = await upToNewNumber(pages, mine.e164);
    const newCode = await sendToNewNumber(pages, link, taken);
    const refused = await pages.post(newCode, 'verify-new', {
      code: (await lastMessage(taken.e164)).code,
    });

    expect(refused.status).toBe(422);
    expect(textOf(refused.body)).toContain(
      'This phone number is associated with an existing account.',
    );
    expect(textOf(refused.body)).toContain('Link phone number');
    const refreshed = await client.refresh(tokens.refresh_token!);
    expect(refreshed.claims().phone_number).toBe(mine.e164.slice(1));
  });

  it('says it in Japanese with ui_locales=ja, in Logto’s Japanese words', async () => {
    const taken = freshNumber();
    await signedIn(taken.e164);
    const mine = freshNumber();
    const pages = new PhonePages(logto, (await signedIn(mine.e164)).browser);

    const verify = await pages.open({ ...toAccount, ui_locales: 'ja' });
    expect(textOf(verify.body)).toContain('電話番号を確認');
    const currentCode = await pages.post(verify, 'send-current');
    const link = await pages.post(currentCode, 'verify-current', {
      code: (await lastMessage(mine.e164)).code,
    });
    expect(textOf(link.body)).toContain('電話番号をリンク');
    const newCode = await sendToNewNumber(pages, link, taken);
    const refused = await pages.post(newCode, 'verify-new', {
      code: (await lastMessage(taken.e164)).code,
    });
    expect(textOf(refused.body)).toContain(
      'この電話番号は既に別のアカウントに関連付けされています。',
    );
  });

  it('does not move the account for a wrong code, and says how many tries are left', async () => {
    const mine = freshNumber();
    const next = freshNumber();
    const { tokens, browser } = await signedIn(mine.e164);
    const pages = new PhonePages(logto, browser);
    const link = await upToNewNumber(pages, mine.e164);
    const newCode = await sendToNewNumber(pages, link, next);
    const right = (await lastMessage(next.e164)).code;
    const wrong = right === '000000' ? '111111' : '000000';

    const refused = await pages.post(newCode, 'verify-new', { code: wrong });

    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain('That code is not right');
    expect(textOf(refused.body)).toContain('9 tries left');
    const refreshed = await client.refresh(tokens.refresh_token!);
    expect(refreshed.claims().phone_number).toBe(mine.e164.slice(1));
  });

  it('refuses a second code to the same number before the resend countdown ends', async () => {
    const mine = freshNumber();
    const pages = new PhonePages(logto, (await signedIn(mine.e164)).browser);
    const verify = await pages.open(toAccount);
    const currentCode = await pages.post(verify, 'send-current');

    const early = await pages.post(currentCode, 'resend');

    expect(early.status).toBe(429);
    expect(textOf(early.body)).toMatch(/Wait \d+ s before asking for a new code/);
  });

  it('refuses the current number as the new one', async () => {
    const mine = freshNumber();
    const pages = new PhonePages(logto, (await signedIn(mine.e164)).browser);
    const link = await upToNewNumber(pages, mine.e164);

    const same = await sendToNewNumber(pages, link, mine);

    expect(same.status).toBe(400);
    expect(textOf(same.body)).toContain('This is already your phone number');
  });
});

describe('who may open it', () => {
  it('asks a browser not signed in at logto-local to sign in first', async () => {
    const response = await openWithoutSession(
      logto,
      `/account/phone?redirect=${encodeURIComponent(toAccount.redirect)}`,
    );
    expect(response.status).toBe(401);
    expect(textOf(response.text)).toContain('You are not signed in here');
  });

  it.each([
    ['another site', 'https://evil.example/account'],
    ['credentials before the app’s host', 'http://localhost:3000@evil.example/account'],
    ['a relative path', '/account'],
    ['a script', 'javascript:alert(1)'],
  ])('refuses a redirect to %s and never redirects there', async (_name, redirect) => {
    const pages = new PhonePages(logto, (await signedIn(freshNumber().e164)).browser);
    const page = await pages.open({ redirect, ui_locales: 'en' });
    expect(page.status).toBe(400);
    expect(page.leftTo).toBeUndefined();
    expect(textOf(page.body)).toContain('not Bookstore');
  });

  it('keeps a flow to the browser that started it', async () => {
    const mine = await signedIn(freshNumber().e164);
    const other = await signedIn(freshNumber().e164);
    const verify = await new PhonePages(logto, mine.browser).open(toAccount);

    const stolen = await new PhonePages(logto, other.browser).post(verify, 'send-current');

    expect(stolen.status).toBe(403);
    expect(textOf(stolen.body)).toContain('This page belongs to another sign-in');
  });
});
