/**
 * Transcript bytes → text. Researchers' files come from Word's "Save as text", Windows Notepad, macOS TextEdit
 * and transcription services: UTF-8 with or without a byte-order mark, UTF-16 (Notepad's "Unicode"), and old
 * Western single-byte files (Windows-1252 / ISO-8859-1). Anything else is refused with a message saying so,
 * rather than shown as mojibake that would then be coded and quoted.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { DyadError } from '../../shared/api/errors';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read in, as the preview shows it ("UTF-8", "UTF-16LE", "windows-1252"). */
  encoding: string;
}

/** Single-byte Latin-script encodings chardet may name for a Western file; anything else is decoded as 1252. */
const LATIN_SINGLE_BYTE = new Set(['windows-1252', 'ISO-8859-1', 'windows-1250', 'ISO-8859-2', 'windows-1254', 'ISO-8859-9']);

export function decodeTranscriptBytes(fileName: string, bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictUtf8(fileName, bytes.subarray(3), 'it starts with a UTF-8 mark'), encoding: 'UTF-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes[2] === 0 && bytes[3] === 0) throw notReadable(fileName, 'it is UTF-32, which Dyad does not read');
    return { text: utf16(fileName, bytes.subarray(2), 'le'), encoding: 'UTF-16LE' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(fileName, bytes.subarray(2), 'be'), encoding: 'UTF-16BE' };

  const guess = utf16WithoutMark(bytes);
  if (guess) return { text: utf16(fileName, bytes, guess), encoding: guess === 'le' ? 'UTF-16LE' : 'UTF-16BE' };

  if (looksBinary(bytes)) throw new DyadError('bad-file', `${fileName} is not a text file (it contains binary data)`);

  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };

  const damage = damagedUtf8(bytes);
  if (damage) {
    throw new DyadError(
      'bad-file',
      `${fileName} is not valid UTF-8: ${damage}; the file may be damaged or cut off. ` +
        'Save it again as UTF-8 text (in Word: Save As → Plain Text → Unicode (UTF-8)) or as .docx',
    );
  }

  if (!plausiblyWestern(bytes)) {
    throw new DyadError(
      'bad-file',
      `${fileName} is not valid UTF-8 and its encoding could not be recognised; save it again as UTF-8 text ` +
        '(in Word: Save As → Plain Text → Unicode (UTF-8)) or as .docx',
    );
  }
  const named = chardet.detect(bytes);
  const encoding = named && LATIN_SINGLE_BYTE.has(named) ? named : 'windows-1252';
  // ISO-8859-1 files in the wild are almost always 1252 (curly quotes at 0x80–0x9F), as browsers also assume.
  return { text: iconv.decode(bytes, encoding === 'ISO-8859-1' ? 'windows-1252' : encoding), encoding };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function strictUtf8(fileName: string, bytes: Uint8Array, why: string): string {
  const text = tryUtf8(bytes);
  if (text === null) throw notReadable(fileName, `${why} but is not valid UTF-8`);
  if (text.includes('\u0000')) throw new DyadError('bad-file', `${fileName} is not a text file (it contains binary data)`);
  return text;
}

function utf16(fileName: string, bytes: Uint8Array, order: 'le' | 'be'): string {
  let b = bytes;
  if (order === 'be') {
    b = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      b[i] = bytes[i + 1]!;
      b[i + 1] = bytes[i]!;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    throw notReadable(fileName, 'it looks like UTF-16 but is damaged');
  }
  if (text.includes('\u0000')) throw new DyadError('bad-file', `${fileName} is not a text file (it contains binary data)`);
  return text;
}

/**
 * UTF-16 without a byte-order mark shows itself in mostly-ASCII text: every other byte is zero, on the odd
 * positions for little-endian and the even ones for big-endian.
 */
function utf16WithoutMark(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.4 && zeroEven <= pairs * 0.02) return 'le';
  if (zeroEven >= pairs * 0.4 && zeroOdd <= pairs * 0.02) return 'be';
  return null;
}

/**
 * A UTF-8 file with a few broken bytes, rather than a single-byte file: it holds well-formed multi-byte UTF-8
 * characters (which Western single-byte text almost never forms by chance, "Ã©" being "é" misread), or it ends
 * inside one. Decoding it as Windows-1252 would turn every accented letter into two wrong ones. Returns where
 * the first broken byte is, or null when the file does not look like UTF-8 at all.
 */
function damagedUtf8(bytes: Uint8Array): string | null {
  let wellFormed = 0;
  let broken = 0;
  let firstBroken = -1;
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      if (i + k >= bytes.length) {
        // Cut off in the middle of a character: the tail of a truncated UTF-8 file.
        // (Without earlier UTF-8 characters this is as likely a Western file ending in "é”".)
        return wellFormed > 0 && broken === 0 ? `it ends in the middle of a character (${where(bytes, i)})` : null;
      }
      const b = bytes[i + k]!;
      if (b < 0x80 || b > 0xbf) ok = false;
    }
    if (ok) {
      wellFormed++;
      i += need + 1;
    } else {
      broken++;
      if (firstBroken < 0) firstBroken = i;
      i++;
    }
  }
  // A long Western file may form a valid pair by chance ("Ü“"); a few real UTF-8 characters amid many
  // stray high bytes is still a single-byte file.
  if (wellFormed === 0 || wellFormed * 4 < broken) return null;
  return `byte ${firstBroken + 1} (${where(bytes, firstBroken)}) is not part of any character`;
}

function where(bytes: Uint8Array, at: number): string {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
  return `line ${line}`;
}

/** NUL bytes, or more than a few other control characters: an image, an archive, a program. */
function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.indexOf(0) >= 0) return true;
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    // Tab, LF, VT, FF, CR are text; Ctrl-Z ends old DOS files.
    if (c < 32 && !(c >= 9 && c <= 13) && c !== 26) control++;
  }
  return control > 8 && control > n * 0.01;
}

/**
 * Western European text in a single-byte code page is mostly ASCII with accented letters and typographic
 * punctuation scattered singly among it. Cyrillic, Greek, CJK or random bytes put high bytes in long runs,
 * or use the five byte values that Windows-1252 leaves undefined.
 */
function plausiblyWestern(bytes: Uint8Array): boolean {
  let high = 0;
  let inRuns = 0;
  let run = 0;
  const endRun = () => {
    if (run >= 3) inRuns += run;
    run = 0;
  };
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x81 || c === 0x8d || c === 0x8f || c === 0x90 || c === 0x9d) return false;
    if (c >= 0x80) {
      high++;
      run++;
    } else endRun();
  }
  endRun();
  return high <= bytes.length * 0.3 && inRuns <= high * 0.3;
}

function notReadable(fileName: string, why: string): DyadError {
  return new DyadError('bad-file', `${fileName} cannot be read as text: ${why}`);
}
