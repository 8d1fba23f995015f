import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { startLogtoOss } from '../../../scripts/logto-oss/logto-oss';
import { startApp } from '../../e2e/support/app-process';
import { assertChromiumInstalled } from '../../../support/chromium';
import { freePort } from '../../../support/free-port';
import { logtoTarget } from '../../../support/logto-target';
import { STACKS_VARIABLE } from '../../e2e/support/stack-urls';
import { runLogtoSetup } from './logto-setup-cli';
import { SUITE_VARIABLE, type LogtoSuite } from './suite';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const log = (line: string) => console.log(`test:logto: ${line}`);

/**
 * Brings up everything once, in the Playwright main process: a Logto (started from source, or
 * the one LOGTO_TEST_ENDPOINT names), the tenant configured by a first `npm run logto:setup`, and
 * the built app with the application's credentials from it. Returns the teardown, which stops
 * what this started by pid.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const target = logtoTarget(REPO_ROOT);
  const stoppers: (() => Promise<void>)[] = [];
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'bookstore-logto-suite-'));
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    let logto: Pick<LogtoSuite, 'logto' | 'm2m' | 'smsRecord'>;
    if (target.kind === 'given') {
      log(`using the Logto at ${target.endpoint}`);
      logto = { logto: target.endpoint, m2m: target.m2m, smsRecord: target.smsRecord };
    } else {
      const oss = await startLogtoOss(REPO_ROOT, log);
      stoppers.push(oss.stop);
      logto = { logto: oss.endpoint, m2m: oss.m2m, smsRecord: oss.smsRecord };
    }

    const appPort = await freePort();
    const appUrl = `http://localhost:${appPort}`;
    const envFile = path.join(workDir, '.env.logto');
    const setup = await runLogtoSetup({ endpoint: logto.logto, m2m: logto.m2m, appUrl, envFile });
    if (setup.code !== 0) {
      throw new Error(`npm run logto:setup failed (exit ${setup.code}):\n${setup.output}`);
    }
    const written = parseEnv(readFileSync(envFile, 'utf8'));
    const app = await startApp(appPort, {
      AUTH_LOGTO_ISSUER: `${logto.logto}/oidc`,
      AUTH_LOGTO_ID: written.AUTH_LOGTO_ID ?? '',
      AUTH_LOGTO_SECRET: written.AUTH_LOGTO_SECRET ?? '',
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: 'bookstore-logto-suite-secret-that-is-long-enough-for-jwe',
    });
    stoppers.push(app.stop);

    const suite: LogtoSuite = { app: appUrl, ...logto, envFile };
    process.env[SUITE_VARIABLE] = JSON.stringify(suite);
    // The browser suite's fixtures (screenshots, phone numbers) read the stack from here.
    process.env[STACKS_VARIABLE] = JSON.stringify({
      default: { app: appUrl, issuer: `${logto.logto}/oidc`, logto: logto.logto },
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
