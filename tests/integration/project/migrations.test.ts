import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { existsSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { latestVersion, loadMigrations, migrate, schemaVersion } from '../../../electron/core/migrate';
import { APPLICATION_ID, Project } from '../../../electron/core/project';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const migrations = loadMigrations();
const tablesOf = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('are numbered in steps of ten, in order, with no gaps in the list', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    migrations.forEach((m, i) => {
      expect(m.version % 10).toBe(0);
      if (i > 0) expect(m.version).toBeGreaterThan(migrations[i - 1]!.version);
    });
  });

  it('build a fresh database up to the latest version in one go', () => {
    const db = new Database(':memory:');
    const applied = migrate(db, migrations);
    expect(applied).toEqual(migrations.map((m) => m.version));
    expect(schemaVersion(db)).toBe(latestVersion(migrations));
    expect(tablesOf(db)).toEqual(expect.arrayContaining(['dyads', 'sessions', 'interviews', 'turns', 'moments', 'moment_links', 'codes', 'codings', 'memos']));
    expect(migrate(db, migrations)).toEqual([]); // idempotent
  });

  // Every migration is tested on a database at the previous version: same schema as building fresh.
  for (const [i, m] of migrations.entries()) {
    if (i === 0) continue;
    it(`${m.name} upgrades a database at version ${migrations[i - 1]!.version}`, () => {
      const old = new Database(':memory:');
      migrate(old, migrations.slice(0, i));
      old.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('d1', '7', '{}', 'now')").run();
      expect(migrate(old, migrations.slice(0, i + 1))).toEqual([m.version]);
      const fresh = new Database(':memory:');
      migrate(fresh, migrations.slice(0, i + 1));
      expect(tablesOf(old)).toEqual(tablesOf(fresh));
      expect(old.prepare('SELECT name FROM dyads').get()).toEqual({ name: '7' }); // data survives
    });
  }

  it('roll back as a whole when one fails', () => {
    const db = new Database(':memory:');
    const broken = [...migrations, { version: 9990, name: '9990_broken.sql', sql: 'CREATE TABLE ok_table (x); THIS IS NOT SQL;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tablesOf(db)).toEqual([]);
  });
});

describe('opening project files', () => {
  it('creates a new project marked as Dyad, in WAL mode with foreign keys on', () => {
    const p = Project.open(tmp.path('new.dyad'), { create: true });
    expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(p.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(p.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(p.db)).toBe(latestVersion());
    p.close();
  });

  it('refuses a file written by a newer Dyad, naming it, and leaves it untouched', () => {
    const file = tmp.path('newer.dyad');
    Project.open(file, { create: true }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestVersion() + 10}`);
    raw.close();
    const before = Buffer.from(fs.readFileSync(file));
    expect(() => Project.open(file)).toThrowError(/newer version of Dyad/);
    try {
      Project.open(file);
    } catch (e) {
      expect((e as { kind: string }).kind).toBe('newer-version');
      expect((e as Error).message).toContain(file);
    }
    expect(Buffer.from(fs.readFileSync(file)).equals(before)).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('backs up an older project before migrating it', () => {
    const file = tmp.path('older.dyad');
    const raw = new Database(file);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(raw, migrations.slice(0, 1));
    raw.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('d1', '4', '{}', 'now')").run();
    raw.close();
    const p = Project.open(file);
    expect(p.migratedFrom?.version).toBe(migrations[0]!.version);
    expect(schemaVersion(p.db)).toBe(latestVersion());
    p.close();
    const backup = new Database(p.migratedFrom!.backupPath, { readonly: true });
    expect(schemaVersion(backup)).toBe(migrations[0]!.version);
    expect(backup.prepare('SELECT name FROM dyads').get()).toEqual({ name: '4' });
    backup.close();
  });

  it('tells a second Dyad that the project is open elsewhere, and nothing is corrupted', () => {
    const file = tmp.path('shared.dyad');
    const first = Project.open(file, { create: true });
    first.db.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('d1', '1', '{}', 'now')").run();
    expect(() => Project.open(file)).toThrowError(/already open in another Dyad/);
    first.db.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('d2', '2', '{}', 'now')").run();
    first.close();
    const again = Project.open(file);
    expect((again.db.prepare('SELECT count(*) AS n FROM dyads').get() as { n: number }).n).toBe(2);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('takes over a lock left by a Dyad that crashed', () => {
    const file = tmp.path('crashed.dyad');
    Project.open(file, { create: true }).close();
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'then' }));
    const p = Project.open(file);
    // Opened for writing, not as a read-only snapshot, and the note now names this Dyad.
    expect(p.readOnly).toBe(false);
    p.db.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('d1', '1', '{}', 'now')").run();
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    p.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
    const again = Project.open(file, { readOnly: true });
    expect(again.db.prepare('SELECT name FROM dyads').all()).toEqual([{ name: '1' }]);
    again.close();
  });

  it('refuses files that are not Dyad projects with a message naming the file', () => {
    const text = tmp.path('notes.dyad');
    fs.writeFileSync(text, 'these are my notes, not a database');
    expect(() => Project.open(text)).toThrowError(new RegExp(`${text}.*not an SQLite database`));
    const foreign = tmp.path('other-app.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE invoices (n)');
    db.close();
    expect(() => Project.open(foreign)).toThrowError(/not a Dyad project/);
    const truncated = tmp.path('truncated.dyad');
    const good = tmp.path('good.dyad');
    Project.open(good, { create: true }).close();
    const bytes = fs.readFileSync(good) as Buffer;
    fs.writeFileSync(truncated, Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(50, 0xff)]));
    expect(() => Project.open(truncated)).toThrow(/truncated\.dyad/);
    expect(() => Project.open(tmp.path('missing.dyad'))).toThrowError(/does not exist/);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});
