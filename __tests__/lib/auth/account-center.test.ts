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

  it('keeps a custom domain’s path and drops a trailing slash of the issuer', () => {
    const url = accountCenterPhoneUrl({
      issuer: 'https://auth.example.com/oidc/',
      returnTo: 'http://localhost:3000/account',
      uiLocales: 'en',
    });
    expect(url.startsWith('https://auth.example.com/account/phone?')).toBe(true);
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
