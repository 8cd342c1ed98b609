/**
 * Only Dyad projects are opened as projects, a refused file is left byte for byte as it was (its write-ahead log
 * too), and the file system's refusals are said in plain words naming the file. The read-only and full-disk cases
 * use a read-only bind mount and a 1 MB tmpfs when this machine allows mounting (as root in a container); else
 * they are skipped and the mapping is checked at the boundary (tests/unit/core/fileErrors.test.ts).
 */
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { latestVersion, loadMigrations, migrate, schemaVersion } from '../../../electron/core/migrate';
import { APPLICATION_ID, openForReading, Project } from '../../../electron/core/project';
import { callApi } from '../../helpers/api';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts.reverse()) spawnSync('umount', [m]);
  tmp.cleanup();
});

function refusal(fn: () => unknown): DyadError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DyadError);
    return e as DyadError;
  }
  throw new Error('expected a refusal');
}

const bytes = (f: string) => (existsSync(f) ? readFileSync(f) : null);
const leftovers = (dir: string, base: string) => readdirSync(dir).filter((f) => f.startsWith(base) && f !== base);

describe('only Dyad projects are opened as projects', () => {
  it('refuses a 0-byte file as not a project, and leaves it empty', () => {
    const file = tmp.path('empty.dyad');
    writeFileSync(file, '');
    const e = refusal(() => Project.open(file));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toContain(`${file} is an empty file, not a Dyad project`);
    expect(statSync(file).size).toBe(0);
    expect(leftovers(tmp.dir, 'empty.dyad')).toEqual([]);
  });

  it("calls another application's database with a version of its own not a Dyad project, not a newer one", () => {
    const file = tmp.path('budget.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE accounts (n)');
    db.pragma('user_version = 7000');
    db.close();
    const before = bytes(file);
    const e = refusal(() => Project.open(file));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toMatch(/not a Dyad project/);
    expect(bytes(file)!.equals(before!)).toBe(true);
    const marked = tmp.path('marked.sqlite');
    const m = new Database(marked);
    m.pragma('application_id = 1234');
    m.exec('CREATE TABLE dyads (x)');
    m.close();
    expect(refusal(() => Project.open(marked)).message).toMatch(/not a Dyad project/);
  });

  it('knows a project of an older Dyad without the mark by its tables, and marks it by migration', () => {
    const file = tmp.path('unmarked.dyad');
    const raw = new Database(file);
    const migrations = loadMigrations();
    migrate(raw, migrations.filter((m) => m.version < 60));
    expect(raw.pragma('application_id', { simple: true })).toBe(0);
    raw.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('d1', 'Dyad 3', '{}', 'now')").run();
    raw.close();
    const p = Project.open(file);
    expect(p.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(p.db)).toBe(latestVersion());
    expect(p.migratedFrom?.version).toBe(50);
    p.close();
  });
});

describe('a project of a newer Dyad with its write-ahead log beside it', () => {
  it('is refused without merging the log: both files byte-identical', () => {
    const origin = tmp.path('origin.dyad');
    Project.open(origin, { create: true }).close();
    // A newer Dyad's session that ended without a checkpoint: the new format is only in the log.
    const live = new Database(origin);
    live.pragma('wal_autocheckpoint = 0');
    live.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('d1', 'Dyad 9', '{}', 'now')").run();
    live.pragma(`user_version = ${latestVersion() + 10}`);
    const file = tmp.path('from-newer.dyad');
    copyFileSync(origin, file);
    copyFileSync(`${origin}-wal`, `${file}-wal`);
    live.close();
    expect(readFileSync(file).readUInt32BE(60)).toBe(latestVersion()); // the header alone would say "current"
    const [db, wal] = [bytes(file), bytes(`${file}-wal`)];
    expect(wal!.length).toBeGreaterThan(0);
    const e = refusal(() => Project.open(file));
    expect(e.kind).toBe('newer-version');
    expect(e.message).toContain(file);
    expect(bytes(file)!.equals(db!)).toBe(true);
    expect(bytes(`${file}-wal`)!.equals(wal!)).toBe(true);
    expect(leftovers(tmp.dir, 'from-newer.dyad').sort()).toEqual(['from-newer.dyad-wal']);
    // Read-only, too.
    expect(refusal(() => Project.open(file, { readOnly: true })).kind).toBe('newer-version');
    expect(bytes(`${file}-wal`)!.equals(wal!)).toBe(true);
  });
});

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = tmp.path('probe');
  mkdirSync(probe, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
  if (r.status !== 0) return false;
  spawnSync('umount', [probe]);
  return true;
}
const mountable = canMount();

describe.skipIf(!mountable)('the file system in plain words (mounts)', () => {
  it('a project on a read-only disk: named, said to be read-only, nothing left behind', () => {
    const src = tmp.path('rw-source');
    mkdirSync(src);
    const file = join(src, 'study.dyad');
    Project.open(file, { create: true }).close();
    const ro = tmp.path('ro');
    mkdirSync(ro);
    execFileSync('mount', ['--bind', src, ro]);
    mounts.push(ro);
    execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
    const onRo = join(ro, 'study.dyad');
    const e = refusal(() => Project.open(onRo));
    expect(e.kind).toBe('io');
    expect(e.message).toContain(onRo);
    expect(e.message).toMatch(/read-only/);
    expect(e.message).not.toMatch(/attempt to write|EROFS|SQLITE/);
    expect(readdirSync(src)).toEqual(['study.dyad']);
    // Read commands still read it, from a snapshot, saying why.
    const r = openForReading(onRo);
    expect(r.note).toMatch(new RegExp(`^note: ${onRo} cannot be written here \\(.*read-only.*\\); reading a snapshot$`));
    expect(r.project.readOnly).toBe(true);
    r.project.close();
    // A new project there: refused the same way.
    const e2 = refusal(() => Project.open(join(ro, 'new.dyad'), { create: true }));
    expect(e2.message).toContain(join(ro, 'new.dyad'));
    expect(e2.message).toMatch(/read-only/);
  });

  it('a full disk while saving: named, said to be full, the project as it was', async () => {
    const small = tmp.path('small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
    mounts.push(small);
    const file = join(small, 'study.dyad');
    const p = Project.open(file, { create: true });
    const text = 'The client paused and looked at the floor. '.repeat(4000); // ~170 kB a memo
    let error: (Error & { kind?: string }) | null = null;
    let saved = 0;
    for (let i = 0; i < 20 && !error; i++) {
      try {
        await callApi(p, 'memos.create', { targetKind: 'project', title: `memo ${i}`, text });
        saved++;
      } catch (e) {
        error = e as Error & { kind: string };
      }
    }
    expect(error).not.toBeNull();
    expect(error!.kind).toBe('io');
    expect(error!.message).toContain(file);
    expect(error!.message).toMatch(/disk is full/);
    expect((await callApi<unknown[]>(p, 'memos.list', {})).length).toBe(saved);
    p.close();
    expect(readdirSync(small).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});

describe('the file system in plain words', () => {
  it('a project file deleted while open: the next change says the file is gone', async () => {
    const file = tmp.path('vanishing.dyad');
    const p = Project.open(file, { create: true });
    unlinkSync(file);
    let error: (Error & { kind?: string }) | null = null;
    try {
      await callApi(p, 'memos.create', { targetKind: 'project', text: 'after the file was deleted' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/not there any more/);
    p.close();
    rmSync(`${file}.lock`, { force: true });
  });

  it('a file name that is a folder is said so', () => {
    const dir = tmp.path('folder.dyad');
    mkdirSync(dir);
    expect(refusal(() => Project.open(dir)).message).toContain(`${dir} is a folder`);
  });
});
