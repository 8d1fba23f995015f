import type { Browser, BrowserContext, Cookie } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { signUpAndLand } from './support/flows';
import { refreshHistory } from '../../support/logto-local-grants';
import type { StackUrls } from './support/stacks';

// Sign-out on the production build, where every route is its own bundle: a copy of the session
// cookie, taken before the sign-out, must be refused by every read afterwards. The `outage` stack
// is this file's alone, because one scenario pauses its logto-local.
test.use({ stackName: 'outage' });

/** A second browser holding a copy of the session cookie, as whoever copied it would. */
async function replayOf(browser: Browser, stack: StackUrls, cookies: Cookie[]) {
  const thief = await browser.newContext({ baseURL: stack.app });
  await thief.addCookies(cookies.filter(({ name }) => name.startsWith('next-auth.session-token')));
  return thief;
}

/** Each read with a fresh copy: a refused cookie is cleared by the answer to the first one. */
async function expectRefusedEverywhere(browser: Browser, stack: StackUrls, cookies: Cookie[]) {
  const reads: BrowserContext[] = [];
  try {
    const forMe = await replayOf(browser, stack, cookies);
    reads.push(forMe);
    const me = await forMe.request.get('/api/me');
    expect(me.status()).toBe(401);
    expect(me.headers()['cache-control']).toBe('private, no-store');

    const forBooks = await replayOf(browser, stack, cookies);
    reads.push(forBooks);
    const page = await forBooks.newPage();
    await page.goto('/books');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fbooks$/);

    const forSession = await replayOf(browser, stack, cookies);
    reads.push(forSession);
    const session = await forSession.request.get('/api/auth/session');
    expect(await session.json()).toEqual({});
  } finally {
    await Promise.all(reads.map((context) => context.close()));
  }
}

test('after sign-out, a copy of the session cookie is refused on /api/me, /books and /api/auth/session', async ({
  browser,
  page,
  context,
  stack,
  freshPhone,
}) => {
  await signUpAndLand(page, stack, freshPhone(), '/books');
  const cookies = await context.cookies();
  const before = await replayOf(browser, stack, cookies);
  expect((await before.request.get('/api/me')).status()).toBe(200);
  await before.close();

  await page.goto('/account');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${stack.app}/`);
  await expect(page.getByText(/could not reach the sign-in service/)).toHaveCount(0);

  await expectRefusedEverywhere(browser, stack, cookies);
});

test('a sign-out while Logto does not answer holds too, and the grant is revoked once Logto is back', async ({
  browser,
  page,
  context,
  stack,
  freshPhone,
}) => {
  const phone = freshPhone();
  await signUpAndLand(page, stack, phone, '/books');
  const cookies = await context.cookies();
  await page.goto('/account');

  process.kill(stack.logtoPid, 'SIGSTOP');
  try {
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${stack.app}/?signedOut=local`, { timeout: 20_000 });
  } finally {
    process.kill(stack.logtoPid, 'SIGCONT');
  }

  await expectRefusedEverywhere(browser, stack, cookies);
  // The grant ends at Logto: through the revocation request the paused Logto finds waiting when
  // it resumes, or else the first retry, 10 s after the sign-out (which
  // __tests__/logto-local/sign-out-outages.test.ts shows alone, with Logto stopped).
  await expect
    .poll(() => refreshHistory(stack.logtoDataDir, phone.e164).alive, { timeout: 30_000 })
    .toBe(false);
  await expectRefusedEverywhere(browser, stack, cookies);
});
