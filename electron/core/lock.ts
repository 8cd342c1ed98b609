import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { DyadError } from '../../shared/api/errors';

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An advisory lock beside the project file (`file.dyad.lock`, created with O_EXCL), so a second Dyad that
 * opens the same project is told who has it instead of writing alongside. A lock left by a crashed Dyad on
 * this machine (its process is gone) is taken over.
 */
export function acquireLock(file: string): () => void {
  const lockPath = `${file}.lock`;
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let other: LockInfo | null = null;
      try {
        other = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
      } catch {
        other = null; // half-written or unreadable: treat as stale only if old enough? keep it simple: stale
      }
      const stale = !other || (other.host === info.host && !alive(other.pid));
      if (!stale || attempt > 0) {
        throw new DyadError(
          'locked',
          `${file} is already open in another Dyad (process ${other?.pid ?? '?'} on ${other?.host ?? '?'} since ${other?.since ?? '?'}). ` +
            'Close it there first; nothing was changed.',
        );
      }
      try {
        unlinkSync(lockPath);
      } catch {
        /* someone else took it over; the next attempt reports them */
      }
    }
  }
  throw new DyadError('locked', `${file} is locked by another Dyad.`);
}
