/**
 * What the project file costs on disk, and compacting it (issue 17, item 5).
 *
 * SQLite keeps the pages freed by a deletion (an interview removed, a merge undone, a coder's codings cleared) inside
 * the file for later rows, and the full-text index grows in segments, one or more per import. Neither is wrong, but
 * after a large removal the file can be much bigger than its content. Compacting merges the search index's segments
 * into one (FTS5's 'optimize') and rewrites the file without its free pages (VACUUM), in one step the researcher
 * asks for: it takes seconds on a large study, and needs free disk space about the size of the file while it runs.
 *
 * VACUUM copies each table in rowid order, so rows that tie on what they are sorted by (recall moments at the same
 * offset, links made in the same millisecond) keep their order; the analysis cache, which remembers rows by rowid,
 * is dropped all the same.
 */
import { DyadError } from '../../shared/api/errors';
import { forgetAnalysisCache } from './analysis/cache';
import type { Db } from './database';
import { fileError } from './fileErrors';

export interface DiskUse {
  /** The project file's size on disk (once closed). */
  bytes: number;
  /** Free pages inside the file: what compacting gives back at least. */
  reclaimableBytes: number;
  /** Whether compacting is worth offering: at least 1 MB and a tenth of the file are free pages. */
  worthCompacting: boolean;
}

const MB = 1024 * 1024;

/**
 * The file's size as SQLite counts it: its pages, those still in the write-ahead log included (the log is folded into
 * the file when the project closes, and is then gone).
 */
export function diskUse(db: Db): DiskUse {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const bytes = (db.pragma('page_count', { simple: true }) as number) * pageSize;
  const free = (db.pragma('freelist_count', { simple: true }) as number) * pageSize;
  return { bytes, reclaimableBytes: free, worthCompacting: free >= MB && free >= bytes / 10 };
}

export interface Compacted {
  before: number;
  after: number;
  ms: number;
}

/**
 * Merges the search index and rewrites the file without its free pages. The caller holds the project's write queue;
 * a failure (most often a full disk: VACUUM writes a new copy before it replaces the old) leaves the project as it
 * was, as VACUUM is one transaction.
 */
export function compact(db: Db, path: string): Compacted {
  if (db.inTransaction) throw new DyadError('conflict', `${path} is in the middle of another change; compact it when that is done.`);
  const started = performance.now();
  const before = diskUse(db).bytes;
  try {
    db.prepare("INSERT INTO turns_fts (turns_fts) VALUES ('optimize')").run();
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    throw fileError(e, path, 'write');
  } finally {
    forgetAnalysisCache(db);
  }
  return { before, after: diskUse(db).bytes, ms: performance.now() - started };
}
