import { assertChromiumInstalled, chromiumPath } from '../support/chromium';
import { runBrowserSuite } from './browser-suite';

/**
 * `npm run test:e2e`: checks that Chromium is installed, builds the app (`next build`), then runs
 * the Playwright suite, whose global setup starts logto-local and `next start` on free ports and
 * whose teardown stops them by pid. Extra arguments go to `playwright test` (e.g. a file or
 * `--grep`). E2E_SKIP_BUILD=1 reuses an existing build.
 * @see ../playwright.config.ts
 */
runBrowserSuite({
  name: 'test:e2e',
  checkPrerequisites: () => {
    assertChromiumInstalled();
    console.log(`test:e2e: Chromium at ${chromiumPath()}`);
  },
  playwrightArgs: [],
});
