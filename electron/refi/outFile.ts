/**
 * Exports are written to a temporary file in the destination folder and renamed into place, so a failed or
 * cancelled export never leaves half a file where the researcher expects one (and never replaces a good one).
 */
import { constants } from 'node:fs';
import { access, chmod, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { tempPathBeside, trackTempFile } from '../core/scratch';

function ioError(path: string, e: unknown): DyadError {
  if (e instanceof DyadError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? `the folder ${folder} is not writable`
      : code === 'EROFS'
        ? `the folder ${folder} is on a read-only disk`
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'ENOENT'
            ? `the folder ${folder} does not exist`
            : (e as Error).message;
  return new DyadError('io', `Could not write ${path}: ${why}.`);
}

export async function writeAtomically(outPath: string, write: (tempPath: string) => Promise<void>): Promise<string> {
  const target = resolve(outPath);
  const folder = dirname(target);
  try {
    const st = await stat(folder);
    if (!st.isDirectory()) throw new DyadError('io', `Could not write ${target}: ${folder} is not a folder.`);
    await access(folder, constants.W_OK);
  } catch (e) {
    throw ioError(target, e);
  }
  const temp = tempPathBeside(target);
  const untrack = trackTempFile(temp);
  try {
    // Made here first, user-only, so the writer fills a file nobody else can read while it is unfinished.
    await (await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600)).close();
    await write(temp);
    const existing = await stat(target).catch(() => null);
    await chmod(temp, existing ? existing.mode & 0o777 : 0o666 & ~process.umask());
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw ioError(target, e);
  } finally {
    untrack();
  }
  return target;
}
