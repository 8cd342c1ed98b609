import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { readQdpx } from '../../../electron/refi/readQdpx';
import { openSafeZip } from '../../../electron/refi/zipRead';
import { DyadError } from '../../../shared/api/errors';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { utf16ToCodePoint } from '../../../shared/text/offsets';
import { tempDir } from '../../helpers/tmp';
import { absent, entryText, noUnzip, PROJECT_XSD, schemaErrors, sorted, tableCounts } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-');
let source: Project;
let original: ProjectSnapshot;
let qde: string;
let qdpx: string;

beforeAll(async () => {
  source = Project.open(tmp.path('study.dyad'), { create: true });
  writeSnapshotInto(source.db, generateStudy({ dyads: 3, sessions: 2, wordsPerInterview: 1200, codingsPerInterview: 40 }));
  original = readSnapshot(source.db);
  qdpx = tmp.path('study.qdpx');
  await exportQdpx(source.db, qdpx);
  qde = await entryText(qdpx, 'project.qde');
});
afterAll(() => {
  source.close();
  tmp.cleanup();
});

describe('exporting a project to REFI-QDA (.qdpx)', () => {
  it.skipIf(absent(PROJECT_XSD, 'validating project.qde against Project.xsd'))('writes a project.qde that validates against the standard’s Project.xsd', async () => {
    const file = tmp.path('project.qde');
    writeFileSync(file, qde);
    expect(await schemaErrors(file, PROJECT_XSD)).toBe('');
  });

  it.skipIf(noUnzip())('writes an archive that unzip reads without complaint', () => {
    expect(() => execFileSync('unzip', ['-tq', qdpx], { stdio: 'pipe' })).not.toThrow();
  });

  it('puts every interview and memo as UTF-8 text in sources/, named and referenced by its id, and Dyad’s own data in dyad.json', async () => {
    const zip = await openSafeZip(qdpx, 'study.qdpx');
    try {
      const names = zip.entries.map((e) => e.name).sort();
      expect(names).toEqual(['project.qde', 'dyad.json', ...[...original.interviews, ...original.memos].map((i) => `sources/${i.id}.txt`)].sort());
      for (const m of original.memos) expect((await zip.read(zip.find(`sources/${m.id}.txt`)!)).toString('utf8')).toBe(m.text);
      for (const i of original.interviews) {
        expect((await zip.read(zip.find(`sources/${i.id}.txt`)!)).toString('utf8')).toBe(i.text);
        expect(qde).toContain(`plainTextPath="internal://${i.id}.txt"`);
      }
    } finally {
      zip.close();
    }
  });

  it('counts selection positions in code points, as the standard says, even after emoji and 𝄞', () => {
    const afterAstral = original.codings.filter((c) => {
      const text = original.interviews.find((i) => i.id === c.interviewId)!.text;
      return /[\uD800-\uDBFF]/.test(text.slice(0, c.start));
    });
    expect(afterAstral.length).toBeGreaterThan(20);
    for (const c of afterAstral) {
      const text = original.interviews.find((i) => i.id === c.interviewId)!.text;
      const m = new RegExp(`<PlainTextSelection guid="${c.id}" startPosition="(\\d+)" endPosition="(\\d+)"`).exec(qde);
      expect(m, c.id).not.toBeNull();
      expect([Number(m![1]), Number(m![2])]).toEqual([utf16ToCodePoint(text, c.start), utf16ToCodePoint(text, c.end)]);
      expect(Number(m![1])).toBeLessThan(c.start); // really a different number from the UTF-16 offset
    }
  });

  it('names sources so other tools and Dyad’s file-name pattern both recognise them', () => {
    const i = original.interviews.find((x) => x.dyad === '2' && x.session === 1 && x.role === 'therapist')!;
    expect(qde).toContain(`<TextSource guid="${i.id}" name="D2 S1 therapist"`);
  });

  it('keeps ids from one export to the next, so exported copies can be merged', async () => {
    const again = tmp.path('again.qdpx');
    await exportQdpx(source.db, again);
    const guids = (x: string) => [...x.matchAll(/guid="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(guids(await entryText(again, 'project.qde'))).toEqual(guids(qde));
    for (const c of original.codings) expect(qde).toContain(`guid="${c.id}"`);
  });

  it('can be cancelled, and then leaves no file', async () => {
    const controller = new AbortController();
    controller.abort();
    const target = tmp.path('cancelled.qdpx');
    const err = await exportQdpx(source.db, target, { signal: controller.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(DyadError);
    expect(err.kind).toBe('cancelled');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says which folder it cannot write to, and leaves nothing behind', async () => {
    const target = tmp.path('no/such/folder/study.qdpx');
    const err = await exportQdpx(source.db, target).catch((e) => e);
    expect(err).toBeInstanceOf(DyadError);
    expect(err.kind).toBe('io');
    expect(err.message).toContain(target);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('reading it back (.qdpx → Dyad)', () => {
  it('keeps every code, coding, coder, memo, dyad, session, attribute, turn and recall moment', async () => {
    const read = await readQdpx(qdpx);
    expect(read.positionUnit).toBe('code-points');
    expect(read.warnings).toEqual([]);
    const target = Project.open(tmp.path('back.dyad'), { create: true });
    try {
      writeSnapshotInto(target.db, read.snapshot);
      const back = readSnapshot(target.db);
      expect(sorted({ ...back, name: original.name })).toEqual(sorted(original));
      // Spot checks a researcher would make.
      const coding = original.codings.find((c) => /[\uD800-\uDBFF]/.test(original.interviews.find((i) => i.id === c.interviewId)!.text.slice(0, c.start)))!;
      const textOf = (s: ProjectSnapshot, id: string) => s.interviews.find((i) => i.id === id)!.text;
      expect(textOf(back, coding.interviewId).slice(coding.start, coding.end)).toBe(textOf(original, coding.interviewId).slice(coding.start, coding.end));
      expect(back.interviews.some((i) => i.text.includes('\r\n'))).toBe(true);
      expect(back.codes.find((c) => c.name === 'Withdrawal')!.definition).toContain('\nExample: this line starts like a label');
      expect(back.memos.find((m) => m.title === 'Study log')!.text).toBe('Line one\r\nLine two with <angle> & "quotes"\n\tindented');
    } finally {
      target.close();
    }
  });
});

describe('writeSnapshotInto', () => {
  it('refuses a project that already has content, and changes nothing', () => {
    const before = tableCounts(source.db);
    expect(() => writeSnapshotInto(source.db, original)).toThrow(/already has/);
    expect(tableCounts(source.db)).toEqual(before);
  });

  it('writes nothing when the snapshot refers to something it does not have', () => {
    const p = Project.open(tmp.path('broken.dyad'), { create: true });
    try {
      const broken = { ...original, codings: [...original.codings, { ...original.codings[0]!, id: 'extra', codeId: 'no-such-code' }] };
      const before = tableCounts(p.db);
      expect(() => writeSnapshotInto(p.db, broken)).toThrow(DyadError);
      expect(tableCounts(p.db)).toEqual(before);
    } finally {
      p.close();
    }
  });
});
