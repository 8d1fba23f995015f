import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutboxEntry } from '@/logto-local/sms';
import { nodeArgumentsFor } from './test-bundles';

/** A running logto-local child process, as tests and the e2e suite use it. */
export interface LogtoLocalProcess {
  /** e.g. `http://localhost:41234/oidc` (from the ready line). */
  issuer: string;
  /** e.g. `http://localhost:41234`. */
  origin: string;
  /** Its data directory (SQLite database, keys), for tests that inspect what it stored. */
  dataDir: string;
  /** Stops the process (SIGTERM to its process group) and removes its temp data dir if it made one. */
  stop(): Promise<void>;
  /** Kills it with SIGKILL, as `kill -9` or a crash would: no shutdown code runs. The data dir stays. */
  crash(): Promise<void>;
  /** The dev outbox, newest first (`GET /dev/sms.json`). */
  readOutbox(): Promise<OutboxEntry[]>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
}

const READY_LINE = /logto-local ready at (\S+)/;
const START_TIMEOUT_MS = 30_000;
const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * Runs logto-local/main.ts in one Node process with tsx as a loader, or the bundle of it that a
 * Jest run makes once (./test-bundles.ts). Jest itself runs on the project's Node 24 (through
 * npx/npm), so `process.execPath` is that Node; going through `npx tsx` instead would add npm's
 * and tsx's own start-up (two more processes) to every start.
 */
function spawnLogtoLocal(env: NodeJS.ProcessEnv, detached: boolean) {
  return spawn(process.execPath, nodeArgumentsFor('logto-local/main.ts'), {
    cwd: REPO_ROOT,
    env,
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Starts logto-local as a separate program (`node --import tsx logto-local/main.ts`) on a free port with a
 * fresh temp data dir, and resolves once it prints its ready line. Pass `LOGTO_LOCAL_DATA_DIR` in
 * `env` to reuse a data dir across restarts (it is then left in place).
 */
export async function startLogtoLocal(
  env: Record<string, string> = {},
): Promise<LogtoLocalProcess> {
  const ownDataDir = env.LOGTO_LOCAL_DATA_DIR
    ? undefined
    : mkdtempSync(path.join(tmpdir(), 'logto-local-'));
  // Its own process group, so stop() reaches anything it starts.
  const child = spawnLogtoLocal(
    {
      ...process.env,
      NODE_ENV: 'test',
      LOGTO_LOCAL_PORT: '0',
      ...(ownDataDir ? { LOGTO_LOCAL_DATA_DIR: ownDataDir } : {}),
      ...env,
    },
    true,
  );

  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`logto-local did not start in time:\n${output}`)),
      START_TIMEOUT_MS,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`logto-local exited with code ${code} before it was ready:\n${output}`));
    });
  });
  const origin = new URL(issuer).origin;

  return {
    issuer,
    origin,
    dataDir: ownDataDir ?? env.LOGTO_LOCAL_DATA_DIR!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // Already gone.
        }
        await exited;
      }
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
    async crash() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGKILL');
        await exited;
      }
    },
    async readOutbox() {
      const response = await fetch(`${origin}/dev/sms.json`);
      return (await response.json()) as OutboxEntry[];
    },
    output: () => output,
  };
}

/**
 * Runs logto-local to completion with the given env and returns its exit code and output, for
 * start-up refusals (e.g. NODE_ENV=production).
 */
export async function runLogtoLocalExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-'));
  const child = spawnLogtoLocal(
    { ...process.env, LOGTO_LOCAL_PORT: '0', LOGTO_LOCAL_DATA_DIR: dataDir, ...env },
    false,
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  return { code, output };
}
