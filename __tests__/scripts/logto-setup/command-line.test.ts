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

// Both runs stop at the command line, before any env file is read or any request is made.
describe('npm run logto:setup on the command line', () => {
  it('hands --write-env to the script, whose own parser asks for the missing path', async () => {
    const { code, output } = await runThroughNpm(['--write-env']);
    expect(output).toMatch(/^✗ --write-env needs a value\n/);
    expect(code).toBe(2);
  });

  it('takes a --write-env path that does not exist yet as the flag’s value, and reads on', async () => {
    const missing = path.join(REPO_ROOT, 'no-such-dir', '.env.logto');
    const { code, output } = await runThroughNpm(['--write-env', missing, '--bogus']);
    expect(output).toMatch(/^✗ unknown option "--bogus"\n/);
    expect(code).toBe(2);
  });
});
