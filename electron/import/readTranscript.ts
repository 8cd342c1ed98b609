/**
 * One transcript file → ParsedTranscript. The type comes from the extension (.txt/.text/.md, .docx, .vtt, .srt);
 * for any other name the bytes decide. Every refusal is a 'bad-file' DyadError naming the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { lostWords, lostWordsWarning } from '../../shared/import/accounting';
import { parseTranscript } from '../../shared/import/parse';
import type { ParsedTranscript, TranscriptFormat } from '../../shared/import/types';
import { decodeTranscriptBytes } from './decode';
import { readDocxText } from './docx';

export const DEFAULT_MAX_TRANSCRIPT_BYTES = 50 * 1024 * 1024;

export interface ReadTranscriptOptions {
  customMarkerPatterns?: readonly string[];
  /** Files larger than this are refused before they are read (default 50 MB). */
  maxBytes?: number;
}

export type ReadTranscript = ParsedTranscript & {
  /** The text encoding the file was read in; null for Word documents. */
  encoding: string | null;
};

const BY_EXTENSION: Record<string, TranscriptFormat> = {
  txt: 'txt', text: 'txt', md: 'txt', docx: 'docx', vtt: 'vtt', srt: 'srt',
};

export async function readTranscriptFile(
  fileName: string,
  bytes: Uint8Array,
  opts: ReadTranscriptOptions = {},
): Promise<ReadTranscript> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_TRANSCRIPT_BYTES;
  if (bytes.byteLength > maxBytes) throw tooLarge(fileName, bytes.byteLength, maxBytes);
  if (bytes.byteLength === 0) throw new DyadError('bad-file', `${fileName} is empty`);

  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const format: TranscriptFormat | undefined = BY_EXTENSION[ext];
  refuseKnownOtherTypes(fileName, bytes, format);
  const parseOpts = { fileName, customMarkerPatterns: opts.customMarkerPatterns };

  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (format === 'docx' || (format === undefined && isZip)) {
    const docx = await readDocxText(fileName, bytes);
    const parsed = parseTranscript(docx.text, { ...parseOpts, format: 'docx', speakers: docx.speakers });
    const lost = lostWordsWarning(lostWords(docx.source, parsed.text), 'paragraph');
    return { ...parsed, warnings: [...docx.warnings, ...parsed.warnings, ...(lost ? [`${fileName}: ${lost}`] : [])], encoding: null };
  }
  const { text, encoding } = decodeTranscriptBytes(fileName, bytes);
  // A .txt may hold subtitles or a transcription export: the text's layout decides, not the extension.
  const parsed = parseTranscript(text, { ...parseOpts, format: format === 'txt' ? undefined : format });
  return { ...parsed, encoding };
}

/** Reads a transcript from disk (the command line's way in); the size limit is checked before reading. */
export async function readTranscriptPath(path: string, opts: ReadTranscriptOptions = {}): Promise<ReadTranscript> {
  const fileName = basename(path);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_TRANSCRIPT_BYTES;
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new DyadError('bad-file', `${path} is not a file`);
    if (info.size > maxBytes) throw tooLarge(fileName, info.size, maxBytes);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof DyadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new DyadError('io', `${path} cannot be read: ${why}`);
  }
  return readTranscriptFile(fileName, bytes, opts);
}

function tooLarge(fileName: string, size: number, limit: number): DyadError {
  return new DyadError('bad-file', `${fileName} is too large to be a transcript: ${megabytes(size)} (the limit is ${megabytes(limit)})`);
}

function megabytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  const v = n / 1024 / 1024;
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} MB`;
}

/** Files researchers pick by mistake get a message that says what they are, rather than a decoding error. */
function refuseKnownOtherTypes(fileName: string, bytes: Uint8Array, format: TranscriptFormat | undefined): void {
  const starts = (s: string) => s.split('').every((ch, i) => bytes[i] === ch.charCodeAt(0));
  const saveAs = 'save it as .docx or .txt and import that';
  if (starts('%PDF-')) throw new DyadError('bad-file', `${fileName} is a PDF file, not a transcript Dyad can read; ${saveAs}`);
  if (starts('{\\rtf')) throw new DyadError('bad-file', `${fileName} is an RTF file; ${saveAs}`);
  if (format !== 'docx' && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DyadError('bad-file', `${fileName} is an old Word .doc file or a password-protected document; ${saveAs}`);
  }
}
