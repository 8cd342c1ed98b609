/**
 * What the lock tells a researcher who cannot open a project, and what its note beside the file does
 * (electron/core/lock.ts), in this process: who has it (another Dyad here, this very program, another computer,
 * or someone unnamed), and a note that is removed by its writer only. The races and crashes are in lock.test.ts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { lockedError, lockNotePath, openLocked, writeLockNote } from '../../../electron/core/lock';
import { DyadError } from '../../../shared/domain/errors';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('dyad-lock-note-');
afterAll(() => tmp.cleanup());
let n = 0;
const file = () => tmp.path(`study-${n++}.dyad`);
const note = (f: string, n: Record<string, unknown>) => writeFileSync(lockNotePath(f), JSON.stringify(n));
/** The parent of this test process: alive, and not this process. */
const otherLive = process.ppid;

describe('why a project could not be locked', () => {
  it('names another Dyad of this computer, with its process and since when', () => {
    const f = file();
    note(f, { pid: otherLive, host: hostname(), app: 'Dyad', since: '2026-03-02T09:00:00Z' });
    const e = lockedError(f);
    expect(e).toBeInstanceOf(DyadError);
    expect([e.kind, e.message]).toEqual([
      'locked',
      `${f} is already open in another Dyad (process ${otherLive} on ${hostname()} since 2026-03-02T09:00:00Z). Close it there first; nothing was changed.`,
    ]);
  });

  it('names this same program when the note is its own', () => {
    const f = file();
    note(f, { pid: process.pid, host: hostname(), since: 'x' });
    expect(lockedError(f).message).toBe(
      `${f} is already open in another Dyad window of this same program (process ${process.pid}). Close it there first; nothing was changed.`,
    );
  });

  it('names another computer, and which note says so', () => {
    const f = file();
    note(f, { pid: 4242, host: 'field-laptop', since: '2026-03-01T08:00:00Z' });
    expect(lockedError(f).message).toBe(
      `${f} is already open in Dyad on the computer field-laptop (process 4242 since 2026-03-01T08:00:00Z, as ${lockNotePath(f)} says). Close it there first; nothing was changed.`,
    );
  });

  it('says it does not know who when there is no note, a broken note, or a note of a process that is gone', () => {
    const unknown = (f: string) =>
      `${f} is already open in another program or another Dyad (perhaps under another name of the same file). Close it there first; nothing was changed.`;
    const none = file();
    expect(lockedError(none).message).toBe(unknown(none));
    const broken = file();
    writeFileSync(lockNotePath(broken), '{"pid": "twelve"');
    expect(lockedError(broken).message).toBe(unknown(broken));
    const noHost = file();
    note(noHost, { pid: otherLive });
    expect(lockedError(noHost).message).toBe(unknown(noHost));
    const gone = file();
    note(gone, { pid: 2 ** 22 + 12345, host: hostname(), since: 'x' });
    expect(lockedError(gone).message).toBe(unknown(gone));
  });

  it('a note without app or since still names its process', () => {
    const f = file();
    note(f, { pid: 4242, host: 'field-laptop' });
    expect(lockedError(f).message).toContain('(process 4242 since ?,');
  });
});

describe('the note beside the project', () => {
  it('says who has the project, and is removed once by the one who wrote it', () => {
    const f = file();
    const release = writeLockNote(f);
    const written = JSON.parse(readFileSync(lockNotePath(f), 'utf8'));
    expect(written).toMatchObject({ pid: process.pid, host: hostname(), app: 'Dyad' });
    expect(Number.isNaN(Date.parse(written.since))).toBe(false);
    release();
    expect(() => readFileSync(lockNotePath(f))).toThrow();
    // Released twice: the second time a note written since by someone else stays.
    note(f, { pid: otherLive, host: hostname() });
    release();
    expect(JSON.parse(readFileSync(lockNotePath(f), 'utf8')).pid).toBe(otherLive);
  });

  it('is left alone when another Dyad took the project over meanwhile', () => {
    const f = file();
    const release = writeLockNote(f);
    note(f, { pid: otherLive, host: hostname(), since: 'later' });
    release();
    expect(JSON.parse(readFileSync(lockNotePath(f), 'utf8')).since).toBe('later');
  });

  it('takes over a note of this computer, and refuses one of another computer, saying how to go on', () => {
    const f = file();
    note(f, { pid: otherLive, host: hostname() });
    writeLockNote(f)();
    const g = file();
    note(g, { pid: 4242, host: 'field-laptop', since: '2026-03-01T08:00:00Z' });
    let error: unknown;
    try {
      writeLockNote(g);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DyadError);
    expect((error as DyadError).message).toBe(
      `${g} may be open in Dyad on the computer field-laptop (process 4242 since 2026-03-01T08:00:00Z), as ${lockNotePath(g)} says; ` +
        `Dyad cannot check another computer. If Dyad is not running there, delete ${lockNotePath(g)} and open the project again. Nothing was changed.`,
    );
  });

  it('a note that cannot be written is no error (the lock is SQLite\'s), and releasing it then does nothing', () => {
    const f = file();
    // A folder where the note should be: writing it fails, and so does removing it.
    mkdirSync(lockNotePath(f));
    const release = writeLockNote(f);
    release();
    rmSync(lockNotePath(f), { recursive: true });
  });
});

describe('taking the lock', () => {
  it('one connection has the file; a second, in the same process, is refused within its wait', () => {
    const f = file();
    const first = openLocked(f);
    try {
      const started = Date.now();
      let error: unknown;
      try {
        openLocked(f, 100).close();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DyadError);
      expect((error as DyadError).kind).toBe('locked');
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      first.close();
    }
    openLocked(f).close();
  });
});
