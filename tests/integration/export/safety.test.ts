import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { writeAtomically, writeFileAtomic } from '../../../electron/core/atomicFile';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { exportDialogue, exportExcerpts } from '../../../electron/export/run';
import { getExportSettings, setExportSettings } from '../../../electron/export/settings';
import { DyadError } from '../../../shared/api/errors';
import { EXCERPT_FORMATS } from '../../../shared/export/model';
import { dumpAll, openStudy, textOf, type Study } from './fixture';
import { readXlsx } from './readXlsx';
import { readDocx } from './readDocx';

let s: Study;
beforeEach(() => {
  s = openStudy();
});
afterEach(() => s.close());

async function failure(p: Promise<unknown>): Promise<DyadError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DyadError) return e;
    throw e;
  }
  throw new Error('expected a DyadError');
}

const isRoot = process.getuid?.() === 0;

/** A folder this process cannot write into, how the export should name it, and how to undo the lock. */
interface Locked {
  dir: string;
  reason: string;
  unlock(): void;
}

/** Permission bits, for anyone but root. */
function lockByMode(dir: string): Locked {
  chmodSync(dir, 0o555);
  return { dir, reason: `the folder ${dir} is not writable (permission denied)`, unlock: () => chmodSync(dir, 0o755) };
}

/**
 * Permission bits do not stop root: as root the folder becomes a read-only bind mount of itself. Where root may
 * not mount (a container without CAP_SYS_ADMIN), /sys stands in: sysfs lets no one create a file there (or it
 * is mounted read-only).
 */
function lockForRoot(dir: string): Locked {
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'pipe' });
    execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'pipe' });
    return { dir, reason: 'the disk is read-only', unlock: () => execFileSync('umount', [dir], { stdio: 'pipe' }) };
  } catch {
    spawnSync('umount', [dir]);
    const code = (() => {
      try {
        writeFileSync('/sys/dyad-probe', '');
        return 'written';
      } catch (e) {
        return (e as NodeJS.ErrnoException).code;
      }
    })();
    const reason = code === 'EROFS' ? 'the disk is read-only' : 'the folder /sys is not writable (permission denied)';
    return { dir: '/sys', reason, unlock: () => {} };
  }
}
describe('safe writes', () => {
  it('writes through a temporary file in the same folder and leaves nothing else behind', async () => {
    const dir = join(s.dir, 'out');
    mkdirSync(dir);
    const target = join(dir, 'notes.md');
    writeFileSync(target, 'an earlier export');
    async function* chunks() {
      yield 'first, ';
      // While writing, the target still holds the earlier export and the temporary file sits beside it.
      expect(readFileSync(target, 'utf8')).toBe('an earlier export');
      const temps = readdirSync(dir).filter((f) => /^\.notes\.md\.dyad-\d+-[0-9a-f]+\.tmp$/.test(f));
      expect(temps).toHaveLength(1);
      // Unfinished clinical text is readable by the researcher only.
      if (process.platform !== 'win32') expect(statSync(join(dir, temps[0]!)).mode & 0o777).toBe(0o600);
      yield new TextEncoder().encode('second');
    }
    const size = await writeFileAtomic(target, chunks());
    expect(size).toBe(13);
    expect(readFileSync(target, 'utf8')).toBe('first, second');
    expect(readdirSync(dir)).toEqual(['notes.md']);
  });

  it('names the path when the folder does not exist', async () => {
    const target = join(s.dir, 'no such folder', 'excerpts.docx');
    const e = await failure(exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.shame], path: target }));
    expect(e.kind).toBe('io');
    expect(e.message).toBe(`Cannot write ${target}: the folder ${join(s.dir, 'no such folder')} does not exist.`);
  });

  it('a REFI-QDA export goes the same safe way: the same words for a missing folder', async () => {
    const target = join(s.dir, 'no such folder', 'study.qdpx');
    const e = await failure(exportQdpx(s.db, target));
    expect(e).toMatchObject({ kind: 'io', message: `Cannot write ${target}: the folder ${join(s.dir, 'no such folder')} does not exist.` });
  });

  it('a writer that fills the file by its path: 0600 while it fills, nothing left when it fails, an earlier file kept', async () => {
    const dir = join(s.dir, 'by-path');
    mkdirSync(dir);
    const target = join(dir, 'study.qdpx');
    writeFileSync(target, 'an earlier export');
    const e = await failure(
      writeAtomically(target, async (temp) => {
        if (process.platform !== 'win32') expect(statSync(temp).mode & 0o777).toBe(0o600);
        writeFileSync(temp, 'half a zip');
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      }),
    );
    expect(e).toMatchObject({ kind: 'io', message: `Cannot write ${target}: the disk is full.` });
    expect(readdirSync(dir)).toEqual(['study.qdpx']);
    expect(readFileSync(target, 'utf8')).toBe('an earlier export');
    expect(await writeAtomically(target, async (temp) => writeFileSync(temp, 'the new export'))).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('the new export');
    expect(readdirSync(dir)).toEqual(['study.qdpx']);
  });

  it('names the path when the "folder" is a file', async () => {
    writeFileSync(join(s.dir, 'afile'), '');
    const target = join(s.dir, 'afile', 'excerpts.csv');
    const e = await failure(exportExcerpts(s.db, 15, { format: 'csv', codeIds: [s.ids.shame], path: target }));
    expect(e.kind).toBe('io');
    expect(e.message).toContain(`Cannot write ${target}:`);
  });

  it('names the path when the folder is not writable, and writes nothing there', async () => {
    mkdirSync(join(s.dir, 'locked'));
    const locked = isRoot ? lockForRoot(join(s.dir, 'locked')) : lockByMode(join(s.dir, 'locked'));
    try {
      const before = readdirSync(locked.dir);
      const target = join(locked.dir, 'excerpts.xlsx');
      const e = await failure(exportExcerpts(s.db, 15, { format: 'xlsx', codeIds: [s.ids.shame], path: target }));
      expect(e.kind).toBe('io');
      expect(e.message).toBe(`Cannot write ${target}: ${locked.reason}.`);
      expect(readdirSync(locked.dir)).toEqual(before);
    } finally {
      locked.unlock();
    }
  });

  it('refuses a relative path or one with another extension, before writing anything', async () => {
    const wrong = join(s.dir, 'study.dyad');
    const before = readFileSync(wrong);
    const e = await failure(exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.shame], path: wrong }));
    expect(e).toMatchObject({ kind: 'invalid-input', message: `Cannot write ${wrong}: a Word export must be saved as a .docx file.` });
    expect(readFileSync(wrong).equals(before)).toBe(true);
    const rel = await failure(exportExcerpts(s.db, 15, { format: 'md', codeIds: [s.ids.shame], path: 'excerpts.md' }));
    expect(rel.kind).toBe('invalid-input');
  });

  it('a cancel leaves no file (and no temporary file) behind, and keeps an earlier export', async () => {
    const dir = join(s.dir, 'cancel');
    mkdirSync(dir);
    const fresh = join(dir, 'excerpts.docx');
    const controller = new AbortController();
    const seen: string[] = [];
    const e = await failure(
      exportExcerpts(
        s.db,
        15,
        { format: 'docx', codeIds: [s.ids.shame, s.ids.rupture, s.ids.repair], path: fresh },
        {
          signal: controller.signal,
          progress: (done, total, message) => {
            seen.push(`${done}/${total} ${message}`);
            if (done === 1) controller.abort();
          },
        },
      ),
    );
    expect(e).toMatchObject({ kind: 'cancelled', message: `The export to ${fresh} was cancelled; no file was written.` });
    expect(seen[0]).toBe('0/5 Gathering the excerpts of Shame');
    expect(readdirSync(dir)).toEqual([]);

    // Cancelled while writing: an earlier file of that name is untouched.
    const earlier = join(dir, 'dialogue.md');
    writeFileSync(earlier, 'earlier');
    const c2 = new AbortController();
    const e2 = await failure(
      exportDialogue(s.db, 15, { format: 'md', codeIds: [s.ids.rupture], path: earlier }, { signal: c2.signal, progress: (_d, _t, m) => m.startsWith('Saving') && c2.abort() }),
    );
    expect(e2.kind).toBe('cancelled');
    expect(readdirSync(dir)).toEqual(['dialogue.md']);
    expect(readFileSync(earlier, 'utf8')).toBe('earlier');
  });

  it('reports progress up to done', async () => {
    const seen: [number, number][] = [];
    await exportExcerpts(s.db, 15, { format: 'xlsx', codeIds: [s.ids.shame, s.ids.rupture], path: join(s.dir, 'p.xlsx') }, { progress: (d, t) => seen.push([d, t]) });
    expect(seen[0]).toEqual([0, 4]);
    expect(seen.at(-1)).toEqual([4, 4]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  });
});

describe('de-identification', () => {
  const NAMES = [
    { name: 'Anna', replacement: 'Dr X' },
    { name: 'Anna Maria', replacement: 'Dr Y' },
    { name: "O'Brien", replacement: 'Teacher' },
    { name: 'Zoë', replacement: 'Sibling' },
    { name: 'C', replacement: 'Client' },
  ];

  it('applies to excerpts, memos, attributions and speakers in every format, never to the project', async () => {
    setExportSettings(s.db, { deidentify: NAMES, attributionTemplate: '({speaker}, dyad {dyad}, {sessionTime})' });
    const before = dumpAll(s.db);
    const storedText = textOf(s.db, s.ids.d4s1Client);
    const codeIds = [s.ids.shame, s.ids.repair];
    const texts: Record<string, string> = {};
    for (const format of EXCERPT_FORMATS) {
      const path = join(s.dir, `deid.${format}`);
      await exportExcerpts(s.db, 15, { format, codeIds, includeMemos: true, path });
      if (format === 'docx') texts[format] = (await readDocx(readFileSync(path))).blocks.map((b) => (b.kind === 'p' ? b.text : '')).join('\n');
      else if (format === 'xlsx') {
        const wb = await readXlsx(path);
        const cells: string[] = [];
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value)))));
        texts[format] = cells.join('\n');
      } else texts[format] = readFileSync(path, 'utf8');
    }
    for (const [format, text] of Object.entries(texts)) {
      expect(text, format).not.toMatch(/Anna|O'Brien|Zoë/);
      expect(text, format).toContain('with Dr Y. I felt about six years old.'); // "Anna Maria" as one, not "Dr X Maria"
      expect(text, format).toContain('like Mr. Teacher at school');
      expect(text, format).toContain('Here Dr X asked about my sister Sibling');
      expect(text, format).toContain('Eye contact with Dr Y avoided'); // a coding memo
      expect(text, format).toContain('(Client, dyad 4, 00:12:34)'); // the speaker label in the attribution
    }
    // Stored text and every table are exactly as before.
    expect(textOf(s.db, s.ids.d4s1Client)).toBe(storedText);
    expect(dumpAll(s.db)).toEqual(before);
  });

  it('is remembered per project', () => {
    setExportSettings(s.db, { deidentify: NAMES, attributionTemplate: '[{dyad}/{session}]' });
    s.project.close();
    const again = Project.open(s.path);
    try {
      expect(getExportSettings(again.db)).toEqual({ deidentify: NAMES, attributionTemplate: '[{dyad}/{session}]' });
    } finally {
      again.close();
    }
  });
});

describe('exporting never changes the project', () => {
  it('leaves every table byte-identical after exports of every kind', async () => {
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dumpAll(s.db);
    const fileBefore = readFileSync(s.path);
    for (const format of EXCERPT_FORMATS) {
      await exportExcerpts(s.db, 15, { format, codeIds: [s.ids.shame, s.ids.rupture], includeMemos: true, path: join(s.dir, `all.${format}`) });
    }
    for (const format of ['docx', 'md', 'html'] as const) await exportDialogue(s.db, 15, { format, codeIds: [s.ids.rupture] });
    expect(dumpAll(s.db)).toEqual(before);
    // Not a byte of the project file changed either (a checkpoint would carry any write into it).
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(s.path).equals(fileBefore)).toBe(true);
  });
});
