import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { assertChromiumInstalled } from '../__tests__/e2e/support/chromium';
import { logtoTarget } from '../__tests__/e2e-logto/support/target';

/**
 * `npm run test:logto`: the browser suite against a real Logto. Builds the app (`next build`),
 * then runs playwright.logto.config.ts, whose global setup starts Logto OSS
 * (`scripts/logto-oss`) or uses the one named by LOGTO_TEST_ENDPOINT, LOGTO_TEST_M2M_ID and
 * LOGTO_TEST_M2M_SECRET. Extra arguments go to `playwright test`. E2E_SKIP_BUILD=1 reuses a build.
 * @see ../README.md#testing-against-a-real-logto
 */
const repoRoot = path.resolve(__dirname, '..');
let current: ChildProcess | undefined;

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    current = child;
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

// Ctrl-C: let Playwright run its teardown, which stops the app, Logto and Postgres.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    else process.exit(130);
  });
}

async function main(): Promise<number> {
  try {
    assertChromiumInstalled();
    logtoTarget(repoRoot);
  } catch (error) {
    console.error(`test:logto: ${(error as Error).message}`);
    return 1;
  }
  if (process.env.E2E_SKIP_BUILD !== '1') {
    console.log('test:logto: building the app (next build)…');
    const built = await run('npx', ['next', 'build']);
    if (built !== 0) {
      console.error('test:logto: next build failed; not running the suite.');
      return built;
    }
  }
  return run('npx', [
    'playwright',
    'test',
    '--config',
    'playwright.logto.config.ts',
    ...process.argv.slice(2),
  ]);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:logto: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  },
);
