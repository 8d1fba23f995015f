import { spawn, type SpawnOptions } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface CommandOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Run as this user (Postgres refuses to run as root). */
  uid?: number;
  gid?: number;
  /** Where the command's output goes; its tail is also part of the error when it fails. */
  logFile: string;
}

/**
 * Runs a command to completion with its output appended to `logFile`, and rejects with the
 * command line and the last lines of output when it exits non-zero.
 */
export function runCommand(
  command: string,
  args: string[],
  options: CommandOptions,
): Promise<void> {
  const { cwd, env = process.env, uid, gid, logFile } = options;
  appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}   (in ${cwd})\n`);
  const spawnOptions: SpawnOptions = {
    cwd,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    uid,
    gid,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, spawnOptions);
    let tail = '';
    const keep = (chunk: Buffer) => {
      appendFileSync(logFile, chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `\`${command} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}); see ${logFile}:\n${tail}`,
          ),
        );
    });
  });
}
