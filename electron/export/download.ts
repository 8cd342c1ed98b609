/**
 * The browser's half of the one save model (renderer/src/store/exportSlice.ts): a writer that puts a file at a
 * path (REFI-QDA .qdpx and .qdc, the codebook document) runs into a private scratch folder instead, and the bytes
 * come back for the page to download; in the app the same writer puts the file where the save dialog said.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { makeScratchDir, removeScratchDir } from '../core/scratch';

const FILE_MIME: Record<string, string> = {
  qdpx: 'application/zip',
  qdc: 'application/xml',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
};

const mimeOf = (fileName: string) => FILE_MIME[fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';

interface SavedFile {
  fileName: string;
  mimeType: string;
  /** Where it was written, or null when the bytes are returned. */
  path: string | null;
  dataBase64: string | null;
}

/** Writes to `path` when given, else into a scratch folder under `fileName`, returning the bytes (the folder removed). */
export async function writeOrReturn<R extends { path: string }>(path: string | undefined, fileName: string, write: (path: string) => Promise<R>): Promise<Omit<R, 'path'> & SavedFile> {
  if (path !== undefined) {
    const r = await write(path);
    return { ...r, fileName: basename(r.path), mimeType: mimeOf(r.path), path: r.path, dataBase64: null };
  }
  const dir = makeScratchDir('download');
  try {
    const r = await write(join(dir, fileName));
    const bytes = await readFile(r.path);
    return { ...r, fileName, mimeType: mimeOf(fileName), path: null, dataBase64: bytes.toString('base64') };
  } finally {
    removeScratchDir(dir);
  }
}
