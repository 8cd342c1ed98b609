/**
 * What a file is, found without changing a byte of it, before Dyad opens it for writing: opening a project with
 * SQLite for writing merges its write-ahead log into it on close, which must not happen to a file Dyad then refuses
 * (a project of a newer Dyad, another application's database). The header says most of it; when a log lies beside
 * the file (its header may be out of date) or the header alone cannot tell, a private copy is opened instead.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { copyProjectConsistently } from './copy';
import { openSqlite } from './database';
import { fileError } from './fileErrors';
import { withScratchDir } from './scratch';

/** 'DYAD' in ASCII: tells a Dyad project from any other SQLite file. */
export const APPLICATION_ID = 0x44594144;
const SQLITE_HEADER = 'SQLite format 3\u0000';
/** Tables every Dyad project has had since its first format: how an older project without the mark is known. */
const DYAD_TABLES = ['dyads', 'sessions', 'interviews', 'turns', 'moments'];

export interface FileFacts {
  userVersion: number;
  applicationId: number;
  /** Null when the header was enough to decide. */
  tables: string[] | null;
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function logSize(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

function factsOfCopy(path: string): FileFacts | null {
  return withScratchDir('inspect', (dir) => {
    const copy = join(dir, 'inspected.dyad');
    try {
      copyProjectConsistently(path, copy);
    } catch (e) {
      if (e instanceof DyadError && e.kind === 'locked') return null; // the lock reports whoever is writing it
      throw e;
    }
    let db;
    try {
      db = openSqlite(copy, { fileMustExist: true });
    } catch {
      return null; // a damaged file: opening it for real reports that, naming it
    }
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
      return {
        userVersion: db.pragma('user_version', { simple: true }) as number,
        applicationId: db.pragma('application_id', { simple: true }) as number,
        tables,
      };
    } catch {
      return null;
    } finally {
      db.close();
    }
  });
}

/** Reads what the file is; refuses an empty file and one that is not SQLite at all. Null: SQLite could not tell. */
export function inspectProjectFile(path: string): FileFacts | null {
  let header: Buffer;
  try {
    header = readHeader(path);
  } catch (e) {
    throw fileError(e, path, 'open');
  }
  if (header.length === 0) {
    throw new DyadError(
      'bad-file',
      `${path} is an empty file, not a Dyad project. Start a new project with "New project" (or \`dyad new\`) instead; the file was not changed.`,
    );
  }
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new DyadError('bad-file', `${path} is not a Dyad project (it is not an SQLite database). The file was not changed.`);
  }
  const facts: FileFacts = { userVersion: header.readUInt32BE(60), applicationId: header.readUInt32BE(68), tables: null };
  const decided = facts.applicationId !== 0 && logSize(path) === 0;
  return decided ? facts : factsOfCopy(path);
}

/** Refuses another application's database and a project of a newer Dyad, naming the file; nothing is changed. */
export function assertOpenable(facts: FileFacts, path: string, latest: number): void {
  const foreign = () =>
    new DyadError('bad-file', `${path} is an SQLite database but not a Dyad project (another application's file). The file was not changed.`);
  if (facts.applicationId !== APPLICATION_ID) {
    if (facts.applicationId !== 0) throw foreign();
    const tables = facts.tables ?? [];
    const fresh = facts.userVersion === 0 && tables.length === 0;
    const olderDyad = facts.userVersion > 0 && DYAD_TABLES.every((t) => tables.includes(t));
    if (!fresh && !olderDyad) throw foreign();
  }
  if (facts.userVersion > latest) {
    throw new DyadError(
      'newer-version',
      `${path} was written by a newer version of Dyad (project format ${facts.userVersion}; this Dyad reads up to ${latest}). ` +
        'Update Dyad to open it. The file was not changed.',
    );
  }
}
