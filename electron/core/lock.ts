/**
 * One writer per project file, whatever name it is opened by. The lock is SQLite's own lock on the file itself
 * (`locking_mode=EXCLUSIVE` on the writing connection, taken at open): a hard link or a symbolic link reaches the
 * same file and so the same lock, the operating system gives it to exactly one process, and it dies with the
 * process, so a crash never leaves a lock behind. In WAL mode an exclusive connection keeps the log's index in
 * its own memory (no -shm file), so nothing else can read the file meanwhile either; readers use a snapshot copy
 * (openProject's readOnly mode).
 *
 * Beside the file, `file.dyad.lock` names who has it (process, computer, since when). It is information, not the
 * lock, with one exception: a note naming another computer is respected, because locks are not reliably shared
 * across a network drive.
 */
import { readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { DyadError } from '../../shared/api/errors';
import { openSqlite, type Db } from './database';
import { fileError } from './fileErrors';

interface LockNote {
  pid: number;
  host: string;
  app: string;
  since: string;
}

export const lockNotePath = (file: string) => `${file}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readNote(notePath: string): LockNote | null {
  try {
    const n = JSON.parse(readFileSync(notePath, 'utf8')) as Partial<LockNote>;
    return typeof n.pid === 'number' && typeof n.host === 'string' ? { pid: n.pid, host: n.host, app: n.app ?? 'Dyad', since: n.since ?? '?' } : null;
  } catch {
    return null;
  }
}

/** The note for `file` under the name it was opened by, else under its real name (a symbolic link's target). */
function findNote(file: string): { path: string; note: LockNote } | null {
  const names = [file];
  try {
    const real = realpathSync(file);
    if (real !== file) names.push(real);
  } catch {
    /* gone: the first name is all there is */
  }
  for (const n of names) {
    const note = readNote(lockNotePath(n));
    if (note) return { path: lockNotePath(n), note };
  }
  return null;
}

const isBusy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown })?.code ?? ''));

/** Why `file` could not be locked, with who has it when the note says so. */
export function lockedError(file: string): DyadError {
  const found = findNote(file);
  const here = hostname();
  if (found && found.note.host === here && found.note.pid !== process.pid && alive(found.note.pid)) {
    const { pid, host, since } = found.note;
    return new DyadError('locked', `${file} is already open in another Dyad (process ${pid} on ${host} since ${since}). Close it there first; nothing was changed.`);
  }
  if (found && found.note.host === here && found.note.pid === process.pid) {
    return new DyadError('locked', `${file} is already open in another Dyad window of this same program (process ${process.pid}). Close it there first; nothing was changed.`);
  }
  if (found && found.note.host !== here) {
    const { pid, host, since } = found.note;
    return new DyadError('locked', `${file} is already open in Dyad on the computer ${host} (process ${pid} since ${since}, as ${found.path} says). Close it there first; nothing was changed.`);
  }
  return new DyadError(
    'locked',
    `${file} is already open in another program or another Dyad (perhaps under another name of the same file). Close it there first; nothing was changed.`,
  );
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Opens `file` for writing and takes its lock, or throws DyadError('locked'). Two processes reaching for the lock
 * at the same moment can each block the other's upgrade (each holds the shared lock it read with), so a loser
 * closes its connection and tries again after a random pause, until `waitMs` has passed.
 */
export function openLocked(file: string, waitMs = 1000): Db {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let db: Db;
    try {
      db = openSqlite(file);
    } catch (e) {
      throw fileError(e, file, 'open');
    }
    try {
      // No waiting inside SQLite: a connection that waits keeps its shared lock and so blocks the winner too.
      db.pragma('busy_timeout = 0');
      // Before the log is first touched, so that its index is kept in this connection's memory, not in -shm.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      return db;
    } catch (e) {
      db.close();
      if (!isBusy(e)) throw fileError(e, file, 'open');
      if (Date.now() >= deadline) throw lockedError(file);
      pause(1 + Math.random() * 15);
    }
  }
}

/**
 * Writes the note saying this Dyad has `file` (taken over from a Dyad of this computer that is gone: the lock
 * proves it). Refuses when the note names another computer. Returns the function that removes the note.
 */
export function writeLockNote(file: string): () => void {
  const notePath = lockNotePath(file);
  const here = hostname();
  const other = readNote(notePath);
  if (other && other.host !== here) {
    throw new DyadError(
      'locked',
      `${file} may be open in Dyad on the computer ${other.host} (process ${other.pid} since ${other.since}), as ${notePath} says; ` +
        `Dyad cannot check another computer. If Dyad is not running there, delete ${notePath} and open the project again. Nothing was changed.`,
    );
  }
  const note: LockNote = { pid: process.pid, host: here, app: 'Dyad', since: new Date().toISOString() };
  let written = false;
  try {
    writeFileSync(notePath, JSON.stringify(note), { mode: 0o644 });
    written = true;
  } catch {
    // Information only: a folder that takes the project's log but not the note still has the real lock.
    try {
      unlinkSync(notePath);
    } catch {
      /* nothing was left */
    }
  }
  let released = false;
  return () => {
    if (released || !written) return;
    released = true;
    const now = readNote(notePath);
    if (now && (now.pid !== note.pid || now.host !== note.host)) return;
    try {
      unlinkSync(notePath);
    } catch {
      /* already gone */
    }
  };
}
