/**
 * Safe writes of exported files: the bytes go to a temporary file in the same folder (`.<name>.<random>.tmp`),
 * are flushed to disk, and the temporary file is renamed over the target in one step. A crash, a full disk or a
 * cancel therefore never leaves a half-written document where the researcher expects their export, nor damages
 * an earlier export of the same name; on any failure the temporary file is removed.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DyadError } from '../../shared/api/errors';

export type Chunk = Uint8Array | string;
export type ExportData = Chunk | Iterable<Chunk> | AsyncIterable<Chunk>;

export interface WriteOptions {
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
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
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
  ) {}

  static async create(path: string): Promise<AtomicFile> {
    const existing = await fs.stat(path).catch(() => null);
    if (existing?.isDirectory()) throw writeError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }), 'create');
    const tempPath = tempPathFor(path);
    let handle: fs.FileHandle;
    try {
      // 'wx': never reuse a file that happens to be there.
      handle = await fs.open(tempPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o666);
    } catch (e) {
      throw writeError(path, e, 'create');
    }
    const file = new AtomicFile(path, tempPath, handle);
    // Replacing an earlier export keeps its permissions.
    if (existing && process.platform !== 'win32') await handle.chmod(existing.mode & 0o777).catch(() => undefined);
    return file;
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
    await syncFolder(dirname(this.path));
    return this.size;
  }

  /** Removes the temporary file (safe to call more than once, and after a failed commit). */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.tempPath, { force: true }).catch(() => undefined);
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
