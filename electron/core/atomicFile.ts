/**
 * Safe writes of exported files, the one way every export (Word, Excel, CSV, REFI-QDA .qdpx and .qdc) puts a file
 * on disk: the bytes go to a temporary file in the same folder (`.<name>.dyad-<pid>-<random>.tmp`, readable by the
 * user only while it fills, listed in electron/core/scratch.ts's journal so it is swept after a crash), are
 * flushed to disk, and the temporary file is renamed over the target in one step. A crash, a full disk or a
 * cancel therefore never leaves a half-written document where the researcher expects their export, nor damages
 * an earlier export of the same name; on any failure the temporary file is removed.
 */
import { constants, promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { tempPathBeside, trackTempFile } from './scratch';

type Chunk = Uint8Array | string;
type ExportData = Chunk | Iterable<Chunk> | AsyncIterable<Chunk>;

interface WriteOptions {
  signal?: AbortSignal | undefined;
}

const code = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');

/** The researcher's explanation of why `path` could not be written. */
export function writeError(path: string, e: unknown, phase: 'create' | 'write' | 'rename' = 'write'): DyadError {
  if (e instanceof DyadError) return e;
  const dir = dirname(path);
  const c = code(e);
  let reason: string;
  switch (c) {
    case 'ENOENT':
      reason = `the folder ${dir} does not exist`;
      break;
    case 'ENOTDIR':
      reason = `${dir} is not a folder`;
      break;
    case 'EISDIR':
      reason = 'a folder of that name is already there';
      break;
    case 'EACCES':
    case 'EPERM':
    case 'EBUSY':
      reason =
        phase === 'rename'
          ? 'the file there is open in another program or read-only (close it and export again)'
          : `the folder ${dir} is not writable (permission denied)`;
      break;
    case 'EROFS':
      reason = 'the disk is read-only';
      break;
    case 'ENOSPC':
      reason = 'the disk is full';
      break;
    case 'EDQUOT':
      reason = 'the disk quota is used up';
      break;
    case 'ENAMETOOLONG':
      reason = 'the file name is too long';
      break;
    default:
      reason = e instanceof Error ? e.message : String(e);
  }
  return new DyadError('io', `Cannot write ${path}: ${reason}.`);
}

export function cancelled(path: string): DyadError {
  return new DyadError('cancelled', `The export to ${path} was cancelled; no file was written.`);
}

export function tempPathFor(path: string): string {
  return tempPathBeside(path);
}

/**
 * A file being written: created at once (so an unwritable folder is reported before any long work), filled with
 * `write`, then put in place by `commit` or removed by `abort`.
 */
export class AtomicFile {
  private size = 0;
  private done = false;

  private constructor(
    readonly path: string,
    readonly tempPath: string,
    private readonly handle: fs.FileHandle,
    private readonly untrack: () => void,
    /** The mode the finished file gets: an earlier export's, else what the user's umask gives a new file. */
    private readonly finalMode: number,
  ) {}

  static async create(path: string): Promise<AtomicFile> {
    const existing = await fs.stat(path).catch(() => null);
    if (existing?.isDirectory()) throw writeError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }), 'create');
    const tempPath = tempPathFor(path);
    let handle: fs.FileHandle;
    const untrack = trackTempFile(tempPath);
    try {
      // 'wx': never reuse a file that happens to be there; 0600: clinical text, unfinished, is the user's alone.
      handle = await fs.open(tempPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    } catch (e) {
      untrack();
      throw writeError(path, e, 'create');
    }
    // Replacing an earlier export keeps its permissions.
    const finalMode = existing ? existing.mode & 0o777 : 0o666 & ~process.umask();
    return new AtomicFile(path, tempPath, handle, untrack, finalMode);
  }

  async write(chunk: Chunk): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    try {
      let off = 0;
      while (off < bytes.byteLength) {
        const { bytesWritten } = await this.handle.write(bytes, off, bytes.byteLength - off);
        off += bytesWritten;
      }
      this.size += bytes.byteLength;
    } catch (e) {
      throw writeError(this.path, e);
    }
  }

  /** Flushes, closes and renames into place; returns the size written. */
  async commit(): Promise<number> {
    try {
      await this.handle.sync();
      if (process.platform !== 'win32') await this.handle.chmod(this.finalMode);
      await this.handle.close();
    } catch (e) {
      await this.abort();
      throw writeError(this.path, e);
    }
    try {
      await fs.rename(this.tempPath, this.path);
    } catch (e) {
      await this.abort();
      throw writeError(this.path, e, 'rename');
    }
    this.done = true;
    this.untrack();
    await syncFolder(dirname(this.path));
    return this.size;
  }

  /** Removes the temporary file (safe to call more than once, and after a failed commit). */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.tempPath, { force: true }).catch(() => undefined);
    this.untrack();
  }
}

/** Makes the rename itself durable where the platform allows it (not on Windows, where folders cannot be opened). */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const h = await fs.open(dir, 'r').catch(() => null);
  if (!h) return;
  await h.sync().catch(() => undefined);
  await h.close().catch(() => undefined);
}

function isChunk(data: ExportData): data is Chunk {
  return typeof data === 'string' || data instanceof Uint8Array;
}

/**
 * Writes `data` (bytes, text, or an iterable/stream of chunks) to `path` atomically. Throws DyadError('io') naming
 * the path when it cannot be written, DyadError('cancelled') when `signal` is aborted; in both cases no file is
 * left behind and an existing file at `path` is untouched.
 */
export async function writeFileAtomic(path: string, data: ExportData, options: WriteOptions = {}): Promise<number> {
  if (options.signal?.aborted) throw cancelled(path);
  const file = await AtomicFile.create(path);
  return fillAndCommit(file, data, options);
}

export async function fillAndCommit(file: AtomicFile, data: ExportData, options: WriteOptions = {}): Promise<number> {
  try {
    if (isChunk(data)) await file.write(data);
    else {
      for await (const chunk of data as AsyncIterable<Chunk>) {
        if (options.signal?.aborted) throw cancelled(file.path);
        await file.write(chunk);
      }
    }
    if (options.signal?.aborted) throw cancelled(file.path);
    return await file.commit();
  } catch (e) {
    await file.abort();
    throw e instanceof DyadError ? e : writeError(file.path, e);
  }
}

/**
 * For writers that fill a file by its path (the .qdpx zip writer patches headers at positions): `write` fills the
 * temporary file, created 0600 before it starts, and the result is renamed into place like writeFileAtomic's.
 * Returns the full path written; the errors and the clean-up are writeFileAtomic's.
 */
export async function writeAtomically(outPath: string, write: (tempPath: string) => Promise<void>, options: WriteOptions = {}): Promise<string> {
  const path = resolve(outPath);
  if (options.signal?.aborted) throw cancelled(path);
  const file = await AtomicFile.create(path);
  try {
    await write(file.tempPath);
    if (options.signal?.aborted) throw cancelled(path);
    await file.commit();
    return path;
  } catch (e) {
    await file.abort();
    throw writeError(path, e);
  }
}
