/**
 * A consistent copy of a project file that may be open, and written, in another Dyad at the same moment — without
 * touching it: its write-ahead log is read before and after the main file is copied, and the copy is retried until
 * the log did not change in between. An unchanged log means no transaction was committed while copying; a
 * checkpoint may have moved pages from the log into the main file meanwhile, but only pages the copied log holds
 * too, so SQLite opening the copy (file and log) sees exactly the last transaction in the log.
 */
import { chmodSync, constants, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { DyadError } from '../../shared/api/errors';

function readLog(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const same = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));

/** Copies `src` (and its -wal) to `dest` (and `dest`-wal), readable by the user only. */
export function copyProjectConsistently(src: string, dest: string, tries = 20): void {
  for (let i = 0; i < tries; i++) {
    const before = readLog(`${src}-wal`);
    // A clone where the file system can make one (APFS, Btrfs, XFS): no time at all for a study of 100 MB.
    copyFileSync(src, dest, constants.COPYFILE_FICLONE);
    const after = readLog(`${src}-wal`);
    if (!same(before, after)) continue;
    chmodSync(dest, 0o600);
    if (before?.length) writeFileSync(`${dest}-wal`, before, { mode: 0o600 });
    return;
  }
  throw new DyadError('locked', `${src} is being written continuously by another Dyad; Dyad could not read a consistent copy of it. Try again in a moment.`);
}
