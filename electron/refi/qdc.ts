/**
 * REFI-QDA codebooks (.qdc): one Dyad codebook out, or a file's codes in as a new codebook named after the file.
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { SnapshotCode, SnapshotCodebook } from '../../shared/snapshot/types';
import { codebookFromXml } from '../../shared/refi/readXml';
import { codebookToSnapshot } from '../../shared/refi/toSnapshot';
import { codebookXml } from '../../shared/refi/writeCodebook';
import { writeAtomically } from '../core/atomicFile';
import type { Db } from '../core/database';
import { readCodebook, readCodes } from '../snapshot/read';
import { writeSnapshotInto } from '../snapshot/write';
import { dyadOrigin } from './origin';
import { readSmallFile } from './readQdpx';
import { parseRefiXml } from './xml';

const MAX_QDC_BYTES = 64 * 1024 * 1024;

interface QdcRead {
  codebook: SnapshotCodebook;
  codes: SnapshotCode[];
  origin: string | null;
  warnings: string[];
}

/** A .qdc's bytes → a codebook named after the file (REFI codebooks carry no name of their own). */
export function parseQdc(bytes: Uint8Array, fileName: string): QdcRead {
  const doc = parseRefiXml(bytes, fileName);
  return codebookToSnapshot(codebookFromXml(doc, fileName), { where: fileName, name: basename(fileName, extname(fileName)) || 'Imported codebook' });
}

export async function readQdc(path: string): Promise<QdcRead> {
  return parseQdc(await readSmallFile(path, MAX_QDC_BYTES, 'a codebook'), basename(path));
}

/** Writes one codebook as a .qdc. Returns the file's full path and the number of codes. */
export async function exportQdc(db: Db, codebookId: string, path: string): Promise<{ path: string; codes: number }> {
  const codebook = readCodebook(db, codebookId);
  const codes = readCodes(db, codebookId);
  const xml = codebookXml(codebook, codes, dyadOrigin());
  const written = await writeAtomically(path, (temp) => writeFile(temp, xml, 'utf8'));
  return { path: written, codes: codes.length };
}

interface QdcImportResult {
  codebookId: string;
  name: string;
  codes: number;
  warnings: string[];
}

/** Adds a read .qdc to the project as a new codebook, in one transaction. */
export function commitQdc(db: Db, read: QdcRead): QdcImportResult {
  const result = writeSnapshotInto(
    db,
    { name: '', coders: [], codebooks: [read.codebook], codes: read.codes, dyads: [], interviews: [], codings: [], memos: [] },
    { into: 'existing' },
  );
  return { codebookId: result.ids.codebooks.get(read.codebook.id)!, name: read.codebook.name, codes: result.inserted.codes, warnings: read.warnings };
}
