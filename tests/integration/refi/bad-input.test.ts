/**
 * Files that must be refused with a clear message, leaving the project exactly as it was: not a zip, zip bombs
 * (lying about their size, or inflating absurdly), zip slip, XXE, selections outside their text, codings of codes
 * that do not exist, broken XML.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { importQdpxIntoProject } from '../../../electron/refi/importQdpx';
import { ZipWriter } from '../../../electron/refi/zipWrite';
import { DyadError } from '../../../shared/api/errors';
import { tempDir } from '../../helpers/tmp';
import { FIXTURES, tableCounts, zipFolder } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-bad-');
let project: Project;
let before: Record<string, number>;

beforeAll(() => {
  project = Project.open(tmp.path('target.dyad'), { create: true });
  writeSnapshotInto(project.db, generateStudy({ dyads: 1, sessions: 1, wordsPerInterview: 200, codingsPerInterview: 5 }));
  before = tableCounts(project.db);
});
afterAll(() => {
  project.close();
  tmp.cleanup();
});

const QC_QDE = readFileSync(join(FIXTURES, 'qualcoder/project.qde'), 'utf8');
const QC_TEXT = 'sources/0f0e0d0c-0b0a-4909-8807-060504030201.txt';

/** The QualCoder fixture with its project.qde (and optionally more entries) replaced. */
async function qualcoderWith(name: string, qde: string, extra: [string, Buffer][] = []): Promise<string> {
  const out = tmp.path(name);
  const zip = await ZipWriter.create(out);
  await zip.addFile('project.qde', qde);
  await zip.addFile(QC_TEXT, readFileSync(join(FIXTURES, 'qualcoder', QC_TEXT)));
  for (const [n, d] of extra) await zip.addFile(n, d);
  await zip.finish();
  return out;
}

/** Rewrites raw bytes of a zip's central directory entry (and its local header) for the entry named `name`. */
function patchEntry(file: string, name: string, patch: { declaredSize?: number; newName?: string }): void {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let k = 0; k < count; k++) {
    const nameLen = buf.readUInt16LE(at + 28);
    const entryName = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const local = buf.readUInt32LE(at + 42);
    if (entryName === name) {
      if (patch.declaredSize !== undefined) {
        buf.writeUInt32LE(patch.declaredSize, at + 24);
        buf.writeUInt32LE(patch.declaredSize, local + 22);
      }
      if (patch.newName !== undefined) {
        expect(Buffer.byteLength(patch.newName)).toBe(nameLen);
        buf.write(patch.newName, at + 46, 'utf8');
        buf.write(patch.newName, local + 30, 'utf8');
      }
    }
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  writeFileSync(file, buf);
}

/** Imports into a project that has work in it; returns the error, after checking nothing changed. */
async function refused(file: string): Promise<DyadError> {
  const err = await importQdpxIntoProject(project.db, file, 'auto').then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DyadError);
  expect(tableCounts(project.db)).toEqual(before);
  return err as DyadError;
}

describe('importing a bad .qdpx', () => {
  it('a file that is not a zip archive', async () => {
    const file = tmp.path('notes.qdpx');
    writeFileSync(file, 'These are my notes, not a project.');
    const err = await refused(file);
    expect(err.kind).toBe('bad-file');
    expect(err.message).toBe('notes.qdpx is not a REFI-QDA project (not a zip archive).');
  });

  it('a zip bomb whose entry inflates to more than it declares', async () => {
    const big = Buffer.from('I: word word word\n'.repeat(300_000)); // 5.4 MB, packs to a few KB
    const file = await qualcoderWith('liar.qdpx', QC_QDE.replace(`internal://0f0e0d0c-0b0a-4909-8807-060504030201.txt`, 'internal://big.txt'), [['sources/big.txt', big]]);
    patchEntry(file, 'sources/big.txt', { declaredSize: 1000 });
    const err = await refused(file);
    expect(err.kind).toBe('bad-file');
    expect(err.message).toMatch(/^liar\.qdpx looks like a zip bomb: "sources\/big\.txt" unpacks to more than the 1000 bytes it declares/);
  });

  it('a zip bomb that honestly declares an absurd packing ratio', async () => {
    const file = await qualcoderWith('ratio.qdpx', QC_QDE, [['sources/zeros.txt', Buffer.alloc(30 * 1024 * 1024)]]);
    const err = await refused(file);
    expect(err.message).toMatch(/^ratio\.qdpx looks like a zip bomb: "sources\/zeros\.txt" would grow \d+ times/);
  });

  it('an entry whose path climbs out of the folder (zip slip)', async () => {
    const file = await qualcoderWith('slip.qdpx', QC_QDE, [['xx/evil.txt', Buffer.from('x')]]);
    patchEntry(file, 'xx/evil.txt', { newName: '../evil.txt' });
    const err = await refused(file);
    expect(err.message).toMatch(/^slip\.qdpx contains an entry with an unsafe path/);
  });

  it('XML with a DOCTYPE and an external entity (XXE)', async () => {
    const xxe = QC_QDE.replace('<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
      'name="leila"',
      'name="&xxe;"',
    );
    const err = await refused(await qualcoderWith('xxe.qdpx', xxe));
    expect(err.kind).toBe('bad-file');
    expect(err.message).toContain('xxe.qdpx (project.qde): refuses XML with a DOCTYPE/entity declarations (possible XXE)');
    expect(err.message).not.toMatch(/root:/);
  });

  it('a selection outside its text', async () => {
    const qde = QC_QDE.replace('startPosition="238" endPosition="254"', 'startPosition="238" endPosition="9999"');
    const err = await refused(await qualcoderWith('outside.qdpx', qde));
    expect(err.kind).toBe('bad-file');
    expect(err.message).toMatch(/^outside\.qdpx: PlainTextSelection [0-9a-f-]{36} of source "D12_S3_therapist\.txt" runs from position 238 to 9999, outside the source's text \(\d+ characters\)\. Nothing was imported\.$/);
  });

  it('a coding of a code the codebook does not have', async () => {
    const trust = /<Code guid="([^"]+)" name="Trust"/.exec(QC_QDE)![1]!;
    const qde = QC_QDE.replace(`<CodeRef targetGUID="${trust}"/>`, '<CodeRef targetGUID="{DEADBEEF-0000-4000-8000-000000000000}"/>');
    const err = await refused(await qualcoderWith('missing-code.qdpx', qde));
    expect(err.message).toMatch(/^missing-code\.qdpx: Coding [0-9a-f-]{36} in PlainTextSelection .* refers to the code deadbeef-0000-4000-8000-000000000000, which is not in the codebook\. Nothing was imported\.$/);
  });

  it('XML that is not well-formed', async () => {
    const err = await refused(await qualcoderWith('broken.qdpx', QC_QDE.replace('</Codes>', '</Code>')));
    expect(err.message).toMatch(/^broken\.qdpx \(project\.qde\) is not well-formed XML \(line \d+, column \d+/);
  });

  it('an archive without a project', async () => {
    const out = tmp.path('empty.qdpx');
    const zip = await ZipWriter.create(out);
    await zip.addFile('readme.txt', 'nothing here');
    await zip.finish();
    const err = await refused(out);
    expect(err.message).toBe('empty.qdpx is not a REFI-QDA project: it has no project.qde. Nothing was imported.');
  });

  it('a good file still imports after all that (the refusals were about the files)', async () => {
    const file = await zipFolder(join(FIXTURES, 'qualcoder'), tmp.path('D-good.qdpx'));
    const r = await importQdpxIntoProject(project.db, file, 'auto');
    expect(r.codings).toBe(4);
    expect(tableCounts(project.db).codings).toBe(before.codings! + 4);
  });
});
