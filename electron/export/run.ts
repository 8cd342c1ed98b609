/**
 * One export from start to finish: check the target, gather the document, render it in the chosen format, write
 * it safely (or hand the bytes back for a browser download). The target is opened before the long work, so a
 * folder that cannot be written is reported at once; a cancel or a failure leaves no file behind.
 */
import { basename, extname, isAbsolute } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { renderCsv } from '../../shared/export/csv';
import { renderDialogueHtml, renderExcerptsHtml } from '../../shared/export/html';
import { renderDialogueMarkdown, renderExcerptsMarkdown } from '../../shared/export/markdown';
import { excerptCount, type DialogueDocument, type DialogueFormat, type ExcerptDocument, type ExcerptFormat } from '../../shared/export/model';
import { exportFileName, MIME_TYPES } from '../../shared/export/naming';
import type { Db } from '../core/database';
import { AtomicFile, cancelled, fillAndCommit } from '../core/atomicFile';
import { dialogueDocx, excerptsDocx, packDocx } from './docx';
import { buildDialogueDocument, buildExcerptDocument, checkpoint, type DialogueRequest, type ExcerptRequest, type JobOptions } from './gather';
import { getExportSettings } from './settings';
import { excerptsXlsx } from './xlsx';

interface ExportOutcome {
  fileName: string;
  mimeType: string;
  excerptCount: number;
  size: number;
  /** Where the file was written; null when the bytes are returned. */
  path: string | null;
  dataBase64: string | null;
}

interface Target {
  /** Absolute path to write; omitted: return the bytes. */
  path?: string | undefined;
}

const FORMAT_NAMES: Record<ExcerptFormat, string> = { docx: 'Word', xlsx: 'Excel', md: 'Markdown', html: 'HTML', csv: 'CSV' };

/** Refuses paths that are relative or do not end in the format's extension (an export never replaces another kind of file). */
function checkTargetPath(path: string, format: ExcerptFormat): void {
  if (!isAbsolute(path)) throw new DyadError('invalid-input', `Cannot write ${path}: give the full path of the file to export to.`);
  if (extname(path).toLowerCase() !== `.${format}`) {
    throw new DyadError('invalid-input', `Cannot write ${path}: a ${FORMAT_NAMES[format]} export must be saved as a .${format} file.`);
  }
}

async function renderExcerpts(doc: ExcerptDocument, format: ExcerptFormat): Promise<Uint8Array | string> {
  switch (format) {
    case 'docx':
      return packDocx(excerptsDocx(doc));
    case 'xlsx':
      return excerptsXlsx(doc);
    case 'md':
      return renderExcerptsMarkdown(doc);
    case 'html':
      return renderExcerptsHtml(doc);
    case 'csv':
      return renderCsv(doc);
  }
}

async function renderDialogue(doc: DialogueDocument, format: DialogueFormat): Promise<Uint8Array | string> {
  switch (format) {
    case 'docx':
      return packDocx(dialogueDocx(doc));
    case 'md':
      return renderDialogueMarkdown(doc);
    case 'html':
      return renderDialogueHtml(doc);
  }
}

async function run<D extends ExcerptDocument | DialogueDocument>(
  format: ExcerptFormat,
  target: Target,
  job: JobOptions,
  steps: number,
  build: (job: JobOptions) => D,
  render: (doc: D) => Promise<Uint8Array | string>,
): Promise<ExportOutcome> {
  if (target.path !== undefined) checkTargetPath(target.path, format);
  if (job.signal?.aborted) throw cancelled(target.path ?? 'a file');
  const file = target.path !== undefined ? await AtomicFile.create(target.path) : null;
  const total = steps + 2;
  try {
    await checkpoint(job.signal, 'The export');
    const doc = build({ signal: job.signal, progress: (done, _t, message) => job.progress?.(done, total, message) });
    await checkpoint(job.signal, 'The export');
    job.progress?.(steps, total, `Writing the ${FORMAT_NAMES[format]} file`);
    const data = await render(doc);
    await checkpoint(job.signal, 'The export');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const count = excerptCount(doc);
    const mimeType = MIME_TYPES[format];
    if (!file) {
      job.progress?.(total, total, 'Done');
      return {
        fileName: exportFileName(doc.title, format),
        mimeType,
        excerptCount: count,
        size: bytes.byteLength,
        path: null,
        dataBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      };
    }
    job.progress?.(steps + 1, total, `Saving ${basename(file.path)}`);
    const size = await fillAndCommit(file, bytes, { signal: job.signal });
    job.progress?.(total, total, 'Done');
    return { fileName: basename(file.path), mimeType, excerptCount: count, size, path: file.path, dataBase64: null };
  } catch (e) {
    await file?.abort();
    if (e instanceof DyadError && e.kind === 'cancelled' && target.path) throw cancelled(target.path);
    throw e;
  }
}

interface ExcerptExportInput extends ExcerptRequest, Target {
  format: ExcerptFormat;
}

interface DialogueExportInput extends DialogueRequest, Target {
  format: DialogueFormat;
}

/** Exports the excerpts of the chosen codes; `toleranceSeconds` is the project's alignment tolerance. */
export function exportExcerpts(db: Db, toleranceSeconds: number, input: ExcerptExportInput, job: JobOptions = {}): Promise<ExportOutcome> {
  const settings = getExportSettings(db);
  return run(
    input.format,
    input,
    job,
    new Set(input.codeIds).size,
    // Documents are read; CSV and Excel keep every coding's exact offsets unless asked otherwise.
    (j) => buildExcerptDocument(db, toleranceSeconds, settings, { ...input, wholeWords: input.wholeWords ?? !['csv', 'xlsx'].includes(input.format) }, j),
    (doc) => renderExcerpts(doc, input.format),
  );
}

/** Exports the chosen themes as dyadic dialogues. */
export function exportDialogue(db: Db, toleranceSeconds: number, input: DialogueExportInput, job: JobOptions = {}): Promise<ExportOutcome> {
  const settings = getExportSettings(db);
  return run(
    input.format,
    input,
    job,
    new Set(input.codeIds).size,
    (j) => buildDialogueDocument(db, toleranceSeconds, settings, input, j),
    (doc) => renderDialogue(doc, input.format),
  );
}
