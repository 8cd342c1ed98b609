/**
 * A copy of an open project into a new file that does not hold the thread serving the app: SQLite's online backup
 * (better-sqlite3's `db.backup`), a few hundred KB per turn of the event loop. A lab's replica is hundreds of MB;
 * VACUUM INTO of it froze the app for seconds (issue 15; 615 MB at a lab's full scale).
 *
 * The copy is one consistent moment, the project as it stands when the last step ends, without stopping anything:
 * a change committed meanwhile through this same connection is written into the pages already copied as it commits,
 * and a change rolled back after it touched the log restarts the copy (SQLite's backup API). It runs on the
 * project's own connection, which is the only one there can be: the project's EXCLUSIVE lock (lock.ts) keeps any
 * second connection out, so a copy from another thread or connection is not possible.
 *
 * SQLite's connection to the new file syncs it to the disk when the copy ends; left to then, hundreds of MB of
 * written pages took most of a second to reach the disk, on this thread. So what has been written is flushed as the
 * copy goes, in Node's thread pool, and the last sync finds little left.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { DyadError } from '../../shared/domain/errors';
import type { Db } from './database';

/**
 * Bytes copied per step. Measured on a 465 MB file (4 KB pages) on the 2-core machine here, under a load of 12 to 16:
 * 128 pages took 1.3 ms (median), 256 pages 3.5 ms, 1,000 pages 23 ms; at 128 pages the costliest step took 9.4 ms
 * of the thread's CPU time. The last step, when SQLite writes what its cache still holds of the new file (up to
 * 16 MB) and syncs it, took 22 ms of CPU time there. Longer waits were the disk's or other processes', not work.
 */
export const STEP_BYTES = 512 * 1024;
/** Written bytes after which they are flushed to the disk (one flush at a time). */
const FLUSH_BYTES = 16 * 1024 * 1024;

export interface CopyInStepsOptions {
  signal?: AbortSignal;
  /** Hears the pages copied so far and the pages in all. */
  progress?: (done: number, total: number) => void;
}

/**
 * Copies the project open in `db` into the new file `dest` (which must not exist), a step per turn of the event loop.
 * A copy that fails or is cancelled leaves no file at `dest` (better-sqlite3 removes the file it made).
 */
export async function copyInSteps(db: Db, dest: string, opts: CopyInStepsOptions = {}): Promise<void> {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = Math.max(1, Math.floor(STEP_BYTES / pageSize));
  const flushPages = Math.max(pages, Math.floor(FLUSH_BYTES / pageSize));
  let file: FileHandle | null = null;
  let opening = false;
  let flushing: Promise<void> | null = null;
  let copiedSinceFlush = 0;
  let lastRemaining = -1;
  const flush = () => {
    if (!file || flushing) return;
    copiedSinceFlush = 0;
    flushing = file
      .datasync()
      .catch(() => {
        /* only an early flush: SQLite's own sync at the end is the one that counts */
      })
      .finally(() => (flushing = null));
  };
  try {
    await db.backup(dest, {
      progress: ({ totalPages, remainingPages }) => {
        if (opts.signal?.aborted) throw new DyadError('cancelled', `The copy to ${dest} was cancelled.`);
        opts.progress?.(totalPages - remainingPages, totalPages);
        if (lastRemaining >= 0) copiedSinceFlush += Math.max(0, lastRemaining - remainingPages);
        lastRemaining = remainingPages;
        // SQLite makes the file at its first write; it is opened here once it exists, only to flush it.
        if (!file && !opening) {
          opening = true;
          open(dest, 'r').then(
            (f) => ((file = f), (opening = false)),
            () => (opening = false),
          );
        }
        if (copiedSinceFlush >= flushPages) flush();
        return pages;
      },
    });
  } catch (e) {
    if (e instanceof DyadError) throw e;
    throw new DyadError('io', `The project could not be copied to ${dest}: ${(e as Error).message}.`);
  } finally {
    // The handle opened late, or a flush still under way, is closed before the caller moves or removes the file.
    while (opening) await new Promise((r) => setImmediate(r));
    await flushing;
    await (file as FileHandle | null)?.close();
  }
}
