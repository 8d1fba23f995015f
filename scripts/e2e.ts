import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { assertChromiumInstalled, chromiumPath } from '../__tests__/e2e/support/chromium';

/**
 * `npm run test:e2e`: checks that Chromium is installed, builds the app (`next build`), then runs
 * the Playwright suite, whose global setup starts logto-local and `next start` on free ports and
 * whose teardown stops them by pid. Extra arguments go to `playwright test` (e.g. a file or
 * `--grep`). E2E_SKIP_BUILD=1 reuses an existing build.
 * @see ../playwright.config.ts
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

// Ctrl-C or a CI cancel: let the child (Playwright) stop its workers and run its teardown,
// which stops the servers, instead of leaving them orphaned.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    else process.exit(130);
  });
}

async function main(): Promise<number> {
  try {
    assertChromiumInstalled();
  } catch (error) {
    console.error(`test:e2e: ${(error as Error).message}`);
    return 1;
  }
  console.log(`test:e2e: Chromium at ${chromiumPath()}`);
  if (process.env.E2E_SKIP_BUILD !== '1') {
    console.log('test:e2e: building the app (next build)…');
    const built = await run('npx', ['next', 'build']);
    if (built !== 0) {
      console.error('test:e2e: next build failed; not running the browser suite.');
      return built;
    }
  }
  return run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:e2e: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  },
);
