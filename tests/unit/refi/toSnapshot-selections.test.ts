import { describe, expect, it } from 'vitest';
import type { RefiProject, RefiSelection, RefiTextSource } from '../../../shared/refi/model';
import { refiToSnapshot } from '../../../shared/refi/toSnapshot';

// How the REFI-QDA import places a file's selections in the text (shared/refi/toSnapshot.ts): reversed selections
// swapped, a selection that splits an emoji widened to the whole character, positions past the text refused.
// Mutation testing (issue 16, docs/mutation.md) found that removing the swap or the widening passed every REFI test.

const CODE = 'c0de0000-0000-4000-8000-000000000001';
const USER = 'a5e70000-0000-4000-8000-000000000001';
const SOURCE = '50a1ce00-0000-4000-8000-000000000001';
// "C: I felt 🙂 seen." — UTF-16: "C: I felt " 0–10, 🙂 10–12, " seen." 12–18; code points: 🙂 10–11, " seen." 11–17.
const TEXT = 'C: I felt 🙂 seen.';

let n = 0;
function selection(start: number, end: number): RefiSelection {
  n++;
  const hex = String(n).padStart(12, '0');
  return {
    guid: `5e1ec700-0000-4000-8000-${hex}`,
    name: '',
    description: null,
    start,
    end,
    creatingUser: USER,
    creationDateTime: '2026-03-02T10:00:00Z',
    codings: [{ guid: `c0d10000-0000-4000-8000-${hex}`, codeGuid: CODE, creatingUser: USER, creationDateTime: '2026-03-02T10:00:00Z', noteRefs: [] }],
    noteRefs: [],
  };
}

function project(origin: string, selections: RefiSelection[]): RefiProject {
  const source: RefiTextSource = {
    guid: SOURCE, name: 'D01_S1_client', description: null, plainTextPath: null, richTextPath: null, plainTextContent: TEXT,
    creatingUser: USER, creationDateTime: null, modifiedDateTime: null, selections, codings: [], noteRefs: [], variableValues: [],
  };
  return {
    name: 'Selections', origin, creatingUser: USER, creationDateTime: null, basePath: null, description: null,
    users: [{ guid: USER, name: 'Ana' }],
    codes: [{ guid: CODE, name: 'Feeling seen', isCodable: true, color: '#3366cc', description: null, noteRefs: [], children: [] }],
    variables: [], cases: [], sources: [source], otherSources: [], mediaSources: [], notes: [], links: [], sets: [], graphs: 0, noteRefs: [],
  };
}

const read = (origin: string, selections: RefiSelection[]) =>
  refiToSnapshot(project(origin, selections), { where: 'study.qdpx', texts: new Map(), fallbackName: 'study', now: '2026-03-02T12:00:00Z' });
const passages = (r: ReturnType<typeof read>) => r.snapshot.codings.map((c) => TEXT.slice(c.start, c.end));

describe('placing REFI-QDA selections in the text', () => {
  it('a selection written end first is read start first, and the import says how many were swapped', () => {
    const r = read('QualCoder 3.6', [selection(17, 11), selection(3, 9)]);
    expect(r.positionUnit).toBe('code-points');
    expect(passages(r)).toEqual([' seen.', 'I felt']);
    expect(r.warnings).toContain('study.qdpx: 1 selection ended before it started; start and end were swapped.');
  });

  it('reversed selections are counted in the plural', () => {
    const r = read('QualCoder 3.6', [selection(9, 3), selection(17, 12)]);
    expect(passages(r)).toEqual(['I felt', 'seen.']);
    expect(r.warnings).toContain('study.qdpx: 2 selections ended before they started; start and end were swapped.');
  });

  it('in a file counting UTF-16 units, a selection that splits the emoji takes in the whole emoji', () => {
    // NVivo's positions; 11 falls between the halves of 🙂. Three selections: from inside the emoji, to inside it,
    // and one that decides the unit (it only fits UTF-16: it ends at 18, past the 17 code points).
    const r = read('NVivo 14', [selection(11, 18), selection(3, 11), selection(12, 18)]);
    expect(r.positionUnit).toBe('utf16');
    expect(passages(r)).toEqual(['🙂 seen.', 'I felt 🙂', ' seen.']);
    for (const c of r.snapshot.codings) expect([c.start, c.end].every((o) => !/[\udc00-\udfff]/.test(TEXT[o] ?? ''))).toBe(true);
  });

  it('a selection past either end of the text stops the import, naming the selection and the text length', () => {
    const bad = selection(3, 40);
    expect(() => read('QualCoder 3.6', [selection(3, 9), bad])).toThrow(
      `study.qdpx: PlainTextSelection ${bad.guid} of source "D01_S1_client" runs from position 3 to 40, outside the source's text (17 characters). Nothing was imported.`,
    );
    const before = selection(-2, 5);
    expect(() => read('QualCoder 3.6', [before])).toThrow(`PlainTextSelection ${before.guid} of source "D01_S1_client" runs from position -2 to 5, outside`);
    // From the very first character to the very last is inside.
    expect(passages(read('QualCoder 3.6', [selection(0, 17)]))).toEqual([TEXT]);
  });

  it('an empty selection is skipped and counted (not as swapped)', () => {
    const r = read('QualCoder 3.6', [selection(5, 5), selection(3, 9)]);
    expect(passages(r)).toEqual(['I felt']);
    expect(r.warnings).toContain('study.qdpx: 1 empty selection (no characters) was skipped.');
    expect(r.warnings.join('\n')).not.toMatch(/swapped/);
    expect(read('QualCoder 3.6', [selection(5, 5), selection(7, 7)]).warnings).toContain('study.qdpx: 2 empty selections (no characters) were skipped.');
  });

  it('an empty selection coded with a code the codebook lacks still stops the import: a broken file is not half-accepted', () => {
    const empty = selection(5, 5);
    empty.codings[0]!.codeGuid = 'c0de0000-0000-4000-8000-0000000000ff';
    expect(() => read('QualCoder 3.6', [selection(3, 9), empty])).toThrow(
      `study.qdpx: Coding ${empty.codings[0]!.guid} in PlainTextSelection ${empty.guid} of source "D01_S1_client" refers to the code c0de0000-0000-4000-8000-0000000000ff, which is not in the codebook. Nothing was imported.`,
    );
  });
});
