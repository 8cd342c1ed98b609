import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { decodeTranscriptBytes } from '../../../electron/import/decode';

const TEXT = 'I: Ça va? “Yes” – it’s fine.\nP: Très bien, naïve… 🙂';
const WESTERN = 'I: Ça va? “Yes” – it’s fine.\nP: Très bien, naïve… Grüße.';

function errorOf(f: () => unknown): DyadError {
  try {
    f();
  } catch (e) {
    if (e instanceof DyadError) return e;
    throw e;
  }
  throw new Error('expected a DyadError');
}

describe('decodeTranscriptBytes', () => {
  it('reads UTF-8 with and without a byte-order mark, dropping the mark', () => {
    const plain = new TextEncoder().encode(TEXT);
    expect(decodeTranscriptBytes('a.txt', plain)).toEqual({ text: TEXT, encoding: 'UTF-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeTranscriptBytes('a.txt', withBom)).toEqual({ text: TEXT, encoding: 'UTF-8' });
  });

  it('reads UTF-16 with a byte-order mark, both byte orders', () => {
    expect(decodeTranscriptBytes('a.txt', iconv.encode(TEXT, 'utf-16le', { addBOM: true }))).toEqual({ text: TEXT, encoding: 'UTF-16LE' });
    expect(decodeTranscriptBytes('a.txt', iconv.encode(TEXT, 'utf-16be', { addBOM: true }))).toEqual({ text: TEXT, encoding: 'UTF-16BE' });
  });

  it('recognises UTF-16 without a byte-order mark by its zero bytes', () => {
    expect(decodeTranscriptBytes('a.txt', iconv.encode(TEXT, 'utf-16le'))).toEqual({ text: TEXT, encoding: 'UTF-16LE' });
    expect(decodeTranscriptBytes('a.txt', iconv.encode(TEXT, 'utf-16be'))).toEqual({ text: TEXT, encoding: 'UTF-16BE' });
  });

  it('reads Windows-1252 and Latin-1 files and says so', () => {
    const cp1252 = decodeTranscriptBytes('old.txt', iconv.encode(WESTERN, 'windows-1252'));
    expect(cp1252.text).toBe(WESTERN);
    expect(cp1252.encoding).toBe('windows-1252');
    const latin = 'I: Was meinen Sie? Übung macht den Meister.\nP: Schön, à bientôt.';
    const l1 = decodeTranscriptBytes('old.txt', iconv.encode(latin, 'latin1'));
    expect(l1.text).toBe(latin);
    expect(['ISO-8859-1', 'windows-1252']).toContain(l1.encoding);
  });

  it.each([
    ['Cyrillic in windows-1251', 'I: Как вы себя чувствовали в этот момент?\nP: Мне было стыдно.', 'windows-1251'],
    ['Chinese in GBK', 'I: 那一刻你感觉怎么样？\nP: 我感到很羞愧。', 'gbk'],
    ['Japanese in Shift_JIS', 'I: その時どう感じましたか？\nP: 恥ずかしかったです。', 'shift_jis'],
  ])('refuses %s rather than showing mojibake', (_, text, enc) => {
    const e = errorOf(() => decodeTranscriptBytes('D02_S1_client.txt', iconv.encode(text, enc)));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toMatch(/^D02_S1_client\.txt is not valid UTF-8 and its encoding could not be recognised/);
  });

  it('refuses a UTF-8 file with a broken byte instead of reading its accents as Windows-1252', () => {
    const good = new TextEncoder().encode('I: Ça va?\nP: Très bien.\nI: Und dann?\n');
    const bytes = new Uint8Array([...good, ...new TextEncoder().encode('P: Sch'), 0xf6, ...new TextEncoder().encode('n.')]);
    const e = errorOf(() => decodeTranscriptBytes('D03_S1_client.txt', bytes));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toMatch(/^D03_S1_client\.txt is not valid UTF-8: byte \d+ \(line 4\) is not part of any character/);
  });

  it('refuses a UTF-8 file cut off in the middle of a character', () => {
    const full = new TextEncoder().encode('I: Ça va?\nP: Gut — danke');
    const cut = full.subarray(0, full.indexOf(0xe2) + 2);
    const e = errorOf(() => decodeTranscriptBytes('cut.txt', cut));
    expect(e.message).toMatch(/^cut\.txt is not valid UTF-8: it ends in the middle of a character \(line 2\)/);
  });

  it('still reads a Western file that ends in an accented letter and a curly quote', () => {
    const text = 'I: What did he order?\nP: He said “café”';
    expect(decodeTranscriptBytes('old.txt', iconv.encode(text, 'windows-1252')).text).toBe(text);
    expect(decodeTranscriptBytes('old.txt', iconv.encode('P: Café', 'windows-1252')).text).toBe('P: Café');
  });

  it('refuses binary data, naming the file', () => {
    const bytes = new Uint8Array(600);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
    const e = errorOf(() => decodeTranscriptBytes('photo.txt', bytes));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toBe('photo.txt is not a text file (it contains binary data)');
  });

  it('refuses many control characters even without NUL bytes', () => {
    const bytes = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41));
    expect(errorOf(() => decodeTranscriptBytes('x.txt', bytes)).message).toMatch(/is not a text file/);
  });

  it('tolerates a stray control character in an otherwise ordinary text', () => {
    const bytes = new TextEncoder().encode(`I: Hello?\x1a\nP: Hi.\x0b`);
    expect(decodeTranscriptBytes('x.txt', bytes).encoding).toBe('UTF-8');
  });
});
