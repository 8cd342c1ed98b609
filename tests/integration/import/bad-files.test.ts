/**
 * The bad-input corpus: every file a researcher might pick by mistake, or that arrives damaged or hostile, is
 * refused with a 'bad-file' error that names the file and says what is wrong with it. Word documents that fail
 * the zip checks never reach mammoth.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { readTranscriptFile, readTranscriptPath } from '../../../electron/import/readTranscript';
import { deflatedEntry, makeDocx, makeZip } from './zipBytes';

const mammothCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('mammoth', async (importOriginal) => {
  const actual = (await importOriginal<{ default: typeof import('mammoth') }>()).default;
  return {
    default: {
      ...actual,
      convertToHtml: (...args: Parameters<typeof actual.convertToHtml>) => {
        mammothCalls.n++;
        return actual.convertToHtml(...args);
      },
      extractRawText: (...args: Parameters<typeof actual.extractRawText>) => {
        mammothCalls.n++;
        return actual.extractRawText(...args);
      },
    },
  };
});

async function refusal(p: Promise<unknown>): Promise<DyadError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DyadError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const DOCUMENT_XML =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:body><w:p><w:r><w:t>I: Hello?</w:t></w:r></w:p></w:body></w:document>';

let goodDocx: Buffer;
beforeAll(async () => {
  goodDocx = await makeDocx(['I: What was happening there?', 'P: I wanted to leave.']);
});
beforeEach(() => {
  mammothCalls.n = 0;
});

describe('files Dyad refuses', () => {
  it('an empty file', async () => {
    for (const name of ['D01_S1_client.txt', 'D01_S1_client.docx', 'D01_S1_client.vtt']) {
      const e = await refusal(readTranscriptFile(name, new Uint8Array(0)));
      expect(e.kind).toBe('bad-file');
      expect(e.message).toBe(`${name} is empty`);
    }
    expect((await refusal(readTranscriptFile('blank.txt', utf8('\n  \r\n\t')))).message).toBe('blank.txt is empty');
  });

  it('a binary file named .txt', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0, 0, 7]);
    const e = await refusal(readTranscriptFile('interview.txt', png));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toBe('interview.txt is not a text file (it contains binary data)');
  });

  it('a truncated Word document', async () => {
    const e = await refusal(readTranscriptFile('D03_S2_therapist.docx', goodDocx.subarray(0, Math.floor(goodDocx.length / 2))));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toMatch(/^D03_S2_therapist\.docx is damaged or incomplete/);
    expect(mammothCalls.n).toBe(0);
  });

  it('a Word document that is not a zip at all', async () => {
    const e = await refusal(readTranscriptFile('notes.docx', utf8('I: this is plain text saved with the wrong name')));
    expect(e.message).toBe('notes.docx is not a Word document (not a zip archive)');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(readTranscriptFile('old.docx', ole))).message).toMatch(/^old\.docx is not a Word document \(not a zip archive\): it is an old Word \.doc/);
    expect(mammothCalls.n).toBe(0);
  });

  it('a zip without a Word document inside', async () => {
    const zip = makeZip([deflatedEntry('readme.txt', utf8('hello'))]);
    const e = await refusal(readTranscriptFile('archive.docx', zip));
    expect(e.message).toBe('archive.docx is not a Word document: it is a zip archive without word/document.xml');
    expect(mammothCalls.n).toBe(0);
  });

  it('a zip bomb: one part that inflates a thousandfold', async () => {
    const zeros = new Uint8Array(40 * 1024 * 1024);
    const zip = makeZip([deflatedEntry('[Content_Types].xml', utf8('<Types/>')), deflatedEntry('word/document.xml', zeros)]);
    expect(zip.length).toBeLessThan(200 * 1024);
    const e = await refusal(readTranscriptFile('D05_S1_client.docx', zip));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toMatch(/^D05_S1_client\.docx looks like a zip bomb: "word\/document\.xml" would grow \d+ times/);
    expect(mammothCalls.n).toBe(0);
  });

  it('a zip bomb: parts that claim more than 200 MB in all', async () => {
    const small = utf8(DOCUMENT_XML);
    const entries = [deflatedEntry('word/document.xml', small)];
    // Each part packs only 1:170, under the ratio limit; together they claim 250 MB. Never inflated.
    const packed = new Uint8Array(300 * 1024).map((_, i) => (i * 7919) % 251);
    for (let i = 0; i < 5; i++) entries.push({ name: `word/media/image${i}.png`, stored: packed, method: 8, uncompressedSize: 50 * 1024 * 1024, crc: 0 });
    const e = await refusal(readTranscriptFile('D05_S1_client.docx', makeZip(entries)));
    expect(e.message).toMatch(/^D05_S1_client\.docx looks like a zip bomb: its contents would take more than 200 MB/);
    expect(mammothCalls.n).toBe(0);
  });

  it('a zip bomb: a part that lies about its size', async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x41);
    const zip = makeZip([deflatedEntry('word/document.xml', big, 4000)]);
    const e = await refusal(readTranscriptFile('D05_S1_client.docx', zip));
    expect(e.message).toMatch(/^D05_S1_client\.docx looks like a zip bomb: "word\/document\.xml" unpacks to more than it declares/);
    expect(mammothCalls.n).toBe(0);
  });

  it('a zip bomb: too many parts', async () => {
    const entries = [deflatedEntry('word/document.xml', utf8(DOCUMENT_XML))];
    for (let i = 0; i < 5001; i++) entries.push(deflatedEntry(`x/${i}`, utf8('')));
    const e = await refusal(readTranscriptFile('many.docx', makeZip(entries)));
    expect(e.message).toMatch(/^many\.docx looks like a zip bomb: it holds 5002 parts/);
    expect(mammothCalls.n).toBe(0);
  });

  it('invalid UTF-8 that is not a Western single-byte text either', async () => {
    const cyrillic = iconv.encode('I: Что вы почувствовали?\nP: Мне стало стыдно, очень стыдно.', 'koi8-r');
    const e = await refusal(readTranscriptFile('D06_S1_client.txt', cyrillic));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toMatch(/^D06_S1_client\.txt is not valid UTF-8 and its encoding could not be recognised/);
  });

  it('a file over the size limit, before reading it from disk', async () => {
    const bytes = utf8('I: Hello?\nP: Hi.\n'.repeat(100));
    const e = await refusal(readTranscriptFile('long.txt', bytes, { maxBytes: 1000 }));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toBe('long.txt is too large to be a transcript: 2 KB (the limit is 1 KB)');
    expect((await refusal(readTranscriptPath(join(dir, 'long.txt'), { maxBytes: 1000 }))).message).toMatch(/^long\.txt is too large/);
  });

  it('a file with nothing to import but timings and markers', async () => {
    const e = await refusal(readTranscriptFile('D08_S1_client.txt', utf8('[video 00:01:00]\n00:02:00\n\n[video 00:03:00]')));
    expect(e.kind).toBe('bad-file');
    expect(e.message).toMatch(/^D08_S1_client\.txt: no words to import/);
  });

  it('a PDF or RTF picked by mistake', async () => {
    expect((await refusal(readTranscriptFile('D01_S1_client.pdf', utf8('%PDF-1.7\n...')))).message).toMatch(/^D01_S1_client\.pdf is a PDF file/);
    expect((await refusal(readTranscriptFile('D01_S1_client.txt', utf8('{\\rtf1\\ansi I: hello}')))).message).toMatch(/^D01_S1_client\.txt is an RTF file/);
  });

  it('a path that does not exist', async () => {
    const e = await refusal(readTranscriptPath(join(dir, 'missing.docx')));
    expect(e.kind).toBe('io');
    expect(e.message).toContain('missing.docx');
  });

  it('still reads the good Word document these were made from', async () => {
    const p = await readTranscriptFile('D03_S2_therapist.docx', goodDocx);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'P']);
    expect(mammothCalls.n).toBe(1);
  });
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dyad-import-'));
  await writeFile(join(dir, 'long.txt'), 'I: Hello?\nP: Hi.\n'.repeat(100));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
