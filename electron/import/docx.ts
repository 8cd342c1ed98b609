/** Word documents: checked as a zip first (zipGuard.ts), then read as plain paragraphs with mammoth. */
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
    result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DyadError('bad-file', `${fileName} could not be read as a Word document: ${why}`);
  }
  // mammoth ends every paragraph with a blank line; a transcript reads as one paragraph per line.
  const text = result.value.replace(/\n\n/g, '\n');
  const warnings = result.messages.filter((m) => m.type === 'error').map((m) => `${fileName}: ${m.message}`);
  return { text, warnings };
}
