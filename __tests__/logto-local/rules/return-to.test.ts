import { appOrigins, MAX_RETURN_TO_LENGTH, readReturnTo } from '@/logto-local/account/return-to';

// Built in each test: Stryker switches a mutant on only when a test starts.
const app = {
  redirectUris: ['http://localhost:3000/api/auth/callback/logto'],
  postLogoutRedirectUris: ['https://bookstore.example.com/'],
};

it('follows an address on an origin of the app’s redirect or post sign-out URIs, path and query kept', () => {
  expect(
    readReturnTo('http://localhost:3000/ja/account?account_center=phone', appOrigins(app)),
  ).toEqual({
    ok: true,
    url: 'http://localhost:3000/ja/account?account_center=phone',
  });
  expect(readReturnTo('https://bookstore.example.com/account', appOrigins(app))).toEqual({
    ok: true,
    url: 'https://bookstore.example.com/account',
  });
});

it('has nowhere to go back to without a redirect', () => {
  expect(readReturnTo(undefined, appOrigins(app))).toEqual({ ok: true, url: undefined });
  expect(readReturnTo('', appOrigins(app))).toEqual({ ok: true, url: undefined });
});

it.each([
  ['another host', 'https://evil.example/account'],
  ['another port of the same host', 'http://localhost:3001/account'],
  ['http where the app is https', 'http://bookstore.example.com/account'],
  ['credentials', 'http://user:pass@localhost:3000/account'],
  ['a user name on the app’s own origin', 'http://user@localhost:3000/account'],
  ['a password on the app’s own origin', 'http://:secret@localhost:3000/account'],
  ['the app’s host as a user name', 'http://localhost:3000@evil.example/'],
  ['a path without an origin', '/account'],
  ['a protocol-relative address', '//evil.example/account'],
  ['a script', 'javascript:alert(1)'],
  ['something that is no URL', 'http://'],
])('refuses %s', (_name, raw) => {
  expect(readReturnTo(raw, appOrigins(app))).toEqual({ ok: false });
});

it(`refuses an address longer than ${MAX_RETURN_TO_LENGTH} characters and takes one that long`, () => {
  const base = 'http://localhost:3000/account?x=';
  const atLimit = base + 'a'.repeat(MAX_RETURN_TO_LENGTH - base.length);
  expect(readReturnTo(atLimit, appOrigins(app))).toEqual({ ok: true, url: atLimit });
  expect(readReturnTo(`${atLimit}a`, appOrigins(app))).toEqual({ ok: false });
});
