/**
 * The lock as a researcher meets it (electron/core/lock.ts through Project.open): a second Dyad opening a project
 * that is open elsewhere is told who has it and since when, a note left by a Dyad that is gone does not keep the
 * project closed, and closing a project frees it at once for the next Dyad. The other Dyad is a real process
 * (holder.ts), as on a researcher's computer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { lockNotePath, openLocked, writeLockNote } from '../../../electron/core/lock';
import { openForReading, Project } from '../../../electron/core/project';
import { tempDir } from '../../helpers/tmp';
import { startChild, type Child } from './children';

const tmp = tempDir('dyad-lock-open-');
let other: Child;
beforeAll(async () => {
  other = startChild(`${__dirname}/holder.ts`);
  expect(await other.next()).toBe('ready');
}, 30_000);
afterAll(() => {
  other.proc.kill();
  tmp.cleanup();
});

let n = 0;
const newProject = () => {
  const f = tmp.path(`session-${n++}.dyad`);
  Project.open(f, { create: true }).close();
  return f;
};
const noteOf = (f: string) => JSON.parse(readFileSync(lockNotePath(f), 'utf8')) as { pid: number; host: string; app: string; since: string };
/** What opening `f` here answers: the error's kind and message, or 'opened'. */
function openHere(f: string, lockWaitMs = 50): string {
  try {
    Project.open(f, { lockWaitMs }).close();
    return 'opened';
  } catch (e) {
    if (!(e instanceof DyadError)) throw e;
    return `${e.kind}: ${e.message}`;
  }
}
/** A process id that was a process a moment ago and is gone now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid;
}

describe('a second Dyad opening a project that is open elsewhere', () => {
  it('is told which Dyad has it (its process and computer) and since when, and nothing changes', async () => {
    const f = newProject();
    const before = Date.now();
    expect(await other.ask('open', f)).toBe('won');
    const note = noteOf(f);
    expect(note).toMatchObject({ pid: other.proc.pid, host: hostname(), app: 'Dyad' });
    const since = Date.parse(note.since);
    expect(since).toBeGreaterThanOrEqual(before - 1000);
    expect(since).toBeLessThanOrEqual(Date.now());
    expect(openHere(f)).toBe(
      `locked: ${f} is already open in another Dyad (process ${other.proc.pid} on ${hostname()} since ${note.since}). Close it there first; nothing was changed.`,
    );
    // The refusal left the other Dyad's note as it was.
    expect(noteOf(f)).toEqual(note);
    // A reader is told the same process and reads a copy.
    const { project, note: said } = openForReading(f);
    expect(said).toBe(`note: ${f} is open in another Dyad (pid ${other.proc.pid}); reading a snapshot`);
    project.close();
    expect(await other.ask('close')).toBe('closed');
  });

  it('in this same program, a second window is told the project is open in this program', () => {
    const f = newProject();
    const first = Project.open(f);
    try {
      expect(openHere(f)).toBe(
        `locked: ${f} is already open in another Dyad window of this same program (process ${process.pid}). Close it there first; nothing was changed.`,
      );
      expect(noteOf(f).pid).toBe(process.pid);
    } finally {
      first.close();
    }
  });

  it('waits for the other Dyad as long as it was told to, and no longer, before refusing', async () => {
    const f = newProject();
    expect(await other.ask('open', f)).toBe('won');
    for (const wait of [0, 300]) {
      const started = Date.now();
      expect(openHere(f, wait)).toMatch(/^locked: .* already open in another Dyad \(process /);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(wait);
      expect(took).toBeLessThan(wait + 2000);
    }
    expect(await other.ask('close')).toBe('closed');
  });

  it('through a symbolic link to it, is told the same: the note under the real name is found', async () => {
    const f = newProject();
    const link = tmp.path(`shortcut-${n++}.dyad`);
    symlinkSync(f, link);
    expect(await other.ask('open', f)).toBe('won');
    expect(openHere(link)).toBe(
      `locked: ${link} is already open in another Dyad (process ${other.proc.pid} on ${hostname()} since ${noteOf(f).since}). Close it there first; nothing was changed.`,
    );
    expect(await other.ask('close')).toBe('closed');
  });

  it('on a shared drive, is told the other computer holding it, even when a process of that number runs here', () => {
    const f = newProject();
    // The file is held (as by the other computer, over the drive); its note names that computer.
    const held = openLocked(f);
    try {
      for (const pid of [other.proc.pid!, process.pid]) {
        writeFileSync(lockNotePath(f), JSON.stringify({ pid, host: 'lab-desktop', app: 'Dyad', since: '2026-03-03T14:00:00.000Z' }));
        expect(openHere(f)).toBe(
          `locked: ${f} is already open in Dyad on the computer lab-desktop (process ${pid} since 2026-03-03T14:00:00.000Z, as ${lockNotePath(f)} says). Close it there first; nothing was changed.`,
        );
      }
    } finally {
      held.close();
    }
  });
});

describe('a file that cannot be opened at all', () => {
  it('is named with the reason, not reported as open elsewhere', () => {
    const notes = tmp.path('session-notes.txt');
    writeFileSync(notes, 'Session notes, not a project.\n'.repeat(200));
    const missing = tmp.path('no-such-folder/study.dyad');
    const refusal = (f: string) => {
      try {
        openLocked(f, 200).close();
        return 'opened';
      } catch (e) {
        return `${(e as DyadError).kind}: ${(e as DyadError).message}`;
      }
    };
    expect(refusal(notes)).toBe(`bad-file: Could not open ${notes}: it is not a Dyad project (not an SQLite database).`);
    expect(refusal(missing)).toBe(`io: Could not open ${missing}: Cannot open database because the directory does not exist.`);
  });
});

describe('a note left behind', () => {
  it('by another computer keeps the project closed here, saying what to do if Dyad is not running there', () => {
    const f = newProject();
    writeFileSync(lockNotePath(f), JSON.stringify({ pid: 4242, host: 'lab-desktop', since: '2026-03-03T14:00:00.000Z' }));
    expect(openHere(f)).toBe(
      `locked: ${f} may be open in Dyad on the computer lab-desktop (process 4242 since 2026-03-03T14:00:00.000Z), as ${lockNotePath(f)} says; ` +
        `Dyad cannot check another computer. If Dyad is not running there, delete ${lockNotePath(f)} and open the project again. Nothing was changed.`,
    );
    expect(noteOf(f).host).toBe('lab-desktop');
  });

  it('that is not readable as a note (a process that is no number) does not keep the project closed', () => {
    const f = newProject();
    writeFileSync(lockNotePath(f), JSON.stringify({ pid: '4242', host: 'lab-desktop', since: 'then' }));
    expect(openHere(f)).toBe('opened');
    expect(existsSync(lockNotePath(f))).toBe(false);
  });

  it('by a Dyad of this computer that is gone is taken over: the project opens and the note names the new Dyad', () => {
    const f = newProject();
    const gone = deadPid();
    writeFileSync(lockNotePath(f), JSON.stringify({ pid: gone, host: hostname(), app: 'Dyad', since: '2026-02-01T10:00:00.000Z' }));
    const p = Project.open(f);
    try {
      const note = noteOf(f);
      expect(note).toMatchObject({ pid: process.pid, host: hostname(), app: 'Dyad' });
      expect(note.since).not.toBe('2026-02-01T10:00:00.000Z');
    } finally {
      p.close();
    }
    expect(existsSync(lockNotePath(f))).toBe(false);
  });

  it('by a gone Dyad names nobody when something else holds the file', async () => {
    const f = newProject();
    expect(await other.ask('open', f)).toBe('won');
    // The other Dyad's note replaced by one of a process that is gone: the holder is unknown.
    writeFileSync(lockNotePath(f), JSON.stringify({ pid: deadPid(), host: hostname(), since: 'then' }));
    expect(openHere(f)).toBe(
      `locked: ${f} is already open in another program or another Dyad (perhaps under another name of the same file). Close it there first; nothing was changed.`,
    );
    expect(await other.ask('close')).toBe('closed');
  });
});

describe('closing a project', () => {
  it('removes only its own note: not that of a window that opened the project again since, nor one of another computer', () => {
    const f = newProject();
    const releaseFirst = writeLockNote(f);
    releaseFirst();
    // The project opened again in this program: a second closing of the first window leaves the new note.
    const releaseSecond = writeLockNote(f);
    const second = noteOf(f);
    releaseFirst();
    expect(noteOf(f)).toEqual(second);
    releaseSecond();
    expect(existsSync(lockNotePath(f))).toBe(false);
    // A note of another computer's process with this process's number, written meanwhile, is not this one's.
    const releaseThird = writeLockNote(f);
    writeFileSync(lockNotePath(f), JSON.stringify({ pid: process.pid, host: 'lab-desktop', since: 'later' }));
    releaseThird();
    expect(noteOf(f)).toMatchObject({ host: 'lab-desktop', since: 'later' });
  });

  it('frees it at once for another Dyad, and removes the note', async () => {
    const f = newProject();
    expect(await other.ask('open', f)).toBe('won');
    expect(existsSync(lockNotePath(f))).toBe(true);
    expect(await other.ask('close')).toBe('closed');
    expect(existsSync(lockNotePath(f))).toBe(false);
    expect(openHere(f, 0)).toBe('opened');
  });

  it('here frees it for the other Dyad, which then names itself in the note', async () => {
    const f = newProject();
    const p = Project.open(f);
    expect(await other.ask('open', f, '0')).toBe(
      `lost locked ${f} is already open in another Dyad (process ${process.pid} on ${hostname()} since ${noteOf(f).since}). Close it there first; nothing was changed.`,
    );
    p.close();
    expect(existsSync(lockNotePath(f))).toBe(false);
    expect(await other.ask('open', f, '0')).toBe('won');
    expect(noteOf(f).pid).toBe(other.proc.pid);
    expect(await other.ask('close')).toBe('closed');
  });
});
