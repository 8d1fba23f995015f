import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes the data dir readable by its owner only: it holds the signing private key, live codes and
 * refresh tokens. The dir becomes 0700 and its files 0600, including those of an older data dir,
 * and the process umask makes the files SQLite creates later (the WAL and its index) 0600 too.
 * logto-local is a program of its own, so changing its process-wide umask touches nothing else.
 * @see https://nodejs.org/api/process.html#processumaskmask
 */
export function makeDataDirPrivate(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const name of readdirSync(dataDir)) {
    const file = path.join(dataDir, name);
    if (lstatSync(file).isFile()) chmodSync(file, 0o600);
  }
}
