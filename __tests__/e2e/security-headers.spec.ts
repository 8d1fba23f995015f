import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * An attacker's page on http://127.0.0.1:PORT/ framing `target`, with a control frame from
 * http://localhost:PORT/control (another origin, no headers).
 */
async function startFramer(target: string) {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html');
    if (req.url === '/control') {
      res.end('<!doctype html><title>control</title><h1>Framed control page</h1>');
      return;
    }
    const { port } = server.address() as AddressInfo;
    res.end(`<!doctype html><title>framer</title>
<iframe id="control" src="http://localhost:${port}/control"></iframe>
<iframe id="signin" src="${target}"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
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
    // A real server on loopback, as an attacker's page would be to the browser (a made-up public
    // origin would be refused by Chromium's local network rules instead, proving nothing). It
    // frames /signin and, as a control, a page of its own on another origin that sends no headers.
    const framer = await startFramer(`${stack.app}/signin`);
    try {
      await page.goto(framer.url);
      await expect(
        page.frameLocator('#control').getByRole('heading', { name: 'Framed control page' }),
      ).toBeVisible();
      // Chromium replaces a frame refused by frame-ancestors with its own error page.
      const signInFrame = await (await page.locator('#signin').elementHandle())!.contentFrame();
      await expect.poll(() => signInFrame!.url()).toBe('chrome-error://chromewebdata/');
      await expect(
        page.frameLocator('#signin').getByRole('heading', { name: 'Sign in with your phone' }),
      ).toHaveCount(0);
    } finally {
      await framer.stop();
    }
  });
});
