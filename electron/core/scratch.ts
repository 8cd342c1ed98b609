/**
 * Dyad's own temporary folders. Copies of projects (a coder's copy being merged, a snapshot being read) hold
 * clinical text, so they live in folders only the user can read (0700), are removed when the work ends, and a
 * folder left by a Dyad that was killed is swept at the next start: its name carries the owning process id.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'dyad-scratch-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A new private folder (mode 0700, as mkdtemp makes it) named after this process and what it is for. */
export function makeScratchDir(purpose: string, base = tmpdir()): string {
  return mkdtempSync(join(base, `${PREFIX}${process.pid}-${purpose.replace(/[^\w-]/g, '')}-`));
}

export function removeScratchDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs `work` with a private folder that is removed however `work` ends. */
export function withScratchDir<T>(purpose: string, work: (dir: string) => T): T {
  const dir = makeScratchDir(purpose);
  try {
    return work(dir);
  } finally {
    removeScratchDir(dir);
  }
}

/** Removes the scratch folders of Dyads that are no longer running; returns what it removed. */
export function sweepScratchDirs(base = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(base, name), { recursive: true, force: true });
      removed.push(join(base, name));
    } catch {
      /* another Dyad swept it first, or it is not ours to remove */
    }
  }
  return removed;
}
