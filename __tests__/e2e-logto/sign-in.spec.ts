import { expect, test } from './support/fixtures';
import { signInThroughLogto } from './support/logto-flows';
import { asM2mApp, dataOf } from '../../scripts/logto-oss/provision';

/** The account page's "International format" value. */
const internationalFormat = (page: import('@playwright/test').Page) =>
  page.locator('dt', { hasText: 'International format' }).locator('xpath=following-sibling::dd');

test('a new number signs up through Logto’s own UI and lands on /books, with /account and /api/me showing it', async ({
  page,
  suite,
  freshPhone,
  shoot,
}) => {
  const phone = freshPhone();
  await page.goto('/books');
  await expect(page).toHaveURL(`${suite.app}/signin?callbackUrl=%2Fbooks`);
  await signInThroughLogto(page, suite, phone, { newAccount: true });
  await expect(page).toHaveURL(`${suite.app}/books`);
  await expect(page.getByRole('heading', { name: 'The catalogue' })).toBeVisible();
  await shoot('logto-books');

  const sessionRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/auth/session')
      sessionRequests.push(request.url());
  });
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(internationalFormat(page)).toHaveText(
    phone.e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3'),
  );
  await expect(page.getByText('Verified', { exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(sessionRequests).toEqual([]);
  await shoot('logto-account');

  const me = await page.request.get('/api/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ phoneNumber: phone.e164, phoneNumberVerified: true });
});

test('the same number signs in again in a new browser, with no account prompt', async ({
  page,
  browser,
  suite,
  freshPhone,
}) => {
  const phone = freshPhone();
  await page.goto('/books');
  await signInThroughLogto(page, suite, phone, { newAccount: true });

  const elsewhere = await browser.newContext({ baseURL: suite.app });
  const second = await elsewhere.newPage();
  await second.goto('/books/moby-dick');
  await expect(second).toHaveURL(`${suite.app}/signin?callbackUrl=%2Fbooks%2Fmoby-dick`);
  await signInThroughLogto(second, suite, phone, { newAccount: false });
  await expect(second).toHaveURL(`${suite.app}/books/moby-dick`);
  await expect(second.getByRole('heading', { name: 'Moby-Dick' })).toBeVisible();
  const me = await second.request.get('/api/me');
  expect((await me.json()) as unknown).toMatchObject({ phoneNumber: phone.e164 });
  await elsewhere.close();
});

test('signing out ends the Logto session too, so the next sign-in asks for the code again', async ({
  page,
  suite,
  freshPhone,
  shoot,
}) => {
  const phone = freshPhone();
  await page.goto('/account');
  await signInThroughLogto(page, suite, phone, { newAccount: true });
  await expect(page).toHaveURL(`${suite.app}/account`);
  const endSession: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (`${url.origin}${url.pathname}` === `${suite.logto}/oidc/session/end`) endSession.push(url);
  });

  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${suite.app}/`);
  await expect(page.getByText('You are not signed in.')).toBeVisible();
  await expect(page.getByText(/could not reach the sign-in service/)).toHaveCount(0);
  expect(endSession).not.toHaveLength(0);
  expect(endSession[0]!.searchParams.get('post_logout_redirect_uri')).toBe(`${suite.app}/`);
  await shoot('logto-signed-out');

  // Same browser, same Logto cookies. Were Logto's session still open, the authorization request
  // would come straight back to the app without Logto's pages.
  await page.goto('/account');
  await signInThroughLogto(page, suite, phone, { newAccount: false });
  await expect(page).toHaveURL(`${suite.app}/account`);
});

test('a person signing in in Japanese sees Logto’s own pages in Japanese (ui_locales=ja)', async ({
  page,
  suite,
  freshPhone,
  shoot,
}) => {
  const { national } = freshPhone();
  const phone = {
    national: `0901234${national.slice(-4)}`,
    e164: `+81901234${national.slice(-4)}`,
  };
  const authorize: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (`${url.origin}${url.pathname}` === `${suite.logto}/oidc/auth`) authorize.push(url);
  });
  await page.goto('/ja/books');
  await expect(page).toHaveURL(`${suite.app}/ja/signin?callbackUrl=%2Fja%2Fbooks`);
  await signInThroughLogto(page, suite, phone, {
    newAccount: true,
    appLabels: { phone: '電話番号', submit: 'コードを受け取る' },
    labels: {
      signIn: 'サインイン',
      verifyHeading: '電話番号を確認する',
      noAccount: (number) =>
        `${number} のアカウントが見つかりません。新しいアカウントを作成しますか？`,
      continue: '続ける',
    },
  });
  expect(authorize[0]?.searchParams.get('ui_locales')).toBe('ja');
  await expect(page).toHaveURL(`${suite.app}/ja/books`);
  await expect(page.getByRole('heading', { name: '本の一覧' })).toBeVisible();
  await shoot('logto-ja-books');
});

test('right after each of two signing-key rotations through the Management API, a sign-in works', async ({
  page,
  browser,
  suite,
  freshPhone,
}) => {
  // A first sign-in, so the app has seen (and may have cached) the current key.
  const phone = freshPhone();
  await page.goto('/books');
  await signInThroughLogto(page, suite, phone, { newAccount: true });
  const api = await asM2mApp(suite.logto, suite.m2m);

  // Twice: the second rotation comes within a minute of the JWKS fetch the first one caused, which
  // is when a relying party that reloads the JWKS at most once a minute refuses the new key.
  for (const round of [1, 2]) {
    const kidsBefore = await signingKids(suite.logto);
    // Grace period 0: the new key signs at once (Logto's default on a self-hosted instance).
    await dataOf(
      'POST /api/configs/oidc/private-keys/rotate',
      api.POST('/api/configs/oidc/{keyType}/rotate', {
        params: { path: { keyType: 'private-keys' } },
        body: { signingKeyAlgorithm: 'EC', rotationGracePeriod: 0 },
      }),
    );
    // Logto drops its tenant cache after a rotation without waiting for it, so the JWKS may show
    // the new key a moment later.
    await expect
      .poll(
        async () => (await signingKids(suite.logto)).filter((kid) => !kidsBefore.includes(kid)),
        { message: `rotation ${round} adds one key`, timeout: 15_000 },
      )
      .toHaveLength(1);

    const elsewhere = await browser.newContext({ baseURL: suite.app });
    const second = await elsewhere.newPage();
    await second.goto('/books');
    await signInThroughLogto(second, suite, phone, { newAccount: false });
    await expect(second, `sign-in after rotation ${round}`).toHaveURL(`${suite.app}/books`);
    await expect(second.getByRole('heading', { name: 'The catalogue' })).toBeVisible();
    await elsewhere.close();
  }
});

/** The `kid`s in Logto's JWKS, the signing key first. */
async function signingKids(logto: string): Promise<string[]> {
  const jwks = (await (await fetch(`${logto}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((key) => key.kid);
}
