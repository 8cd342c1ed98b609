/**
 * Word documents: checked as a zip first (zipGuard.ts), then read with mammoth.
 *
 * mammoth's extractRawText drops line breaks inside a paragraph (Shift+Enter), gluing "…cancelled.I felt…"
 * together, so the document goes through convertToHtml and back to text here: a paragraph, heading or list item
 * is a line, a line break is a line break, empty paragraphs stay blank lines. Images are never read.
 */
import { Buffer } from 'node:buffer';
import mammoth from 'mammoth';
import { DyadError } from '../../shared/api/errors';
import { checkDocxArchive } from './zipGuard';

export interface DocxText {
  /** One line per Word paragraph; line breaks inside a paragraph stay line breaks. */
  text: string;
  warnings: string[];
}

export async function readDocxText(fileName: string, bytes: Uint8Array): Promise<DocxText> {
  await checkDocxArchive(fileName, bytes);
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
  return { text: htmlToText(result.value), warnings };
}

function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(?:p|h[1-6]|li)>/g, '\n')
    .replace(/<[^>]*>/g, '');
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, e: string) => ENTITY[e] ?? '');
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: '\u00a0' };
