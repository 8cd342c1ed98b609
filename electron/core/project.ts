import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { DEFAULT_SETTINGS, type ProjectSettings } from '../../shared/domain/types';
import { checkFileNamePattern } from '../../shared/import/fileName';
import { compileMarkerPatterns } from '../../shared/import/markers';
import { copyProjectConsistently } from './copy';
import { applyPragmas, openSqlite, type Db } from './database';
import { fileError } from './fileErrors';
import { APPLICATION_ID, assertOpenable, inspectProjectFile, type FileFacts } from './inspect';
import { lockedError, openLocked, writeLockNote } from './lock';
import { latestVersion, loadMigrations, migrate, schemaVersion } from './migrate';
import { Mutex } from './mutex';
import { makeScratchDir, removeScratchDir, sweepScratchDirs, tempPathBeside, trackTempFile } from './scratch';

export { APPLICATION_ID };

export interface OpenOptions {
  /** Create the file when it does not exist. */
  create?: boolean;
  /** Skip the lock: for Dyad's own private copies (a coder's project being merged). */
  noLock?: boolean;
  /**
   * Read a consistent snapshot (a private copy) instead of the file: works while another Dyad has the project
   * open, and every write is refused.
   */
  readOnly?: boolean;
  /** How long to keep trying for the lock when another process is reaching for it at the same moment. */
  lockWaitMs?: number;
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
    private readonly release: () => void,
    migratedFrom: { version: number; backupPath: string } | null,
    /** Set when this is a read-only snapshot: why (shown to the researcher when a write is refused). */
    readonly readOnlyReason: string | null = null,
  ) {
    this.migratedFrom = migratedFrom;
    this.identity = readOnlyReason === null ? Project.identityOf(path) : null;
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== null;
  }

  static open(path: string, options: OpenOptions = {}): Project {
    if (options.readOnly) return Project.openSnapshot(path);
    sweepScratchDirs();
    const exists = existsSync(path);
    if (!exists && !options.create) throw new DyadError('not-found', `${path} does not exist.`);
    if (exists && !statSync(path).isFile()) throw new DyadError('bad-file', `${path} is a folder, not a Dyad project.`);
    const migrations = loadMigrations();
    const latest = latestVersion(migrations);
    // Before SQLite opens it for writing: closing a writing connection merges the log into the file.
    const facts = exists ? inspectProjectFile(path) : null;
    if (facts) assertOpenable(facts, path, latest);
    let db: Db | null = null;
    let release = () => {};
    try {
      if (options.noLock) {
        try {
          db = openSqlite(path);
        } catch (e) {
          throw fileError(e, path, exists ? 'open' : 'create');
        }
      } else {
        db = openLocked(path, options.lockWaitMs);
        release = writeLockNote(path);
      }
      assertOpenable(factsOf(db, path), path, latest);
      const from = schemaVersion(db);
      let migratedFrom: Project['migratedFrom'] = null;
      try {
        if (from > 0 && from < latest) {
          // Keep the project as it was before changing its format. VACUUM INTO is a consistent, synchronous copy.
          // Written under a temporary name and renamed, so a crash never leaves half a backup under a backup's name.
          const backupPath = uniquePath(`${path}.v${from}.bak`);
          const partial = tempPathBeside(backupPath);
          const untrack = trackTempFile(partial);
          try {
            db.prepare('VACUUM INTO ?').run(partial);
            renameSync(partial, backupPath);
          } finally {
            rmSync(partial, { force: true });
            untrack();
          }
          migratedFrom = { version: from, backupPath };
        }
        applyPragmas(db);
        migrate(db, migrations);
      } catch (e) {
        throw fileError(e, path, exists ? 'write' : 'create');
      }
      return new Project(path, db, release, migratedFrom);
    } catch (e) {
      db?.close();
      release();
      // A project this call was to create is not left half made.
      if (!exists) for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
      throw e;
    }
  }

  /**
   * A consistent snapshot of `path` for reading while another Dyad may have it open: a private copy (readable by
   * the user only, removed on close), migrated there if older; every write is refused.
   */
  private static openSnapshot(path: string): Project {
    if (!existsSync(path)) throw new DyadError('not-found', `${path} does not exist.`);
    if (!statSync(path).isFile()) throw new DyadError('bad-file', `${path} is a folder, not a Dyad project.`);
    const migrations = loadMigrations();
    const latest = latestVersion(migrations);
    const facts = inspectProjectFile(path);
    if (facts) assertOpenable(facts, path, latest);
    const dir = makeScratchDir('snapshot');
    let db: Db | null = null;
    try {
      const copy = join(dir, 'snapshot.dyad');
      try {
        copyProjectConsistently(path, copy);
      } catch (e) {
        throw fileError(e, path, 'read');
      }
      try {
        db = openSqlite(copy, { fileMustExist: true });
        assertOpenable(factsOf(db, path), path, latest);
        applyPragmas(db);
        migrate(db, migrations);
      } catch (e) {
        if (e instanceof DyadError) throw e;
        throw new DyadError('bad-file', `${path} could not be read as a Dyad project: ${(e as Error).message}.`);
      }
      db.pragma('query_only = ON');
      const reason = `${path} was opened read-only (a snapshot taken at ${new Date().toLocaleTimeString()}), so changes cannot be saved`;
      return new Project(path, db, () => removeScratchDir(dir), null, reason);
    } catch (e) {
      db?.close();
      removeScratchDir(dir);
      throw e;
    }
  }

  /** The file as it was opened: a write to a file deleted or replaced meanwhile would go nowhere the researcher can see. */
  private readonly identity: string | null;

  private static identityOf(path: string): string | null {
    try {
      const st = statSync(path);
      return `${st.dev}:${st.ino}`;
    } catch {
      return null;
    }
  }

  /**
   * Refuses a write, saying why, on a read-only snapshot and when the project file has been deleted, moved or
   * replaced since it was opened (SQLite would go on writing to the vanished file).
   */
  assertWritable(): void {
    if (this.readOnlyReason) throw new DyadError('locked', `${this.readOnlyReason}. Close the project in the other Dyad and try again.`);
    if (this.identity !== null && Project.identityOf(this.path) !== this.identity) {
      throw fileError(Object.assign(new Error('gone'), { code: 'ENOENT' }), this.path, 'write');
    }
  }

  get name(): string {
    return basename(this.path, extname(this.path));
  }

  close(): void {
    if (!this.db.open) return;
    try {
      if (!this.readOnly) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A full disk: what was saved is safe in the log, and the next open reads it from there.
    } finally {
      this.db.close();
      this.release();
    }
  }

  settings(): ProjectSettings {
    const rows = this.db.prepare('SELECT key, value FROM project_settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    return { ...DEFAULT_SETTINGS, ...stored } as ProjectSettings;
  }

  updateSettings(patch: Partial<ProjectSettings>): ProjectSettings {
    this.assertWritable();
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

/** What the open connection itself says the file is (the inspection may have had nothing to go on). */
function factsOf(db: Db, path: string): FileFacts {
  try {
    return {
      userVersion: schemaVersion(db),
      applicationId: db.pragma('application_id', { simple: true }) as number,
      tables: (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
    };
  } catch (e) {
    throw new DyadError('bad-file', `${path} could not be opened as a Dyad project: ${(e as Error).message}.`);
  }
}

/**
 * Opens `path` for a command that only reads: for writing when it is free (so an older project is migrated as
 * usual), else a snapshot, with the note to show: "note: FILE is open in another Dyad (process …); reading a snapshot".
 */
export function openForReading(path: string): { project: Project; note: string | null } {
  try {
    return { project: Project.open(path), note: null };
  } catch (e) {
    // A project on a read-only disk or in a read-only folder can still be read, from a copy.
    if (e instanceof DyadError && e.kind === 'io' && /read-only|permission denied/.test(e.message)) {
      return { project: Project.open(path, { readOnly: true }), note: `note: ${path} cannot be written here (${e.message.split(': ').slice(1).join(': ').replace(/\.$/, '')}); reading a snapshot` };
    }
    if (!(e instanceof DyadError) || e.kind !== 'locked') throw e;
    const project = Project.open(path, { readOnly: true });
    const who = /\(process (\d+)/.exec(lockedError(path).message)?.[1];
    return { project, note: `note: ${path} is open in another Dyad${who ? ` (pid ${who})` : ''}; reading a snapshot` };
  }
}

function uniquePath(p: string): string {
  if (!existsSync(p)) return p;
  for (let i = 2; ; i++) if (!existsSync(`${p}.${i}`)) return `${p}.${i}`;
}
