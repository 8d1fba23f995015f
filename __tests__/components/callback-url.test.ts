import { currentPathWithLocale, safeCallbackUrl } from '@/lib/components/callback-url';

describe('safeCallbackUrl', () => {
  it.each([
    ['/books', '/books'],
    ['/ja/books/kokoro?from=mail#top', '/ja/books/kokoro?from=mail#top'],
    ['/account/../books', '/books'],
  ])('keeps the same-origin path %s', (raw, kept) => {
    expect(safeCallbackUrl(raw)).toBe(kept);
  });

  it.each([
    ['nothing', undefined],
    ['an empty value', ''],
    ['another origin', 'https://evil.example/books'],
    ['a protocol-relative URL', '//evil.example/books'],
    ['a backslash', '/\\evil.example'],
    ['a tab inside the slashes', '/\t/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path without a slash', 'books'],
  ])('falls back to /books for %s', (_, raw) => {
    expect(safeCallbackUrl(raw)).toBe('/books');
  });

  it('keeps an absolute URL only when it is on our own origin', () => {
    expect(safeCallbackUrl('https://shop.example/books?x=1', 'https://shop.example')).toBe(
      '/books?x=1',
    );
    expect(safeCallbackUrl('https://shop.example.evil/books', 'https://shop.example')).toBe(
      '/books',
    );
  });

  it('reads the first of repeated callbackUrl parameters', () => {
    expect(safeCallbackUrl(['/account', 'https://evil.example'])).toBe('/account');
  });
});

describe('currentPathWithLocale', () => {
  it('adds the prefix of a non-default locale and leaves the default one bare', () => {
    expect(currentPathWithLocale({ asPath: '/books?a=1', locale: 'ja', defaultLocale: 'en' })).toBe(
      '/ja/books?a=1',
    );
    expect(currentPathWithLocale({ asPath: '/books', locale: 'en', defaultLocale: 'en' })).toBe(
      '/books',
    );
  });
});
