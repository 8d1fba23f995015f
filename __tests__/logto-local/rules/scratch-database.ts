import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '@/logto-local/store/database';

/** A logto-local database in a fresh temporary folder, and a way to throw it away. */
export function openScratchDatabase(): { db: DatabaseSync; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'logto-local-rules-'));
  const db = openDatabase(dir);
  return {
    db,
    remove() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock the rules read instead of Date.now, moved by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advanceSeconds(seconds: number) {
      now += seconds * 1000;
    },
    advanceMs(ms: number) {
      now += ms;
    },
  };
}
