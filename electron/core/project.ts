import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { DEFAULT_SETTINGS, type ProjectSettings } from '../../shared/domain/types';
import { checkFileNamePattern } from '../../shared/import/fileName';
import { compileMarkerPatterns } from '../../shared/import/markers';
import { applyPragmas, openSqlite, type Db } from './database';
import { acquireLock } from './lock';
import { assertNotNewer, latestVersion, loadMigrations, migrate, schemaVersion } from './migrate';
import { Mutex } from './mutex';

/** 'DYAD' in ASCII: tells a Dyad project from any other SQLite file. */
export const APPLICATION_ID = 0x44594144;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Create the file when it does not exist. */
  create?: boolean;
  /** Skip the advisory lock (read-only tools such as benchmarks of a copy). */
  noLock?: boolean;
}

/** An open project file: the SQLite connection, its lock, and the write queue. */
export class Project {
  /** Versions migrated on open, and the backup made first (null when none was needed). */
  readonly migratedFrom: { version: number; backupPath: string } | null;
  /** Long jobs (imports, merges) hold this across awaits so no other write slips into their transaction. */
  readonly writes = new Mutex();

  private constructor(
    readonly path: string,
    readonly db: Db,
    private readonly releaseLock: () => void,
    migratedFrom: { version: number; backupPath: string } | null,
  ) {
    this.migratedFrom = migratedFrom;
  }

  static open(path: string, options: OpenOptions = {}): Project {
    const exists = existsSync(path);
    if (!exists && !options.create) throw new DyadError('not-found', `${path} does not exist.`);
    if (exists) assertSqliteFile(path);
    const release = options.noLock ? () => {} : acquireLock(path);
    let db: Db | null = null;
    try {
      try {
        db = openSqlite(path);
        schemaVersion(db); // forces SQLite to read the header: a damaged file fails here
      } catch (e) {
        throw new DyadError('bad-file', `${path} could not be opened as a Dyad project: ${(e as Error).message}.`);
      }
      const migrations = loadMigrations();
      assertNotNewer(db, path, migrations);
      assertDyadFile(db, path);
      const from = schemaVersion(db);
      let migratedFrom: Project['migratedFrom'] = null;
      if (from > 0 && from < latestVersion(migrations)) {
        // Keep the project as it was before changing its format. VACUUM INTO is a consistent, synchronous copy.
        const backupPath = uniquePath(`${path}.v${from}.bak`);
        db.prepare('VACUUM INTO ?').run(backupPath);
        migratedFrom = { version: from, backupPath };
      }
      applyPragmas(db);
      if (from === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      migrate(db, migrations);
      return new Project(path, db, release, migratedFrom);
    } catch (e) {
      db?.close();
      release();
      throw e;
    }
  }

  get name(): string {
    return basename(this.path, extname(this.path));
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
      this.releaseLock();
    }
  }

  settings(): ProjectSettings {
    const rows = this.db.prepare('SELECT key, value FROM project_settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    return { ...DEFAULT_SETTINGS, ...stored } as ProjectSettings;
  }

  updateSettings(patch: Partial<ProjectSettings>): ProjectSettings {
    // A pattern that cannot be used would break every later import: refuse it now, saying which and why.
    if (patch.customMarkerPatterns) compileMarkerPatterns(patch.customMarkerPatterns);
    if (patch.fileNamePattern !== undefined) checkFileNamePattern(patch.fileNamePattern);
    const put = this.db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(k, JSON.stringify(v));
    })();
    return this.settings();
  }
}

function assertSqliteFile(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return; // an empty file is a fresh database to SQLite
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== SQLITE_HEADER) {
      throw new DyadError('bad-file', `${path} is not a Dyad project (it is not an SQLite database). The file was not changed.`);
    }
  } finally {
    closeSync(fd);
  }
}

function assertDyadFile(db: Db, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId === APPLICATION_ID) return;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (appId !== 0 || tables.n > 0) {
    throw new DyadError('bad-file', `${path} is an SQLite database but not a Dyad project. The file was not changed.`);
  }
}

function uniquePath(p: string): string {
  if (!existsSync(p)) return p;
  for (let i = 2; ; i++) if (!existsSync(`${p}.${i}`)) return `${p}.${i}`;
}
