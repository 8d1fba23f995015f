import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { signUpAndLand } from './support/flows';

/** What Chromium reported against the app's Content-Security-Policy, across navigations. */
interface Violations {
  events: string[];
  console: string[];
}

/**
 * Collects CSP violations two ways: `securitypolicyviolation` events, reported to the test through
 * a binding from an init script (Playwright injects both outside the page's CSP, in every document
 * and frame), and Chromium's console errors about a policy.
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Element/securitypolicyviolation_event
 */
async function listenForViolations(page: Page): Promise<Violations> {
  const violations: Violations = { events: [], console: [] };
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.console.push(message.text());
  });
  await page.exposeBinding('reportCspViolation', (_source, text: string) => {
    violations.events.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (
        window as unknown as { reportCspViolation(text: string): Promise<void> }
      ).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI} on ${event.documentURI}`,
      );
    });
  });
  return violations;
}

test.describe('security headers', () => {
  test('every response forbids framing and sniffing; every page has a script policy without inline or eval', async ({
    request,
  }) => {
    for (const path of [
      '/',
      '/signin',
      '/ja/signin',
      '/auth/error?error=Callback',
      '/api/health',
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['permissions-policy'], path).toContain('camera=()');
      // The suite serves http://localhost: HSTS is for https only.
      expect(headers['strict-transport-security'], path).toBeUndefined();
      if (path.startsWith('/api/')) continue;
      const html = await response.text();
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/
        .exec(html)?.[1]
        ?.replaceAll('&#x27;', "'");
      const scriptSrc = /script-src ([^;]*)/.exec(policy ?? '')?.[1] ?? '';
      expect(scriptSrc, path).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
    }
  });

  test('pages load and sign-in completes with no CSP violation', async ({
    page,
    stack,
    freshPhone,
  }) => {
    const violations = await listenForViolations(page);
    const checkEach = () => expect(violations).toEqual({ events: [], console: [] });
    for (const path of ['/', '/signin?callbackUrl=%2Fbooks', '/ja', '/auth/error?error=Callback']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      checkEach();
    }
    await signUpAndLand(page, stack, freshPhone(), '/books');
    await expect(page.getByRole('heading', { name: 'The catalogue' })).toBeVisible();
    checkEach();
    // Client-side navigation runs the page chunks and the session fetch under the same policy.
    await page.getByRole('link', { name: 'Account' }).click();
    await expect(page).toHaveURL(`${stack.app}/account`);
    await page.waitForLoadState('networkidle');
    checkEach();
    await page.goto('/books');
    await page
      .getByRole('link', { name: /Pride and Prejudice/ })
      .first()
      .click();
    await page.waitForLoadState('networkidle');
    checkEach();
  });

  test('a page on another origin cannot frame /signin', async ({ page, stack }) => {
    // Two made-up origins: one frames /signin, the other a page that sends no headers (control).
    await page.route('http://framer.invalid/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>framer</title>
<iframe id="control" src="http://control.invalid/"></iframe>
<iframe id="signin" src="${stack.app}/signin"></iframe>`,
      }),
    );
    await page.route('http://control.invalid/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<h1>Framed control page</h1>' }),
    );
    await page.goto('http://framer.invalid/');

    // The control proves framing works in this browser at all.
    await expect(
      page.frameLocator('#control').getByRole('heading', { name: 'Framed control page' }),
    ).toBeVisible();
    // Chromium replaces a frame refused by frame-ancestors with its own error page.
    const signInFrame = await (await page.locator('#signin').elementHandle())!.contentFrame();
    await expect.poll(() => signInFrame!.url()).toBe('chrome-error://chromewebdata/');
    await expect(
      page.frameLocator('#signin').getByRole('heading', { name: 'Sign in with your phone' }),
    ).toHaveCount(0);
  });
});
