import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const POLL_MS = 2000;

/**
 * A directory lock between processes on this machine (mkdir is atomic), holding the owner's
 * pid. A lock whose owner is gone is taken over. Returns the release function.
 */
export async function acquireLock(dir: string, log: (line: string) => void): Promise<() => void> {
  const pidFile = path.join(dir, 'pid');
  let announced = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(pidFile, String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readQuietly(pidFile));
    if (owner && !isAlive(owner)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`waiting for process ${owner || '?'} that holds ${dir}`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function readQuietly(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
