import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { dump, makeStudy, spanOf, type Study } from './fixture';
import { dyad } from '../../helpers/cli';

let study: Study;
let ann: string;
let bea: string;


const coded = (path: string, coder: string, words: string, codePath: string) => {
  const p = Project.open(path);
  C.setCurrentCoder(p.db, coder);
  C.addCoding(p.db, { interviewId: study.clientId, ...spanOf(p.db, study.clientId, words), codeId: C.findCodeByPath(p.db, null, codePath)!.id });
  p.close();
};

beforeAll(() => {
  study = makeStudy();
  ann = study.copy('ann.dyad');
  bea = study.copy('bea.dyad');
  coded(ann, 'Ann', 'I could not look at her', 'Shame');
  coded(bea, 'Bea', 'I could not look at her. I felt small', 'Shame');
  const p = Project.open(bea);
  C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Trust')!.id, { name: 'Trust in the therapist' });
  p.close();
});
afterAll(() => study.cleanup());

describe('dyad merge', () => {
  it('--dry-run --json shows the plan and writes nothing', async () => {
    const before = readFileSync(ann);
    const r = await dyad('merge', ann, bea, '--dry-run', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ file: 'bea.dyad', kind: 'dyad', dryRun: true, applied: null });
    expect(out.summary.codings).toMatchObject({ added: 1, alreadyThere: 0 });
    expect(out.summary.conflicts.map((c: { kind: string }) => c.kind)).toEqual(['code-rename']);
    expect(readFileSync(ann).equals(before)).toBe(true);
  });

  it('merges with the default choices and says what it did; the second time there is nothing to merge', async () => {
    const r = await dyad('merge', ann, bea);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Merging bea.dyad into ann:');
    expect(r.out).toContain('codings: 1 added: 1 by Bea; 0 already here');
    expect(r.out).toMatch(/The code "Trust" is called "Trust in the therapist" in bea\.dyad\. → Keep "Trust"/);
    expect(r.out).toMatch(/Merged\. The project as it was is kept in .*ann\.dyad\.before-merge-.*\.bak; in Dyad, Undo "Merge bea\.dyad"/);
    const backup = /kept in (.*\.bak);/.exec(r.out)![1]!;
    expect(existsSync(backup)).toBe(true);
    const p = Project.open(ann);
    const after = dump(p.db);
    p.close();
    const again = await dyad('merge', ann, bea);
    expect(again.out).toContain('Nothing to merge: everything in bea.dyad is already in ann.');
    const q = Project.open(ann);
    expect(dump(q.db)).toEqual(after);
    q.close();
  });

  it('refuses a file from a newer Dyad, naming it; usage errors exit with 2', async () => {
    const r = await dyad('merge', ann, study.path('missing.dyad'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dyad merge: .*missing\.dyad does not exist/);
    expect((await dyad('merge', ann)).code).toBe(2);
  });
});

describe('dyad agreement', () => {
  it('prints the table, writes JSON, and exports a file', async () => {
    const r = await dyad('agreement', ann, '--coders', 'Ann,Bea', '--unit', 'char');
    expect(r.err).toBe('');
    expect(r.out).toContain('Inter-coder agreement: Ann, Bea — by character, 1 interview compared');
    // Ann coded 23 characters, Bea 37 (the same 23 and 14 more): 284 of 298 agree.
    expect(r.out).toMatch(/Shame\s+298\s+95\.3 %/);
    const json = JSON.parse((await dyad('agreement', ann, '--coders', 'Ann,Bea', '--code', 'Shame', '--unit', 'turn', '--json')).out);
    expect(json.codes).toEqual([expect.objectContaining({ path: 'Shame', units: 5, percent: 1, disagreements: 0 })]);
    const out = study.path('agreement.docx');
    const e = await dyad('agreement', ann, '--coders', 'Ann,Bea', '--export', out);
    expect(e.out.trim()).toBe(`Wrote ${out}`);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('explains what is wrong with the command', async () => {
    expect((await dyad('agreement', ann, '--coders', 'Ann')).code).toBe(2);
    expect((await dyad('agreement', ann, '--coders', 'Ann,Bea', '--unit', 'word')).err).toMatch(/--unit is char, turn or moment/);
    const r = await dyad('agreement', ann, '--coders', 'Ann,Bea', '--code', 'Nope');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No code "Nope"/);
    expect((await dyad('agreement', ann, '--coders', 'Ann,Bea', '--export', study.path('x.pdf'))).err).toMatch(/x\.pdf: the agreement report is written as \.csv, \.xlsx or \.docx/);
  });
});
