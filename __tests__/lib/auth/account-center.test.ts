import { accountCenterPhoneUrl, isAccountCenterReturn } from '@/lib/auth/account-center';

describe("Logto's Account Center page for a new number", () => {
  it('is the tenant’s /account/phone, with the way back and the language', () => {
    const url = new URL(
      accountCenterPhoneUrl({
        issuer: 'https://bk7tenant.logto.app/oidc',
        returnTo: 'https://shop.example/ja/account',
        uiLocales: 'ja',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://bk7tenant.logto.app/account/phone');
    expect(url.searchParams.get('redirect')).toBe(
      'https://shop.example/ja/account?from=account-center',
    );
    expect(url.searchParams.get('ui_locales')).toBe('ja');
  });

  it.each([
    [
      'a trailing slash',
      'https://auth.example.com/oidc/',
      'https://auth.example.com/account/phone',
    ],
    [
      'a path before /oidc',
      'https://example.com/logto/oidc',
      'https://example.com/logto/account/phone',
    ],
    ['both', 'https://example.com/logto/oidc//', 'https://example.com/logto/account/phone'],
  ])('finds the page beside the issuer with %s', (_case, issuer, page) => {
    const url = new URL(
      accountCenterPhoneUrl({ issuer, returnTo: 'http://localhost:3000/account', uiLocales: 'en' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(page);
  });

  it('marks the way back so the page knows it returns from there', () => {
    const redirect = new URL(
      new URL(
        accountCenterPhoneUrl({
          issuer: 'http://localhost:3001/oidc',
          returnTo: 'http://localhost:3000/account',
          uiLocales: 'en',
        }),
      ).searchParams.get('redirect')!,
    );
    expect(isAccountCenterReturn(Object.fromEntries(redirect.searchParams))).toBe(true);
    expect(isAccountCenterReturn({})).toBe(false);
    expect(isAccountCenterReturn({ from: 'elsewhere' })).toBe(false);
  });
});
