/**
 * The planner's ground rules, each on a small hand-made case: which files it refuses (and with what message),
 * which names and texts count as the same, the ids it invents, and how the lead's choices are read.
 */
import { describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { checkSnapshot, collapseSpaces, derivedId, normaliseName, normaliseText, planMerge, resolveMerge } from '../../../shared/merge';
import type { PartsReader } from '../../../shared/merge';
import { normaliseLongText } from '../../../shared/merge/normalise';
import { ConflictLog } from '../../../shared/merge/conflicts';
import { firstDerivedId, freeId } from '../../../shared/merge/ids';
import { CLIENT_TEXT, code, coding, interview, memo, project } from './build';

/** The message a refused file gets, or null when the file is accepted. */
function refusal(s: ProjectSnapshot): string | null {
  try {
    checkSnapshot(s, 'bea.dyad');
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DyadError);
    expect((e as DyadError).kind).toBe('bad-file');
    return (e as Error).message;
  }
}
const refused = (why: string) => `bea.dyad cannot be merged: ${why}. Nothing was changed.`;

describe('a damaged incoming file is refused, naming what is wrong', () => {
  it('codes: listed twice, in no codebook, without a name, with a missing parent or one in another codebook, their own ancestor', () => {
    expect(refusal(project({ codes: [code('a', 'Shame'), code('a', 'Guilt')] }))).toBe(refused('it lists a code twice'));
    expect(refusal(project({ codes: [code('a', 'Shame', null, { codebookId: 'elsewhere' })] }))).toBe(refused('the code "Shame" belongs to no codebook'));
    expect(refusal(project({ codes: [code('a', '  ')] }))).toBe(refused('a code has no name'));
    expect(refusal(project({ codes: [code('a', 'Shame', 'gone')] }))).toBe(refused('the code "Shame" has a parent the file does not have'));
    const twoBooks = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb2', name: 'Other' }], codes: [code('p', 'Rupture'), code('a', 'Shame', 'p', { codebookId: 'cb2' })] });
    expect(refusal(twoBooks)).toBe(refused('the code "Shame" is in another codebook than its parent'));
    expect(refusal(project({ codes: [code('a', 'Shame', 'a')] }))).toBe(refused('the code "Shame" is its own ancestor'));
    expect(refusal(project({ codes: [code('a', 'Shame', 'b'), code('b', 'Guilt', 'c'), code('c', 'Pride', 'a')] }))).toBe(refused('the code "Shame" is its own ancestor'));
    // A code hanging below a loop it is not part of: the walk up stops, and the file is refused all the same.
    expect(refusal(project({ codes: [code('x', 'Joy', 'b'), code('b', 'Guilt', 'c'), code('c', 'Pride', 'b')] }))).toBe(refused('the code "Joy" is its own ancestor'));
    // A deep but sound tree is fine.
    const chain = Array.from({ length: 6 }, (_, i) => code(`c${i}`, `Level ${i}`, i === 0 ? null : `c${i - 1}`));
    expect(refusal(project({ codes: chain }))).toBeNull();
  });

  it('interviews and codings: an interview listed twice, a coding of a missing interview, code or coder', () => {
    expect(refusal(project({ interviews: [interview('iv', 'C: a'), interview('iv', 'C: b')] }))).toBe(refused('it lists an interview twice'));
    const codes = [code('shame', 'Shame')];
    expect(refusal(project({ codes, codings: [coding('k', 'gone', 'shame', 'ann', 0, 3)] }))).toBe(refused('a coding refers to an interview the file does not have'));
    expect(refusal(project({ codes, codings: [coding('k', 'iv-client', 'shame', 'zoe', 0, 3)] }))).toBe(refused('a coding of "iv-client.txt" refers to a coder the file does not have'));
  });

  it('a coding must lie inside its text: from 0 to the text’s end, non-empty, whole numbers', () => {
    const codes = [code('shame', 'Shame')];
    const len = CLIENT_TEXT.length;
    const withCoding = (start: number, end: number) => refusal(project({ codes, codings: [coding('k', 'iv-client', 'shame', 'ann', start, end)] }));
    expect(withCoding(0, len)).toBeNull();
    expect(withCoding(len - 1, len)).toBeNull();
    for (const [start, end] of [
      [-1, 3],
      [0, len + 1],
      [5, 5],
      [6, 5],
      [0.5, 3],
      [0, 2.5],
    ] as const) {
      expect(withCoding(start, end)).toBe(refused(`a coding of "iv-client.txt" (${start}–${end}) lies outside its text`));
    }
  });

  it('the incoming file is checked before planning, this project is not (it is already in the database)', () => {
    const broken = project({ codes: [code('a', 'Shame'), code('a', 'Shame')] });
    expect(() => planMerge(project(), broken, { fromLabel: 'bea.dyad' })).toThrowError(refused('it lists a code twice'));
    expect(() => planMerge(broken, project(), { fromLabel: 'bea.dyad' })).not.toThrow();
  });
});

describe('a codebook import', () => {
  it('takes only the codebook, its codes and the memos on them (without their coder) from a whole project', () => {
    const from = project({
      coders: [{ id: 'bea', name: 'Bea' }],
      codes: [code('shame', 'Shame')],
      dyads: [{ id: 'd9', name: 'D9', attributes: { age: '40' }, sessions: [{ id: 's9', number: 1, date: null }] }],
      interviews: [interview('iv-9', 'C: Elsewhere.\n', 'D9', 1, 'client')],
      codings: [coding('k', 'iv-9', 'shame', 'bea', 0, 3)],
      memos: [memo('m-code', 'code', 'shame', 'On the code.', { coderId: 'bea' }), memo('m-project', 'project', '', 'On the study.')],
    });
    const plan = planMerge(project(), from, { fromLabel: 'team.qdc', codebook: { id: 'cb-team', name: 'Team' } });
    const ops = plan.operations;
    expect([ops.coders, ops.dyadsAdded, ops.sessionsAdded, ops.interviewsAdded, ops.codingsAdded]).toEqual([[], [], [], [], []]);
    expect(ops.codesAdded.map((c) => c.name)).toEqual(['Shame']);
    expect(ops.memosAdded.map((m) => [m.id, m.targetKind, m.targetId, m.coderId])).toEqual([['m-code', 'code', ops.codesAdded[0]!.id, null]]);
    expect(plan.summary.conflicts).toEqual([]);
  });
});

describe('what counts as the same name or text', () => {
  it('names: spacing and case are ignored under full Unicode case folding, composed and decomposed accents are one', () => {
    expect(normaliseName('  Self   blame\t')).toBe('self blame');
    expect(normaliseName('Émotion')).toBe(normaliseName('ÉMOTION'));
    expect(normaliseName('E\u0301motion')).toBe(normaliseName('Émotion'));
    expect(normaliseName('Straße')).toBe(normaliseName('STRASSE'));
    expect(normaliseName('Shame')).not.toBe(normaliseName('Shame!'));
    // Shown names keep their case and accents; only spacing is tidied, and the accent composed.
    expect(collapseSpaces('  Self \n blame ')).toBe('Self blame');
    expect(collapseSpaces('E\u0301motion')).toBe('Émotion');
  });

  it('texts: Windows and old Mac line endings are the same text; long texts ignore blank space around them', () => {
    expect(normaliseText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(normaliseText('no returns')).toBe('no returns');
    // A text may begin with its line break.
    expect(normaliseText('\r\nC: Hi.')).toBe('\nC: Hi.');
    expect(normaliseLongText('\r\n  About the self.\r\n\r\n')).toBe('About the self.');
  });
});

describe('ids the merge invents', () => {
  it('are UUID-shaped (version 8), the same for the same parts and different for different ones', () => {
    const id = derivedId('shame', 'code', 'cb');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId('shame', 'code', 'cb')).toBe(id);
    const others = [derivedId('shame', 'code', 'cb2'), derivedId('shame', 'codecb'), derivedId('shame'), derivedId('Shame', 'code', 'cb'), derivedId('shamf', 'code', 'cb')];
    expect(new Set([id, ...others]).size).toBe(others.length + 1);
    // Every id of many is well formed and distinct (the variant nibble takes all four of its values).
    const many = Array.from({ length: 400 }, (_, i) => derivedId(`code-${i}`));
    expect(new Set(many).size).toBe(400);
    for (const x of many) expect(x).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(many.map((x) => x[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });

  it('are the ids every earlier Dyad derived (unchanged since the planner came): a project merged then is found again now', () => {
    // Written down once from the function as it shipped; a change here strands what earlier merges added.
    expect(derivedId('shame', 'code', 'cb')).toBe('a9825ad7-f060-8a7d-91bd-99b15a1b87a5');
    expect(derivedId('iv-client', 'interview-version', '0')).toBe('c54974dd-44ce-8d76-a360-b6102d6f16ed');
    expect(derivedId('')).toBe('69c938ca-3cf0-861c-af1c-542f2116792b');
  });

  it('a free id is kept; a taken one gives the first derived id that is free, where a previous merge put it', () => {
    expect(freeId('shame', () => false, 'code')).toBe('shame');
    const first = firstDerivedId('shame', 'code');
    expect(freeId('shame', (x) => x === 'shame', 'code')).toBe(first);
    const second = freeId('shame', (x) => x === 'shame' || x === first, 'code');
    expect(second).toBe(derivedId('shame', 'code', '1'));
    expect(second).not.toBe(first);
  });
});

describe('the lead’s choices', () => {
  const conflict = { id: 'memo-text:m1', kind: 'memo-text' as const, description: 'Edited twice.', options: [{ id: 'keep-mine', label: 'Keep' }, { id: 'take-theirs', label: 'Take' }] };

  it('a choice that is one of the options is followed; none, or one that is not an option, takes the default', () => {
    expect(new ConflictLog({ 'memo-text:m1': 'take-theirs' }).decide(conflict)).toBe('take-theirs');
    expect(new ConflictLog({}).decide(conflict)).toBe('keep-mine');
    expect(new ConflictLog({ 'memo-text:m1': 'delete-everything' }).decide(conflict)).toBe('keep-mine');
    expect(new ConflictLog({ 'memo-text:m1': 'delete-everything' }).decide({ ...conflict, defaultOption: 'take-theirs' })).toBe('take-theirs');
  });

  it('a conflict met twice is listed once, with what each side has and what it is about', () => {
    const log = new ConflictLog({});
    log.decide({ ...conflict, mine: 'About the self.', theirs: 'About being seen.', subjectId: 'm1' });
    log.decide(conflict);
    log.decide({ ...conflict, id: 'memo-text:m2' });
    expect(log.conflicts).toEqual([
      { ...conflict, defaultOption: 'keep-mine', mine: 'About the self.', theirs: 'About being seen.', subjectId: 'm1' },
      { ...conflict, id: 'memo-text:m2', defaultOption: 'keep-mine', mine: null, theirs: null, subjectId: null },
    ]);
  });
});

describe('planning again with the lead’s choices', () => {
  it('resolveMerge gives the plan planMerge gives for the same files and choices, the interview parts read the same way', () => {
    const into = project({ codes: [code('shame', 'Shame')] });
    const from = project({ codes: [code('shame', 'Embarrassment')], codings: [coding('k', 'iv-client', 'shame', 'ben', 3, 9)] });
    const asked: string[][] = [];
    const readParts: PartsReader = (ids) => (asked.push([...ids]), new Map());
    const first = planMerge(into, from, { fromLabel: 'bea.dyad' }, {}, readParts);
    expect(first.summary.codes.updated).toEqual([]);
    const chosen = resolveMerge(first, { 'code-rename:shame': 'take-theirs' });
    expect(chosen.summary.codes.updated).toEqual([{ id: 'shame', path: 'Embarrassment', fields: ['name'] }]);
    expect(chosen.operations).toEqual(planMerge(into, from, { fromLabel: 'bea.dyad' }, { 'code-rename:shame': 'take-theirs' }).operations);
    expect(chosen.inputs.readParts).toBe(readParts);
    expect(chosen.summary.from).toBe('bea.dyad');
    // Back to the defaults.
    expect(resolveMerge(chosen, {}).operations).toEqual(first.operations);
  });
});
