/** `npm test` wall time (the whole Jest suite, as CI runs it). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export function measureTestSuite(): Promise<{ ms: number; passed: boolean }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['test', '--silent'], {
      cwd: path.resolve(__dirname, '..'),
      stdio: 'ignore',
    });
    child.once('exit', (code) => resolve({ ms: performance.now() - started, passed: code === 0 }));
  });
}
