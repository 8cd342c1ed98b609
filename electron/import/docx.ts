/**
 * Word documents: checked as a zip first (zipGuard.ts), then read with mammoth.
 *
 * mammoth's extractRawText drops line breaks inside a paragraph (Shift+Enter), gluing "…cancelled.I felt…"
 * together, so the document goes through convertToHtml and back to text here: a paragraph, heading or list item
 * is a line, a line break is a line break, empty paragraphs stay blank lines. Images are never read.
 *
 * Many transcripts are Word tables (Speaker | Text, Time | Speaker | Text, # | Time | Speaker | Text, …). Read
 * cell by cell they would give one line per cell and no turns, so each table is laid out as the lines the line
 * parser (shared/import/lines.ts) reads: a row becomes "[00:12:34] Speaker: text" or "Speaker: text", a row
 * without a speaker continues the turn above. Which column is which is judged per table from a header row or
 * from the cells themselves (docxTable.ts). A table that is not a transcript becomes one line per row,
 * its cells joined by " | ", so nothing in it is lost.
 */
import { Buffer } from 'node:buffer';
import mammoth from 'mammoth';
import { DyadError } from '../../shared/api/errors';
import type { SourceLine } from '../../shared/import/accounting';
import { htmlToText } from './docxHtml';
import { docxParagraphs } from './docxWords';
import { checkDocxArchive } from './zipGuard';

interface DocxText {
  /** One line per Word paragraph; line breaks inside a paragraph stay line breaks; a table row is a line. */
  text: string;
  /** Speaker labels read from a transcript table's speaker column: speakers however rarely they speak. */
  speakers: string[];
  warnings: string[];
  /** The document's paragraphs as Word holds them: what the stored text must account for. */
  source: SourceLine[];
}

export async function readDocxText(fileName: string, bytes: Uint8Array): Promise<DocxText> {
  const { documentXml } = await checkDocxArchive(fileName, bytes);
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        ignoreEmptyParagraphs: false,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DyadError('bad-file', `${fileName} could not be read as a Word document: ${why}`);
  }
  const warnings = result.messages.filter((m) => m.type === 'error').map((m) => `${fileName}: ${m.message}`);
  const { text, speakers } = htmlToText(result.value);
  return { text, speakers, warnings, source: docxParagraphs(documentXml) };
}
