import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');
let current: ChildProcess | undefined;

/** Runs a command in the repository with inherited output; resolves with its exit code. */
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

/**
 * What `npm run test:e2e` and `npm run test:logto` share: check prerequisites, build the app
 * (`next build`, unless E2E_SKIP_BUILD=1), then run Playwright with `playwrightArgs` and the
 * command line's extra arguments. Ctrl-C or a CI cancel goes to the child, so Playwright runs its
 * teardown and stops the servers it started instead of leaving them orphaned. Exits the process.
 */
export function runBrowserSuite(options: {
  /** Prefix of every line, e.g. `test:e2e`. */
  name: string;
  /** Throws a one-line message when something the suite needs is missing. */
  checkPrerequisites: () => void;
  playwrightArgs: string[];
}): void {
  const { name } = options;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (current) current.kill(signal);
      else process.exit(130);
    });
  }
  const main = async (): Promise<number> => {
    try {
      options.checkPrerequisites();
    } catch (error) {
      console.error(`${name}: ${(error as Error).message}`);
      return 1;
    }
    if (process.env.E2E_SKIP_BUILD !== '1') {
      console.log(`${name}: building the app (next build)…`);
      const built = await run('npx', ['next', 'build']);
      if (built !== 0) {
        console.error(`${name}: next build failed; not running the browser suite.`);
        return built;
      }
    }
    return run('npx', ['playwright', 'test', ...options.playwrightArgs, ...process.argv.slice(2)]);
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: ${(error as Error)?.message ?? String(error)}`);
      process.exit(1);
    },
  );
}
