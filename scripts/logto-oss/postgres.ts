import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './command';
import { freePort } from '../../support/free-port';
import { postgresBinDir } from './prerequisites';
import { stopProcess, waitUntil } from './process-control';

/** A throwaway Postgres cluster of Debian's binaries, on 127.0.0.1 and a free port. */
export interface RunningPostgres {
  /** `postgres://…@127.0.0.1:PORT/logto`, Logto's DB_URL. */
  url: string;
  pid: number;
  /** Stops the server by its pid and deletes the cluster. */
  stop(): Promise<void>;
}

const USER = 'bookstore';

/**
 * Creates a cluster in a temporary folder (superuser `bookstore` with a random password; Logto's
 * seed creates its own roles) and starts it. Postgres refuses to run as root, so as root the
 * cluster belongs to Debian's `postgres` user.
 */
export async function startPostgres(logFile: string): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bookstore-logto-pg-'));
  const dataDir = path.join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const passwordFile = path.join(dir, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  const port = await freePort();
  try {
    await runCommand(
      path.join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        USER,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ],
      { cwd: dir, logFile, ...owner },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const child = spawn(
    path.join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dir],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], ...owner },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const stop = async () => {
    // SIGINT is Postgres's "fast" shutdown: it ends sessions and exits cleanly.
    await stopProcess(child, 'SIGINT');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil('Postgres to accept connections', 60_000, () =>
      child.exitCode === null && child.signalCode === null ? isReady(bin, port) : fail(output),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/logto`,
    pid: child.pid!,
    stop,
  };
}

function fail(output: string): never {
  throw new Error(`Postgres exited before it was ready:\n${output}`);
}

function isReady(bin: string, port: number): boolean {
  try {
    execFileSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]);
    return true;
  } catch {
    return false;
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}
