/**
 * One translation of what the file system and SQLite say when they refuse ("attempt to write a readonly
 * database", "EROFS", "SQLITE_FULL") into a sentence for the researcher naming the file and the problem.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DyadError } from '../../shared/api/errors';

type FileAction = 'open' | 'read' | 'write' | 'create';

const codeOf = (e: unknown): string => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');

/** The problem in plain words, or null when the error is not one the file system or disk explains. */
function fileProblem(e: unknown, path: string): string | null {
  const code = codeOf(e);
  const folder = dirname(path);
  switch (code) {
    case 'ENOENT':
    case 'SQLITE_READONLY_DBMOVED':
      return 'the file is not there any more (it was moved, renamed or deleted)';
    case 'ENOTDIR':
      return `${folder} is not a folder`;
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return 'permission denied (the file or its folder is not yours to change)';
    case 'EROFS':
      return 'the disk or folder is read-only';
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_CANTINIT':
    case 'SQLITE_READONLY_RECOVERY':
    case 'SQLITE_READONLY_CANTLOCK':
      return `the file or its folder (${folder}) is read-only, and Dyad needs to write beside the file to open it as a project`;
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open; close some programs and try again';
    case 'SQLITE_CANTOPEN':
      return `the file or its folder (${folder}) cannot be opened: it may be read-only, missing, or not yours`;
    case 'SQLITE_NOTADB':
      return 'it is not a Dyad project (not an SQLite database)';
    case 'SQLITE_CORRUPT':
      return 'the file is damaged';
    case 'EIO':
      return 'the disk reported a read or write error';
    default:
      if (code.startsWith('SQLITE_IOERR')) return code === 'SQLITE_IOERR_NOMEM' ? 'the computer ran out of memory' : 'the disk reported a read or write error';
      return null;
  }
}

const verb: Record<FileAction, string> = { open: 'open', read: 'read', write: 'save changes to', create: 'create' };

/**
 * SQLite says "disk I/O error" or "unable to open database file" where the cause is a read-only disk or a file
 * that is not ours: ask the file system what it says about writing the file (or its folder, for a new one).
 */
function writeRefusal(path: string): unknown {
  const target = existsSync(path) ? path : dirname(path);
  try {
    accessSync(target, constants.W_OK);
    if (target === path) accessSync(dirname(path), constants.W_OK); // the log and the note are written beside it
    return null;
  } catch (e) {
    return e;
  }
}

/** A DyadError naming `path` and the problem; DyadErrors pass through unchanged. */
export function fileError(e: unknown, path: string, action: FileAction): DyadError {
  if (e instanceof DyadError) return e;
  const code = codeOf(e);
  if (action !== 'read' && /^SQLITE_(IOERR|CANTOPEN|READONLY)/.test(code)) {
    const refusal = writeRefusal(path);
    if (['EROFS', 'EACCES', 'EPERM'].includes(codeOf(refusal))) e = refusal;
  }
  const problem = fileProblem(e, path);
  const detail = problem ?? (e instanceof Error ? e.message : String(e));
  const kind = codeOf(e) === 'ENOENT' && action !== 'write' ? 'not-found' : codeOf(e).startsWith('SQLITE_CORRUPT') || codeOf(e) === 'SQLITE_NOTADB' ? 'bad-file' : 'io';
  const after = action === 'write' ? ' The change was not saved; the project is as it was before it.' : '';
  return new DyadError(kind, `Could not ${verb[action]} ${path}: ${detail}.${after}`);
}

/**
 * For an error thrown while working on the open project at `path`: the file system's and SQLite's refusals become
 * a DyadError naming the project; anything else passes through unchanged.
 */
export function projectError(e: unknown, path: string, action: FileAction = 'write'): unknown {
  if (e instanceof DyadError || fileProblem(e, path) === null) return e;
  const code = codeOf(e);
  // Errors about other files (an export's target) carry their own path; only SQLite's are about the project.
  if (!code.startsWith('SQLITE_')) return e;
  return fileError(e, path, action);
}
