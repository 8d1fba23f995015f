import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

/**
 * Makes committed writes durable before they are acknowledged, without blocking the event loop:
 * group commit on SQLite's write-ahead log.
 *
 * The database runs in WAL mode with `synchronous = NORMAL`: a commit appends its frames to the WAL
 * and returns without an fsync, so a statement costs microseconds instead of a disk flush on the
 * event loop. On its own, NORMAL may lose the last commits to a power cut or OS crash (never to a
 * process crash, and never with corruption). logto-local closes that gap itself: every HTTP
 * response first waits on `durable()`, which flushes the WAL file (fdatasync, on libuv's thread
 * pool) if anything was committed since the last flush. A write is therefore on disk before any
 * response that could depend on it leaves, exactly as with `synchronous = FULL`, and one flush
 * covers every commit made while the previous flush ran: 50 concurrent sign-ins share a handful
 * of flushes instead of ~18 flushes each on the event loop.
 *
 * Checkpoints (copying the WAL into the database file) still sync the WAL first and the database
 * after, as SQLite does in NORMAL mode, so nothing acknowledged depends on them.
 * @see https://www.sqlite.org/pragma.html#pragma_synchronous
 * @see https://www.sqlite.org/wal.html#performance_considerations
 * @see https://man7.org/linux/man-pages/man2/fdatasync.2.html
 */
export function createDurabilityBarrier(db: DatabaseSync, walPath: string) {
  // Rows inserted, updated or deleted on this connection since it opened: a write counter that
  // needs no wrapper around each statement.
  const totalChanges = db.prepare('SELECT total_changes() AS changes');
  const changesNow = () => Number((totalChanges.get() as { changes: number | bigint }).changes);

  let wal: FileHandle | undefined;
  let flushedUpTo = -1;
  let flushing: Promise<void> | undefined;

  const flush = async () => {
    const covered = changesNow();
    // The WAL file stays in place while this connection is open (SQLite removes it only when the
    // last connection closes), so one handle serves every flush.
    if (!wal) {
      wal = await open(walPath, 'r+');
      await syncDirectory(path.dirname(walPath));
    }
    await wal.datasync();
    flushedUpTo = Math.max(flushedUpTo, covered);
  };

  return {
    /**
     * Resolves once every write committed before the call is on disk. Waits for a flush already
     * under way, then starts one more if writes arrived after it began (they share it).
     */
    async durable(): Promise<void> {
      const target = changesNow();
      while (flushedUpTo < target) {
        flushing ??= flush().finally(() => {
          flushing = undefined;
        });
        await flushing;
      }
    },
    async close(): Promise<void> {
      await flushing?.catch(() => undefined);
      await wal?.close();
      wal = undefined;
    },
  };
}

/**
 * A new file's directory entry reaches the disk only with an fsync of the directory (SQLite does
 * this for a new WAL at its first sync, which NORMAL postpones). Windows cannot open a directory
 * for this, and NTFS journals the entry itself.
 * @see https://man7.org/linux/man-pages/man2/fsync.2.html ("an explicit fsync() on a file
 * descriptor for the directory is also needed")
 */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type DurabilityBarrier = ReturnType<typeof createDurabilityBarrier>;
