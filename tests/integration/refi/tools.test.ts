/**
 * Files imitating what NVivo, ATLAS.ti, QualCoder and MAXQDA write (tests/fixtures/refi/, hand-written): the
 * passages a researcher coded there must be the passages Dyad shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { readSnapshot } from '../../../electron/snapshot/read';
import { importQdpxIntoProject } from '../../../electron/refi/importQdpx';
import { readQdpx } from '../../../electron/refi/readQdpx';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { tempDir } from '../../helpers/tmp';
import { FIXTURES, zipFolder } from './helpers';

const tmp = tempDir('dyad-refi-tools-');
afterAll(() => tmp.cleanup());

/** Coded passages as "code: passage" lines, sorted. */
function passages(s: ProjectSnapshot): string[] {
  const code = new Map(s.codes.map((c) => [c.id, c.name]));
  const text = new Map(s.interviews.map((i) => [i.id, i.text]));
  const coder = new Map(s.coders.map((c) => [c.id, c.name]));
  return s.codings.map((c) => `${code.get(c.codeId)} [${coder.get(c.coderId)}]: ${text.get(c.interviewId)!.slice(c.start, c.end)}`).sort();
}

describe('NVivo', () => {
  it('Sources/ folder, UTF-16 positions, upper-case GUIDs in braces, BOMs, CRLF', async () => {
    const read = await readQdpx(await zipFolder(join(FIXTURES, 'nvivo'), tmp.path('nvivo.qdpx')));
    expect(read.positionUnit).toBe('utf16');
    expect(passages(read.snapshot)).toEqual([
      'Countertransference [Mira Castellanos]: I had pushed too hard',
      'Eye contact [Mira Castellanos]: I could not make eye contact',
      'Feeling seen [Mira Castellanos]: Just to be met',
      'Feeling seen [Tomasz Wieczorek]: being understood mattered most',
      'Feeling seen [Tomasz Wieczorek]: she sees me',
      'Rescuing [Tomasz Wieczorek]: a pull to rescue her',
      'Withdrawal [Mira Castellanos]: Just to be met',
    ]);
    const s = read.snapshot;
    // GUIDs arrive as Dyad ids: lower case, no braces.
    expect(s.interviews.map((i) => i.id).sort()).toEqual(['9b2e7c1a-3d4f-4a5b-8c6d-7e8f9a0b1c2d', 'a1b2c3d4-e5f6-4789-9abc-def012345678']);
    // The BOM is not part of the text; CRLF is.
    const client = s.interviews.find((i) => i.sourceName === 'D04_S1_client')!;
    expect(client.text.startsWith('I: [video 00:02:10]')).toBe(true);
    expect(client.text).toContain('\r\n');
    // Turns and recall moments found in the text, pointing into it as it is.
    expect(client.turns.map((t) => t.speaker)).toEqual(['I', 'C', 'I', 'C', 'I', 'C']);
    expect(client.moments.map((m) => m.sessionTime)).toEqual([130, 285]);
    // Hierarchy, codes not meant for coding still imported, memos where NVivo attached them.
    const code = (n: string) => s.codes.find((c) => c.name === n)!;
    expect(code('Eye contact').parentId).toBe(code('Feeling seen').id);
    expect(code('Feeling seen').definition).toBe('Moments when the client experiences being recognised by the therapist.');
    expect(code('Rescuing').color).toBe('#888888');
    const memo = (t: string) => s.memos.find((m) => m.title === t)!;
    expect(memo('Withdrawal: working definition')).toMatchObject({ targetKind: 'code', targetId: code('Withdrawal').id });
    expect(memo('Recording quality')).toMatchObject({ targetKind: 'interview', targetId: client.id, text: 'Audio drops briefly at 00:03:10 & again near the end.' });
    const turning = memo('Turning point');
    expect(turning.targetKind).toBe('coding');
    const coding = s.codings.find((c) => c.id === turning.targetId)!;
    expect(client.text.slice(coding.start, coding.end)).toBe('she sees me');
    // NVivo's case is a person, not a dyad: said, not silently dropped.
    expect(read.warnings.join('\n')).toMatch(/1 case and its variables were not imported/);
  });

  it('UTF-16 positions are recognised from the selections alone, without the origin attribute', async () => {
    const withoutOrigin = (name: string, data: Buffer) =>
      name.endsWith('.qde') ? Buffer.from(data.toString('utf8').replace(/ origin="[^"]*"/, '')) : data;
    const file = await zipFolder(join(FIXTURES, 'nvivo'), tmp.path('nvivo-no-origin.qdpx'), undefined, withoutOrigin);
    const read = await readQdpx(file);
    expect(read.positionUnit).toBe('utf16');
    expect(read.warnings.join('\n')).toMatch(/UTF-16 code units/);
  });
});

describe('ATLAS.ti', () => {
  it('a .qde named after the project, a UTF-16 text source, a note stored as a file', async () => {
    const read = await readQdpx(await zipFolder(join(FIXTURES, 'atlasti'), tmp.path('atlas.qdpx')));
    expect(read.qdeName).toBe('Relational study.qde');
    expect(read.positionUnit).toBe('code-points');
    expect(passages(read.snapshot)).toEqual([
      'Early-session unease [Ines Albuquerque]: felt like a verdict',
      'Terror [Ines Albuquerque]: terrified of getting it wrong',
      'Wish to disappear [Ines Albuquerque]: I wanted to disappear',
    ]);
    expect(read.snapshot.interviews[0]!.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Client', 'Interviewer', 'Client']);
    expect(read.snapshot.memos).toEqual([
      expect.objectContaining({ title: 'Comment on the verdict', targetKind: 'project', text: 'The client hears the pause as judgement; compare with the therapist’s account.' }),
    ]);
  });

  it('a PDF transcript is read through its text representation; codings of PDF areas are counted as left out', async () => {
    // The same transcript as a PDFSource: its text and text codings inside <Representation>, one area coding beside.
    const asPdf = (name: string, data: Buffer) => {
      if (!name.endsWith('.qde')) return data;
      const xml = data.toString('utf8');
      const area =
        '<PDFSelection guid="7c0a5e2e-1b44-4c55-9a66-0d1e2f3a4b5c" page="1" firstX="10" firstY="10" secondX="200" secondY="40">' +
        '<Coding guid="8d1b6f3f-2c55-4d66-8b77-1e2f3a4b5c6d"><CodeRef targetGUID="6b68e402-77a7-485f-b233-a88574509ed7"/></Coding></PDFSelection>';
      return Buffer.from(
        xml
          .replace('<TextSource guid="5d1e2f3a', `<PDFSource guid="0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" name="Dyad 7 - session 2 - client.pdf" path="internal://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.pdf">${area}<Representation guid="5d1e2f3a`)
          .replace('name="Dyad 7 - session 2 - client" ', '')
          .replace('</TextSource>', '</Representation></PDFSource>'),
      );
    };
    const read = await readQdpx(await zipFolder(join(FIXTURES, 'atlasti'), tmp.path('atlas-pdf.qdpx'), undefined, asPdf));
    expect(passages(read.snapshot)).toEqual([
      'Early-session unease [Ines Albuquerque]: felt like a verdict',
      'Terror [Ines Albuquerque]: terrified of getting it wrong',
      'Wish to disappear [Ines Albuquerque]: I wanted to disappear',
    ]);
    expect(read.snapshot.interviews.map((i) => i.sourceName)).toEqual(['Dyad 7 - session 2 - client.pdf']);
    expect(read.warnings.join('\n')).toMatch(/1 PDF source was imported from its text layer; 1 coding of PDF areas \(regions of a page, not text\) was not imported/u);
  });

  it('older versions’ Project.qde reads the same', async () => {
    const file = await zipFolder(join(FIXTURES, 'atlasti'), tmp.path('atlas-old.qdpx'), (n) => (n.endsWith('.qde') ? 'Project.qde' : n));
    const read = await readQdpx(file);
    expect(read.qdeName).toBe('Project.qde');
    expect(read.snapshot.codings).toHaveLength(3);
  });
});

describe('QualCoder', () => {
  it('sources/ in lower case, code points, empty selection names, two coders on one passage', async () => {
    const read = await readQdpx(await zipFolder(join(FIXTURES, 'qualcoder'), tmp.path('qc.qdpx')));
    expect(read.positionUnit).toBe('code-points');
    expect(passages(read.snapshot)).toEqual([
      'Feeling unseen [leila]: nobody here really sees me',
      'Repair [sam]: We found our way back',
      'Trust [leila]: felt trust again',
      'Trust [sam]: felt trust again',
    ]);
  });

  it('a project.qde saved as UTF-16 reads the same', async () => {
    const utf16 = (name: string, data: Buffer) =>
      name.endsWith('.qde') ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(data.toString('utf8').replace('encoding="utf-8"', 'encoding="utf-16"'), 'utf16le')]) : data;
    const read = await readQdpx(await zipFolder(join(FIXTURES, 'qualcoder'), tmp.path('qc16.qdpx'), undefined, utf16));
    expect(passages(read.snapshot)).toHaveLength(4);
    expect(passages(read.snapshot)[0]).toBe('Feeling unseen [leila]: nobody here really sees me');
  });
});

describe('plainTextPath forms', () => {
  const withPath = (path: string) => (name: string, data: Buffer) =>
    name.endsWith('.qde') ? Buffer.from(data.toString('utf8').replace(/plainTextPath="[^"]*"/, `plainTextPath="${path}"`)) : data;

  it('relative:// points outside the archive: the copy inside it is used, and the warning says so', async () => {
    const file = await zipFolder(join(FIXTURES, 'qualcoder'), tmp.path('rel.qdpx'), undefined, withPath('relative://transcripts/0f0e0d0c-0b0a-4909-8807-060504030201.txt'));
    const read = await readQdpx(file);
    expect(read.snapshot.codings).toHaveLength(4);
    expect(read.warnings.join('\n')).toMatch(/1 source points outside the archive \(relative:\/\/transcripts\/.*\); the copy inside the archive was used/);
  });

  it('absolute:// to a file that is not in the archive: the source is left out, with a warning', async () => {
    const file = await zipFolder(join(FIXTURES, 'qualcoder'), tmp.path('abs.qdpx'), undefined, withPath('absolute://C:/Users/leila/Documents/interview 12.txt'));
    const read = await readQdpx(file);
    expect(read.snapshot.interviews).toEqual([]);
    expect(read.warnings.join('\n')).toMatch(/"D12_S3_therapist\.txt" \(its text is outside the archive \(absolute:\/\/C:\/Users\/leila\/Documents\/interview 12\.txt\)\); 4 coded passages/);
  });

  it('URL-encoded internal paths are found', async () => {
    const file = await zipFolder(
      join(FIXTURES, 'qualcoder'),
      tmp.path('enc.qdpx'),
      (n) => (n.startsWith('sources/') ? 'sources/therapist interview.txt' : n),
      withPath('internal://therapist%20interview.txt'),
    );
    expect((await readQdpx(file)).snapshot.codings).toHaveLength(4);
  });
});

describe('a source with only a Word copy (richTextPath)', () => {
  const GUID = '0f0e0d0c-0b0a-4909-8807-060504030201';
  const wordCopy = async () => {
    const text = readFileSync(join(FIXTURES, 'qualcoder', 'sources', `${GUID}.txt`), 'utf8');
    expect(text).not.toContain('\r');
    // One Word paragraph per line of the plain text: the text Dyad reads back is the same, line for line.
    const lines = text.replace(/\n$/u, '').split('\n');
    return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })));
  };

  it('reads the text from the Word copy, puts the codings on the same passages, and says so', async () => {
    const docx = await wordCopy();
    const file = await zipFolder(
      join(FIXTURES, 'qualcoder'),
      tmp.path('rich.qdpx'),
      (n) => (n.startsWith('sources/') ? `sources/${GUID}.docx` : n),
      (name, data) =>
        name.endsWith('.qde') ? Buffer.from(data.toString('utf8').replace(/plainTextPath="[^"]*"/u, `richTextPath="internal://${GUID}.docx"`)) : name.startsWith('sources/') ? docx : data,
    );
    const read = await readQdpx(file);
    expect(read.snapshot.interviews).toHaveLength(1);
    expect(passages(read.snapshot)).toEqual([
      'Feeling unseen [leila]: nobody here really sees me',
      'Repair [sam]: We found our way back',
      'Trust [leila]: felt trust again',
      'Trust [sam]: felt trust again',
    ]);
    expect(read.warnings.join('\n')).toMatch(/1 source has no plain-text copy \("D12_S3_therapist\.txt"\); the text was read from the Word copy/u);
  });

  it('a Word copy that is not a Word document leaves that source out, naming why', async () => {
    const file = await zipFolder(
      join(FIXTURES, 'qualcoder'),
      tmp.path('rich-bad.qdpx'),
      (n) => (n.startsWith('sources/') ? `sources/${GUID}.docx` : n),
      (name, data) =>
        name.endsWith('.qde') ? Buffer.from(data.toString('utf8').replace(/plainTextPath="[^"]*"/u, `richTextPath="internal://${GUID}.docx"`)) : name.startsWith('sources/') ? Buffer.from('not a zip at all') : data,
    );
    const read = await readQdpx(file);
    expect(read.snapshot.interviews).toEqual([]);
    expect(read.warnings.join('\n')).toMatch(/D12_S3_therapist\.txt/u);
  });
});

describe('a codebook-only project (MAXQDA, documents left out)', () => {
  it('imports the codes and coders, and says what it could not import', async () => {
    const read = await readQdpx(await zipFolder(join(FIXTURES, 'codebook-only'), tmp.path('codebook.qdpx')));
    const s = read.snapshot;
    expect(s.interviews).toEqual([]);
    expect(s.codings).toEqual([]);
    expect(s.codes.map((c) => c.name).sort()).toEqual(['Genuineness', 'Real relationship', 'Unnamed code']);
    expect(s.codes.find((c) => c.name === 'Unnamed code')!.color).toBe('#cccccc');
    expect(s.coders.map((c) => c.name)).toEqual(['Dana Okafor']);
    const w = read.warnings.join('\n');
    expect(w).toMatch(/the text of 1 source is not in the file.*"Interview 3".*1 coded passage/);
    expect(w).toMatch(/had no name/);
  });

  it('goes into a project as a new codebook named after the file', async () => {
    const file = await zipFolder(join(FIXTURES, 'codebook-only'), tmp.path('Shared codebook.qdpx'));
    const p = Project.open(tmp.path('cb.dyad'), { create: true });
    try {
      const r = await importQdpxIntoProject(p.db, file, 'auto');
      expect(r).toMatchObject({ codes: 3, codings: 0, interviewIds: [] });
      const s = readSnapshot(p.db);
      expect(s.codebooks.map((b) => b.name)).toEqual(['Shared codebook']);
      expect(s.coders.map((c) => c.name)).toEqual(['Dana Okafor']);
    } finally {
      p.close();
    }
  });
});
