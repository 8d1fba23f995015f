import { isAppOrigin, sameOriginPath, sameOriginUrl } from '@/lib/auth/core/same-origin';

const APP = 'https://bookstore.example.com';

describe('a URL the app may send a person to', () => {
  it.each([
    ['/books', `${APP}/books`],
    ['/ja/books/kokoro?tab=1#top', `${APP}/ja/books/kokoro?tab=1#top`],
    [`${APP}/account`, `${APP}/account`],
    ['books', `${APP}/books`],
  ])('keeps %s, on this site, as %s', (url, expected) => {
    expect(sameOriginUrl(url, APP)?.href).toBe(expected);
  });

  it.each([
    'https://evil.example/books',
    '//evil.example/books',
    '/\\evil.example/books',
    'http://bookstore.example.com/books',
    'https://bookstore.example.com.evil.example/',
    'javascript:alert(1)',
  ])('refuses %s, which leaves the site', (url) => {
    expect(sameOriginUrl(url, APP)).toBeUndefined();
  });

  it('refuses text that is not a URL', () => {
    expect(sameOriginUrl('https://[', APP)).toBeUndefined();
  });

  it('refuses everything when the app URL itself is not a URL', () => {
    expect(sameOriginUrl('/books', 'not a url')).toBeUndefined();
  });
});

describe('a path to come back to after sign-in or a refresh', () => {
  it.each([
    ['/shelf?read=Kokoro#notes', '/shelf?read=Kokoro#notes'],
    [`${APP}/ja/books`, '/ja/books'],
  ])('keeps %s as %s', (url, expected) => {
    expect(sameOriginPath(url, APP)).toBe(expected);
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['dot segments that resolve to a protocol-relative URL', '/..//evil.example/'],
    ['nothing', undefined],
    ['an empty text', ''],
    ['a list of values', ['/books']],
  ])('falls back home for %s', (_, url) => {
    expect(sameOriginPath(url, APP)).toBe('/');
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['an empty text, which would resolve to the app itself', ''],
    ['text that is not a URL', 'https://['],
  ])('falls back to the fallback it is given for %s', (_, url) => {
    expect(sameOriginPath(url, APP, '/books')).toBe('/books');
  });
});

describe("a request's Origin header", () => {
  it("is this app's when it names exactly its origin", () => {
    expect(isAppOrigin(APP, `${APP}/some/base`)).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['the same host over http', 'http://bookstore.example.com'],
    ['the opaque origin of a sandboxed page', 'null'],
    ['a path, not an origin', '/'],
    ['an origin with a path', `${APP}/`],
  ])('is not for %s', (_, origin) => {
    expect(isAppOrigin(origin, APP)).toBe(false);
  });
});
