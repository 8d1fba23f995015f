/**
 * One Bookstore app instance in its own Node process: the real NextAuth catch-all, /api/me and
 * the federated sign-out route, served by the test driver on 127.0.0.1 on a free port. Tests
 * start two of them to see what N instances behind a load balancer do.
 *
 * The child prints `app ready at <origin>` and serves until killed. Its NEXTAUTH_URL is the
 * public URL Logto knows (`APP_PUBLIC_URL`), as behind a load balancer: every instance builds
 * the same callback and post-logout URLs, whatever port it listens on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { nodeArgumentsFor } from '../../../support/test-bundles';

const READY_LINE = /app ready at (\S+)/;
const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface AppProcess {
  origin: string;
  stop(): Promise<void>;
}

/**
 * Starts an instance (`node --import tsx` on Jest's own Node 24, or the run's bundle of it:
 * support/test-bundles.ts) and waits for its ready line.
 */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    nodeArgumentsFor('__tests__/logto-local/support/app-main.ts'),
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`app exited before it was ready:\n${output}`));
    });
  });
  return {
    origin,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
