/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { browserOrigin, safeCallbackUrl } from '@/lib/components/callback-url';

// Pages render on the server first, where there is no window to read the origin from.
describe('callbackUrl while rendering on the server', () => {
  it('knows no browser origin', () => {
    expect(browserOrigin()).toBeUndefined();
  });

  it('keeps a same-site path and refuses an absolute URL, having no origin to compare it with', () => {
    expect(safeCallbackUrl('/ja/books?x=1', browserOrigin())).toBe('/ja/books?x=1');
    expect(safeCallbackUrl('https://shop.example/books', browserOrigin())).toBe('/books');
  });
});
