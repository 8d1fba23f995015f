import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './free-port';

/** A throwaway redis-server (Debian's `redis-server`) on 127.0.0.1, for tests of several instances. */
export interface RedisProcess {
  /** e.g. `redis://127.0.0.1:41234`. */
  url: string;
  /** Stops it by its pid (SIGKILL, as a crash or a lost host would) and waits until it is gone. */
  stop(): Promise<void>;
}

const READY_LINE = /Ready to accept connections/;
const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/**
 * Whether the tests that need redis-server run here: always in CI (`.ci/run` installs it, and a
 * missing one must fail), elsewhere when it is installed, so `npm test` works on a machine
 * without it (they are then skipped, with a line saying how to run them).
 */
export const REDIS_TESTS_RUN = Boolean(process.env.CI) || existsSync(REDIS_SERVER);

/** `describe` when {@link REDIS_TESTS_RUN}, else `describe.skip` and one line saying why. */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_TESTS_RUN) {
    describe(name, body);
    return;
  }
  console.warn(
    `Skipped "${name}": ${REDIS_SERVER} is not installed (apt-get install -y redis-server).`,
  );
  describe.skip(name, body);
}

/**
 * Starts redis-server on `port` (by default a free one) of 127.0.0.1, keeping nothing on disk, and resolves once it
 * accepts connections. Fails with the command to install it when it is missing.
 */
export async function startRedis(port?: number): Promise<RedisProcess> {
  port ??= await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start:\n${output}`)),
      15_000,
    );
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Could not start ${REDIS_SERVER} (${error.message}). Install it: apt-get install -y redis-server`,
        ),
      );
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (READY_LINE.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid!, 'SIGKILL');
        await exited;
      }
    },
  };
}
