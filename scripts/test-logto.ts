import path from 'node:path';
import { assertChromiumInstalled } from '../support/chromium';
import { logtoTarget } from '../support/logto-target';
import { runBrowserSuite } from './browser-suite';

/**
 * `npm run test:logto`: the browser suite against a real Logto. Builds the app (`next build`),
 * then runs playwright.logto.config.ts, whose global setup starts Logto OSS
 * (`scripts/logto-oss`) or uses the one named by LOGTO_TEST_ENDPOINT, LOGTO_TEST_M2M_ID and
 * LOGTO_TEST_M2M_SECRET. Extra arguments go to `playwright test`. E2E_SKIP_BUILD=1 reuses a build.
 * @see ../README.md#testing-against-a-real-logto
 */
runBrowserSuite({
  name: 'test:logto',
  checkPrerequisites: () => {
    assertChromiumInstalled();
    logtoTarget(path.resolve(__dirname, '..'));
  },
  playwrightArgs: ['--config', 'playwright.logto.config.ts'],
});
