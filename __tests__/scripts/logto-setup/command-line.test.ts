/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** `npm run logto:setup -- ...args`, exactly as the README writes it. */
function runThroughNpm(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn('npm', ['run', '--silent', 'logto:setup', '--', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

// The run stops at the command line, before any env file is read or any request is made. One
// run through npm is enough: Node would take `--env-file PATH` wherever it stood (exit 9).
it('npm run logto:setup hands --write-env and its path, even one that does not exist yet, to the script', async () => {
  const missing = path.join(REPO_ROOT, 'no-such-dir', '.env.logto');
  const { code, output } = await runThroughNpm(['--write-env', missing, '--bogus']);
  // The script's own parser took the path as the flag's value and read on to the next option.
  expect(output).toMatch(/^✗ unknown option "--bogus"\n/);
  expect(code).toBe(2);
});
