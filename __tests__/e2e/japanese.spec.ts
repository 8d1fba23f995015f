import { expect, test } from './support/fixtures';
import { codeFromOutbox, escapeRegExp } from './support/flows';

test('a person signs in in Japanese: the app, the provider pages and ui_locales all say ja', async ({
  page,
  stack,
  freshPhone,
  shoot,
}) => {
  const { national } = freshPhone();
  // A Japanese mobile number from the same unique line: 090-1234-NNNN.
  const phone = {
    national: `0901234${national.slice(-4)}`,
    e164: `+81901234${national.slice(-4)}`,
  };
  const authorizeRequests: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (`${url.origin}${url.pathname}` === `${stack.issuer}/auth`) authorizeRequests.push(url);
  });

  await page.goto('/ja/books');
  await expect(page).toHaveURL(`${stack.app}/ja/signin?callbackUrl=%2Fja%2Fbooks`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { name: '電話番号でサインイン' })).toBeVisible();
  await expect(page.getByLabel('国・地域')).toHaveValue('JP');
  await page.getByLabel('電話番号').fill(phone.national);
  await shoot('ja-sign-in');
  await page.getByRole('button', { name: 'コードを受け取る' }).click();

  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(stack.logto)}/interaction/`));
  expect(authorizeRequests).toHaveLength(1);
  const params = authorizeRequests[0]!.searchParams;
  expect(params.get('ui_locales')).toBe('ja');
  expect(params.get('login_hint')).toBe(phone.e164);
  expect(params.get('first_screen')).toBe('identifier:sign_in');
  expect(params.get('identifier')).toBe('phone');

  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
  await shoot('ja-phone');
  const since = Date.now();
  await page.getByRole('button', { name: 'コードを送信' }).click();
  await expect(page.getByRole('heading', { name: 'コードを入力' })).toBeVisible();
  await page.getByLabel('認証コード').fill(await codeFromOutbox(stack, phone.e164, since));
  await shoot('ja-code');
  await page.getByRole('button', { name: '確認' }).click();
  await expect(page.getByRole('heading', { name: 'アカウントを作成' })).toBeVisible();
  await page.getByRole('button', { name: 'アカウントを作成' }).click();

  await expect(page).toHaveURL(`${stack.app}/ja/books`);
  await expect(page.getByRole('heading', { name: '本の一覧' })).toBeVisible();
  await shoot('ja-books');
});
