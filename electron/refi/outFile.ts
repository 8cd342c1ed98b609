/**
 * Exports are written to a temporary file in the destination folder and renamed into place, so a failed or
 * cancelled export never leaves half a file where the researcher expects one (and never replaces a good one).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DyadError } from '../../shared/api/errors';

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
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await write(temp);
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw ioError(target, e);
  }
  return target;
}
