import type { APIResponse, BrowserContext, Response } from '@playwright/test';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { expect, test } from './support/fixtures';
import { signUpAndLand } from './support/flows';
import { E2E_NEXTAUTH_SECRET } from './support/stacks';

const SESSION_COOKIE = 'next-auth.session-token';

/** The session cookies a response sets (none when the fast path served it). */
async function sessionCookiesSetBy(response: Response | APIResponse): Promise<string[]> {
  const headers: { name: string; value: string }[] = await response.headersArray();
  return headers
    .filter(
      ({ name, value }) => name.toLowerCase() === 'set-cookie' && value.startsWith(SESSION_COOKIE),
    )
    .map(({ value }) => value);
}

async function storedToken(context: BrowserContext): Promise<JWT> {
  const cookies = (await context.cookies()).filter(({ name }) => name === SESSION_COOKIE);
  expect(cookies).toHaveLength(1);
  const [cookie] = cookies;
  return (await decode({ token: cookie!.value, secret: E2E_NEXTAUTH_SECRET }))!;
}

/**
 * Rewrites the session cookie in place (same name, domain and path) so its access token is due
 * for refresh, as if its hour were nearly up; returns the token it now holds.
 */
async function makeAccessTokenDue(context: BrowserContext): Promise<JWT> {
  const stored = (await context.cookies()).find(({ name }) => name === SESSION_COOKIE)!;
  const signedIn = await storedToken(context);
  const due = { ...signedIn, accessTokenRefreshAt: Math.floor(Date.now() / 1000) - 1 };
  const value = await encode({ token: due, secret: E2E_NEXTAUTH_SECRET });
  await context.addCookies([{ ...stored, value }]);
  const written = await storedToken(context);
  expect(written.accessTokenRefreshAt).toBe(due.accessTokenRefreshAt);
  return written;
}

test.describe('reading the session on the production build', () => {
  test('a signed-in person browses /books, /account and /api/me and the cookie is left as it is', async ({
    page,
    stack,
    freshPhone,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone);
    const before = await storedToken(page.context());

    const books = await page.goto('/books');
    await expect(page.getByRole('heading', { name: 'The catalogue' })).toBeVisible();
    const account = await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    const me = await page.request.get('/api/me');

    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ phoneNumber: phone.e164, phoneNumberVerified: true });
    expect(await sessionCookiesSetBy(books!)).toEqual([]);
    expect(await sessionCookiesSetBy(account!)).toEqual([]);
    expect(await sessionCookiesSetBy(me)).toEqual([]);
    expect((await storedToken(page.context())).accessToken).toBe(before.accessToken);
  });

  test('a read whose access token is due goes through next-auth, which sets a new cookie', async ({
    page,
    stack,
    freshPhone,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone, '/account');
    const due = await makeAccessTokenDue(page.context());

    const read = await page.request.get('/api/me');

    expect(read.status()).toBe(200);
    expect(await sessionCookiesSetBy(read)).toHaveLength(1);
    expect((await storedToken(page.context())).jti).not.toBe(due.jti);
  });

  test('when the access token is due, the next read refreshes it at Logto and sets the new cookie; the read after that sets none', async ({
    page,
    stack,
    freshPhone,
  }) => {
    const phone = freshPhone();
    await signUpAndLand(page, stack, phone, '/account');
    const due = await makeAccessTokenDue(page.context());

    const refreshing = await page.request.get('/api/me');
    expect(refreshing.status()).toBe(200);
    expect(await sessionCookiesSetBy(refreshing)).toHaveLength(1);
    const refreshed = await storedToken(page.context());
    expect(refreshed.accessToken).not.toBe(due.accessToken);
    expect(refreshed.accessTokenRefreshAt).toBeGreaterThan(Math.floor(Date.now() / 1000));

    const next = await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    expect(await sessionCookiesSetBy(next!)).toEqual([]);
    expect((await storedToken(page.context())).accessToken).toBe(refreshed.accessToken);
  });
});
