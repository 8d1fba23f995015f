import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Output goes here, not to the terminal: the table is what a person reads. */
  logFile: string;
  timeoutMs: number;
}

/**
 * Runs a command in its own process group and resolves with its exit code. On timeout the whole
 * group gets SIGTERM (by the pid this started), so nothing it spawned outlives it.
 */
export function runCommand(command: string, args: string[], options: CommandOptions) {
  appendFileSync(options.logFile, `\n$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forget = onInterrupt(() => stopGroup(child.pid));
  const write = (chunk: Buffer) => appendFileSync(options.logFile, chunk);
  child.stdout.on('data', write);
  child.stderr.on('data', write);
  return new Promise<number>((resolve) => {
    const timer = setTimeout(() => {
      appendFileSync(options.logFile, `\n[compat] timed out after ${options.timeoutMs} ms\n`);
      stopGroup(child.pid);
    }, options.timeoutMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      forget();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** SIGTERM to the process group led by `pid` (a child started with `detached: true`). */
export function stopGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

const cleanups = new Set<() => unknown>();

/**
 * Registers what to stop if the run itself is interrupted (Ctrl-C, a CI timeout): children run
 * in their own process groups, so they would otherwise outlive it. Returns the unregister function.
 */
export function onInterrupt(cleanup: () => unknown): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([...cleanups].map((cleanup) => cleanup())).then(() =>
      process.exit(130),
    );
  });
}
