/**
 * Dyad's own temporary files. Copies of projects (a coder's copy being merged, a snapshot being read) and exports
 * being written hold clinical text, so they are readable by the user only (folders 0700, files 0600), removed when
 * the work ends or the process exits, and what a Dyad that was killed left behind is swept at the next start:
 * scratch folders carry the owning process id in their name, and temporary export files beside their targets are
 * listed in that process's journal folder until they are renamed into place or removed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const PREFIX = 'dyad-scratch-';
/** Folders and temporary files of this process still to remove, should it exit before the work ends. */
const mine = new Set<string>();
let exitHookSet = false;

function removeAllMine(): void {
  for (const p of mine) rmSync(p, { recursive: true, force: true });
  mine.clear();
}

function own(path: string): void {
  mine.add(path);
  if (!exitHookSet) {
    exitHookSet = true;
    process.on('exit', removeAllMine);
  }
}

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
  const dir = mkdtempSync(join(base, `${PREFIX}${process.pid}-${purpose.replace(/[^\w-]/g, '')}-`));
  own(dir);
  return dir;
}

export function removeScratchDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mine.delete(dir);
}

let journal: string | null = null;

/** A hidden temporary name beside `target` (`.name.dyad-<pid>-<random>.tmp`), so a rename puts it in place. */
export function tempPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.dyad-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Notes that `tempPath` (made by tempPathBeside) exists until the returned function is called — after it was
 * renamed into place or removed. Until then it is removed if this process exits, or swept after a crash.
 */
export function trackTempFile(tempPath: string): () => void {
  journal ??= makeScratchDir('journal');
  const entry = join(journal, `${randomBytes(6).toString('hex')}.path`);
  writeFileSync(entry, tempPath, { mode: 0o600 });
  own(tempPath);
  return () => {
    rmSync(entry, { force: true });
    mine.delete(tempPath);
  };
}

/** Removes the temporary files a dead process's journal lists (only names that process would have made). */
function sweepJournal(dir: string, pid: number): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.path')) continue;
    const listed = readFileSync(join(dir, name), 'utf8');
    if (basename(listed).includes(`.dyad-${pid}-`) && listed.endsWith('.tmp')) rmSync(listed, { force: true });
  }
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
      if (name.startsWith(`${PREFIX}${pid}-journal-`)) sweepJournal(join(base, name), pid);
      rmSync(join(base, name), { recursive: true, force: true });
      removed.push(join(base, name));
    } catch {
      /* another Dyad swept it first, or it is not ours to remove */
    }
  }
  return removed;
}
