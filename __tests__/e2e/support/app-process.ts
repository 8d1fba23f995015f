import { spawn } from 'node:child_process';
import path from 'node:path';

/** A running `next start` of the built app. */
export interface AppProcess {
  /** e.g. `http://localhost:41235`: the same host as logto-local's issuer, so cookies stay on one host. */
  url: string;
  pid: number;
  /** SIGTERM to the process group (npx → next), then waits for the exit. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Starts the production build (`next start`, so run `next build` first) on 127.0.0.1:`port`
 * and resolves once `/api/health` answers. `env` carries the auth configuration.
 */
export async function startApp(port: number, env: Record<string, string>): Promise<AppProcess> {
  const child = spawn('npx', ['next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
    // Its own process group, so stop() reaches next's node process through npx.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async () => {
    if (!gone) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await exited;
    }
  };

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (gone) {
      const hint = /production build/i.test(output)
        ? 'No production build: run `npm run test:e2e` (it builds first) or `npx next build`.\n'
        : '';
      throw new Error(`${hint}next start exited before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `next start did not answer /api/health within ${START_TIMEOUT_MS} ms:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, pid: child.pid!, stop };
}
