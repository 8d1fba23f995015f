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

  // Dot segments that resolve to `//evil.example`, a protocol-relative URL.
  it.each([
    '/..//evil.example',
    '/.//evil.example',
    '/%2e%2e//evil.example',
    '/./\\evil.example',
    '/%2E%2E//evil.example',
    '/.%2e//evil.example',
    '/%2e//evil.example',
    '/../\\evil.example',
    '/..\\/evil.example',
    '/.././/evil.example',
    '/../..//evil.example/books?x=1#top',
  ])('never turns %s into a protocol-relative URL', (raw) => {
    expect(safeCallbackUrl(raw)).toBe('/books');
    expect(safeCallbackUrl(`https://shop.example${raw}`, 'https://shop.example')).toBe('/books');
  });

  it.each([
    ['/..//evil.example', '%2F..%2F%2Fevil.example'],
    ['/%2e%2e//evil.example', '%2F%252e%252e%2F%2Fevil.example'],
    ['/./\\evil.example', '%2F.%2F%5Cevil.example'],
  ])('falls back for %s however the query string encodes it', (decoded, encoded) => {
    const received = new URLSearchParams(`callbackUrl=${encoded}`).get('callbackUrl')!;
    expect(received).toBe(decoded);
    expect(safeCallbackUrl(received)).toBe('/books');
    // Encoded once more, it no longer starts with a slash: not a path, so it falls back too.
    expect(safeCallbackUrl(encodeURIComponent(received))).toBe('/books');
  });

  // Values the URL parser throws on (a port that is not a number, an unclosed IPv6 host), as
  // the path itself or once dot segments resolve: each once crashed /signin and /auth/error.
  it.each([
    '//a:b',
    '//[',
    '//localhost:3402.evil.example',
    '/\\host:port.x',
    '/..//h:1.x',
    '/.//a:b/books',
    '/%2e%2e//[',
  ])('falls back to /books for %s, which the URL parser cannot read', (raw) => {
    expect(safeCallbackUrl(raw)).toBe('/books');
    expect(safeCallbackUrl(raw, 'https://shop.example')).toBe('/books');
    expect(safeCallbackUrl(`https://shop.example${raw}`, 'https://shop.example')).toBe('/books');
  });

  it('never throws and never leaves the site, over a table of crafted values', () => {
    const ownOrigin = 'https://shop.example';
    const prefixes = [
      '/',
      '//',
      '///',
      '/\\',
      '\\\\',
      '/\t/',
      '/..//',
      '/./',
      '/%2e%2e//',
      '/.%2e/\\',
    ];
    const hosts = [
      'a:b',
      '[',
      '[::1',
      '[::1]:x',
      'localhost:3402.evil.example',
      'h:1.x',
      'evil.example',
      'user@evil.example',
      'evil.example:99999',
      '%',
      '%zz',
      'xn--',
      '',
      ':',
      '@',
    ];
    const suffixes = ['', '/books?x=1#top', '\\..\\', ':80'];
    const escaped: string[] = [];
    for (const prefix of prefixes) {
      for (const host of hosts) {
        for (const suffix of suffixes) {
          for (const raw of [
            `${prefix}${host}${suffix}`,
            `${ownOrigin}${prefix}${host}${suffix}`,
          ]) {
            let kept: string;
            try {
              kept = safeCallbackUrl(raw, ownOrigin);
            } catch (error) {
              escaped.push(`${raw} threw ${String(error)}`);
              continue;
            }
            const landing = new URL(kept, ownOrigin);
            if (!kept.startsWith('/') || landing.origin !== ownOrigin) {
              escaped.push(`${raw} kept as ${kept}`);
            }
          }
        }
      }
    }
    expect(escaped).toEqual([]);
  });

  it('keeps a same-origin path with a double slash further in', () => {
    expect(safeCallbackUrl('/books//kokoro')).toBe('/books//kokoro');
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
