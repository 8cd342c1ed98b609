import { describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { applyToSnapshot, planMerge } from '../../../shared/merge';
import { CLIENT_TEXT, code, coding, interview, memo, project } from './build';

const OPTS = { fromLabel: 'bea.dyad' };
const at = (text: string, words: string) => {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" not in text`);
  return [start, start + words.length] as const;
};
const LOOK = at(CLIENT_TEXT, 'I could not look at her');
const SMALL = at(CLIENT_TEXT, 'I felt small');

function merged(into: ProjectSnapshot, from: ProjectSnapshot, choices = {}) {
  const plan = planMerge(into, from, OPTS, choices);
  return { plan, result: applyToSnapshot(into, plan.operations) };
}
const codeNamed = (s: ProjectSnapshot, name: string) => s.codes.filter((c) => c.name === name);
const conflict = (plan: ReturnType<typeof planMerge>, id: string) => plan.summary.conflicts.find((c) => c.id === id);

describe('codes', () => {
  it('identical copies: nothing to do, nothing in conflict', () => {
    const p = project({ codes: [code('shame', 'Shame')], codings: [coding('k1', 'iv-client', 'shame', 'ann', ...LOOK)] });
    const plan = planMerge(p, structuredClone(p), OPTS);
    expect(plan.summary.nothingToDo).toBe(true);
    expect(plan.summary.conflicts).toEqual([]);
    expect(plan.summary.codings.alreadyThere).toBe(1);
  });

  it('a rename (same id, new name) is a conflict; the codings of both copies end up on the one code', () => {
    const into = project({ codes: [code('shame', 'Shame')], codings: [coding('k1', 'iv-client', 'shame', 'ann', ...LOOK)] });
    const from = project({ codes: [code('shame', 'Embarrassment')], codings: [coding('k2', 'iv-client', 'shame', 'ben', ...SMALL)] });
    const kept = merged(into, from);
    const c = conflict(kept.plan, 'code-rename:shame')!;
    expect(c.kind).toBe('code-rename');
    expect([c.mine, c.theirs, c.defaultOption]).toEqual(['Shame', 'Embarrassment', 'keep-mine']);
    expect(kept.result.codes.map((x) => x.name)).toEqual(['Shame']);
    expect(kept.result.codings.map((k) => [k.codeId, k.coderId])).toEqual([
      ['shame', 'ann'],
      ['shame', 'ben'],
    ]);
    const renamed = merged(into, from, { 'code-rename:shame': 'take-theirs' });
    expect(renamed.result.codes.map((x) => x.name)).toEqual(['Embarrassment']);
    expect(renamed.plan.summary.codes.updated).toEqual([{ id: 'shame', path: 'Embarrassment', fields: ['name'] }]);
  });

  it('the same name under the same parent is the same code, case and spacing ignored (no "Shame (2)")', () => {
    const into = project({ codes: [code('r1', 'Rupture'), code('w1', 'Withdrawal', 'r1')], codings: [coding('k1', 'iv-client', 'w1', 'ann', ...LOOK)] });
    const from = project({
      codes: [code('r2', ' rupture'), code('w2', 'withdrawal  ', 'r2')],
      codings: [coding('k2', 'iv-client', 'w2', 'ann', ...LOOK), coding('k3', 'iv-client', 'w2', 'ben', ...LOOK)],
    });
    const { plan, result } = merged(into, from);
    expect(plan.summary.codes.added).toEqual([]);
    expect(plan.summary.codes.matchedByName.map((m) => m.path)).toEqual(['Rupture', 'Rupture/Withdrawal']);
    expect(plan.ids.codes.get('w2')).toBe('w1');
    // Ann's coding was in both copies: counted once. Ben's is added under the matched code.
    expect(plan.summary.codings).toMatchObject({ added: 1, alreadyThere: 1 });
    expect(result.codings.filter((k) => k.codeId === 'w1').map((k) => k.coderId)).toEqual(['ann', 'ben']);
  });

  it('the same name under another parent is another code', () => {
    const into = project({ codes: [code('r1', 'Rupture'), code('w1', 'Withdrawal', 'r1')] });
    const from = project({ codes: [code('r1', 'Rupture'), code('p2', 'Protest'), code('w2', 'Withdrawal', 'p2')] });
    const { plan, result } = merged(into, from);
    expect(plan.summary.codes.added.map((a) => a.path)).toEqual(['Protest', 'Protest/Withdrawal']);
    expect(codeNamed(result, 'Withdrawal').map((c) => c.parentId)).toEqual(['r1', 'p2']);
  });

  it('a new code taking the old name of a renamed code: the lead adds it under a telling name, or merges it', () => {
    // Bea renamed Alpha → Bond, then made a new "Alpha" with a sub-code "Eyes"; this project still has Alpha/Eyes.
    const into = project({ codes: [code('alpha', 'Alpha'), code('eyes1', 'Eyes', 'alpha')] });
    const from = project({
      codes: [code('alpha', 'Bond'), code('alpha2', 'Alpha'), code('eyes2', 'Eyes', 'alpha2')],
      codings: [coding('k1', 'iv-client', 'eyes2', 'ben', ...LOOK)],
    });
    const def = merged(into, from);
    const clash = conflict(def.plan, 'code-name-clash:alpha2')!;
    expect(clash.options.map((o) => o.id)).toEqual(['add-renamed', 'merge']);
    expect(def.result.codes.map((c) => c.name).sort()).toEqual(['Alpha', 'Alpha (bea.dyad)', 'Eyes', 'Eyes']);
    expect(def.result.codings[0]!.codeId).toBe('eyes2');

    const merge = merged(into, from, { 'code-name-clash:alpha2': 'merge' });
    expect(merge.result.codes.map((c) => c.name).sort()).toEqual(['Alpha', 'Eyes']);
    // Its sub-code now meets this project's Alpha/Eyes and is matched to it.
    expect(merge.result.codings[0]!.codeId).toBe('eyes1');
    expect(conflict(merge.plan, 'code-name-clash:alpha2')).toBeDefined();

    // Renaming this project's Alpha to Bond frees the name: no clash, nothing renamed.
    const renamed = merged(into, from, { 'code-rename:alpha': 'take-theirs' });
    expect(conflict(renamed.plan, 'code-name-clash:alpha2')).toBeUndefined();
    expect(renamed.result.codes.map((c) => c.name).sort()).toEqual(['Alpha', 'Bond', 'Eyes', 'Eyes']);
  });

  it('two new codes of one name under one parent become one code, and merging the same copy again adds nothing', () => {
    // Bea has "Shame" under Rupture twice over: once directly, once under her own "Rupture", which the lead merges
    // into this project's Rupture. Both are one new code; a second merge of her copy finds it, by id and by name.
    const into = project({ codes: [code('r1', 'Rupture')] });
    const from = project({
      codes: [code('r1', 'Rupture'), code('s1', 'Shame', 'r1'), code('r2', 'Rupture'), code('s2', 'shame ', 'r2')],
      codings: [coding('k1', 'iv-client', 's1', 'ben', ...LOOK), coding('k2', 'iv-client', 's2', 'ben', ...SMALL)],
    });
    const choices = { 'code-name-clash:r2': 'merge' };
    const first = merged(into, from, choices);
    expect(first.result.codes.map((c) => c.name)).toEqual(['Rupture', 'Shame']);
    expect(new Set(first.result.codings.map((k) => k.codeId))).toEqual(new Set(['s1']));
    for (const order of [from, { ...from, codes: [...from.codes].reverse() }]) {
      const again = planMerge(first.result, order, OPTS, choices);
      expect(again.summary.nothingToDo, JSON.stringify(again.operations)).toBe(true);
      expect(again.ids.codes.get('s2')).toBe('s1');
    }
  });

  it('definitions: a blank is filled in, two texts are a conflict (keep, take, or keep both)', () => {
    const into = project({ codes: [code('shame', 'Shame', null, { definition: 'About the self.', example: '' })] });
    const from = project({ codes: [code('shame', 'Shame', null, { definition: 'About being seen.', example: 'I felt small' })] });
    const def = merged(into, from);
    expect(def.plan.summary.conflicts.map((c) => c.id)).toEqual(['code-field:shame:definition']);
    expect(def.result.codes[0]).toMatchObject({ definition: 'About the self.', example: 'I felt small' });
    const both = merged(into, from, { 'code-field:shame:definition': 'combine' });
    expect(both.result.codes[0]!.definition).toBe('About the self.\n\nAbout being seen.');
    // Merged once more: their text is already there, so nothing is asked again.
    expect(planMerge(both.result, from, OPTS, {}).summary.conflicts).toEqual([]);
    const theirs = merged(into, from, { 'code-field:shame:definition': 'take-theirs' });
    expect(theirs.result.codes[0]!.definition).toBe('About being seen.');
  });

  it('a colour differing only in letter case is the same colour', () => {
    const into = project({ codes: [code('shame', 'Shame', null, { color: '#AA3355' })] });
    const from = project({ codes: [code('shame', 'Shame', null, { color: '#aa3355' })] });
    expect(planMerge(into, from, OPTS).summary.conflicts).toEqual([]);
  });

  it('a moved code is a conflict; a move that would put a code under itself is not made, and says why', () => {
    const into = project({ codes: [code('a', 'Rupture'), code('b', 'Withdrawal', 'a')] });
    const from = project({ codes: [code('b', 'Withdrawal'), code('a', 'Rupture', 'b')] });
    const plan = planMerge(into, from, OPTS, { 'code-parent:a': 'take-theirs' });
    expect(plan.summary.conflicts.map((c) => c.id).sort()).toEqual(['code-parent:a', 'code-parent:b']);
    expect(plan.operations.codesUpdated).toEqual([]);
    expect(plan.summary.warnings.join(' ')).toMatch(/"Rupture" stays where it is.*under itself/);
    // Taking both moves is possible: Withdrawal to the top first, then Rupture under it.
    const both = merged(into, from, { 'code-parent:a': 'take-theirs', 'code-parent:b': 'take-theirs' });
    expect(both.result.codes.map((c) => [c.name, c.parentId])).toEqual([
      ['Rupture', 'b'],
      ['Withdrawal', null],
    ]);
  });
});

describe('interviews', () => {
  it('the same transcript under another id (saved with Windows line endings) is matched, and offsets follow', () => {
    const crlf = CLIENT_TEXT.replace(/\n/g, '\r\n');
    const small = at(crlf, 'I felt small');
    const into = project({ codes: [code('shame', 'Shame')] });
    const from = project({ codes: [code('shame', 'Shame')], interviews: [interview('other-id', crlf)], codings: [coding('k', 'other-id', 'shame', 'ben', ...small)] });
    const { plan, result } = merged(into, from);
    expect(plan.summary.interviews).toMatchObject({ matchedByText: 1, added: [] });
    // One '\r' before the passage is gone: the passage starts one code unit earlier, on the same words.
    expect(result.codings.map((k) => CLIENT_TEXT.slice(k.start, k.end))).toEqual(['I felt small']);
  });

  it('a corrected transcript: by default the other version is added beside it, codings and all', () => {
    const corrected = CLIENT_TEXT.replace('look at her', 'look at him');
    const into = project({ codes: [code('shame', 'Shame')] });
    const from = project({
      codes: [code('shame', 'Shame')],
      interviews: [interview('iv-client', corrected)],
      codings: [coding('k1', 'iv-client', 'shame', 'ben', ...at(corrected, 'I felt small')), coding('k2', 'iv-client', 'shame', 'ben', ...at(corrected, 'him'))],
    });
    const def = merged(into, from);
    expect(conflict(def.plan, 'interview-text:iv-client')!.defaultOption).toBe('add-separately');
    expect(def.plan.summary.interviews.added).toEqual([expect.objectContaining({ sourceName: 'iv-client.txt (bea.dyad)', dyad: 'D4', session: 1, role: 'other' })]);
    expect(def.result.codings).toHaveLength(2);

    // Keeping this project's text: the codings come over onto it; one on a changed word covers its replacement.
    const kept = merged(into, from, { 'interview-text:iv-client': 'keep-mine' });
    expect(kept.plan.summary.interviews.added).toEqual([]);
    expect(kept.result.codings.map((k) => CLIENT_TEXT.slice(k.start, k.end))).toEqual(['I felt small', 'her']);
  });

  it('a new transcript for a role the session already has is added as "other"; one without a place goes to an "Unassigned" dyad', () => {
    const into = project();
    const from = project({
      interviews: [interview('iv-client', CLIENT_TEXT), interview('second-client', 'C: Another recollection.\n'), interview('from-refi', 'C: Unplaced text.\n', null, null, null)],
    });
    const { plan } = merged(into, from);
    expect(plan.summary.conflicts.map((c) => [c.kind, c.defaultOption])).toEqual([
      ['interview-slot', 'add-as-other'],
      ['interview-unplaced', 'add-unassigned'],
    ]);
    expect(plan.summary.interviews.added.map((i) => [i.sourceName, i.dyad, i.session, i.role])).toEqual([
      ['second-client.txt', 'D4', 1, 'other'],
      ['from-refi.txt', 'Unassigned (bea.dyad)', 1, 'other'],
    ]);
    const skipped = planMerge(into, from, OPTS, { 'interview-unplaced:from-refi': 'skip' });
    expect(skipped.summary.interviews.skipped).toEqual([{ id: 'from-refi', sourceName: 'from-refi.txt', codings: 0 }]);
  });
});

describe('coders, memos and dyads', () => {
  it('a coder is the same coder by id, else by name', () => {
    const into = project();
    const from = project({ coders: [{ id: 'ann-on-her-laptop', name: ' ann' }] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.ids.coders.get('ann-on-her-laptop')).toBe('ann');
    expect(plan.operations.coders).toEqual([]);
  });

  it('memos: the same memo edited in both copies is a conflict; a memo on a transcript left out stays, on the project', () => {
    const into = project({ codes: [code('shame', 'Shame')], memos: [memo('m1', 'code', 'shame', 'About the self.')] });
    const from = project({
      codes: [code('shame', 'Shame')],
      interviews: [interview('iv-client', CLIENT_TEXT), interview('refi', 'Unplaced.', null, null, null)],
      memos: [memo('m1', 'code', 'shame', 'About the self, and being seen.'), memo('m2', 'interview', 'refi', 'Check with the team.')],
    });
    const plan = planMerge(into, from, OPTS, { 'interview-unplaced:refi': 'skip', 'memo-text:m1': 'keep-both' });
    expect(conflict(plan, 'memo-text:m1')!.options.map((o) => o.id)).toEqual(['keep-mine', 'take-theirs', 'keep-both']);
    expect(plan.operations.memosAdded.map((m) => [m.targetKind, m.targetId, m.text])).toEqual([
      ['code', 'shame', 'About the self, and being seen.'],
      ['project', '', 'Check with the team.'],
    ]);
    expect(plan.summary.warnings.join(' ')).toMatch(/kept as memos on the project/);
  });

  it('dyad attributes: new keys are added, a different value is the lead’s choice', () => {
    const into = project({ dyads: [{ id: 'dyad-4', name: 'D4', attributes: { age: '34' }, sessions: [{ id: 'session-4-1', number: 1, date: null }] }] });
    const from = project({ dyads: [{ id: 'other', name: 'd4', attributes: { age: '35', modality: 'online' }, sessions: [{ id: 's', number: 1, date: null }] }] });
    const def = planMerge(into, from, OPTS);
    expect(def.operations.dyadsUpdated).toEqual([{ id: 'dyad-4', attributes: { age: '34', modality: 'online' }, before: { age: '34' } }]);
    const theirs = planMerge(into, from, OPTS, { 'dyad-attribute:dyad-4:age': 'take-theirs' });
    expect(theirs.operations.dyadsUpdated[0]!.attributes).toEqual({ age: '35', modality: 'online' });
  });
});

describe('codebook import and bad files', () => {
  it('a codebook goes into the chosen codebook, matched only against its codes; importing it twice adds nothing', () => {
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }], codes: [code('shame', 'Shame')] });
    // The file is this project's own codebook, exported: its ids are those of codebook "cb", imported into a new one.
    const from = project({ codes: [code('shame', 'Shame', null, { definition: 'About the self.' })] });
    const opts = { fromLabel: 'team.qdc', codebook: { id: 'cb-team', name: 'Team codebook' } };
    const plan = planMerge(into, from, opts);
    expect(plan.summary.codebooks.added).toEqual(['Team codebook']);
    expect(plan.operations.codesAdded.map((c) => [c.codebookId, c.name, c.id === 'shame'])).toEqual([['cb-team', 'Shame', false]]);
    const once = applyToSnapshot(into, plan.operations);
    expect(planMerge(once, from, opts).summary.nothingToDo).toBe(true);
  });

  it('a file whose codings point nowhere is refused with its name, before anything is planned', () => {
    const from = project({ codings: [coding('k', 'iv-client', 'no-such-code', 'ann', 0, 3)] });
    expect(() => planMerge(project(), from, OPTS)).toThrowError(DyadError);
    expect(() => planMerge(project(), from, OPTS)).toThrowError(/bea\.dyad cannot be merged: a coding of "iv-client\.txt" refers to a code the file does not have/);
  });
});

describe('codings', () => {
  it('the same passage coded twice with one code by one coder in the incoming file is added once; both of its codings point to it', () => {
    const into = project({ codes: [code('shame', 'Shame')] });
    // REFI-QDA files can hold such twins (a .dyad cannot): the second is the same coding, not a second one.
    const from = project({ codes: [code('shame', 'Shame')], codings: [coding('k1', 'iv-client', 'shame', 'ben', ...LOOK), coding('k2', 'iv-client', 'shame', 'ben', ...LOOK)] });
    const { plan, result } = merged(into, from);
    expect(plan.summary.codings).toMatchObject({ added: 1, alreadyThere: 1 });
    expect(result.codings.map((k) => k.id)).toEqual(['k1']);
    expect(plan.ids.codings.get('k2')).toBe('k1');
    expect(planMerge(result, from, OPTS).summary.nothingToDo).toBe(true);
  });

  it('passages told apart only by offsets beyond 65,535 (a long transcript) stay two codings', () => {
    const long = `C: ${'we sat in silence and I waited. '.repeat(4200)}\n`;
    const far = 65_536;
    const into = project({ codes: [code('shame', 'Shame')], interviews: [interview('iv-client', long)], codings: [coding('k1', 'iv-client', 'shame', 'ann', 0, 10)] });
    const from = project({
      codes: [code('shame', 'Shame')],
      interviews: [interview('iv-client', long)],
      codings: [coding('k2', 'iv-client', 'shame', 'ann', far, far + 10), coding('k3', 'iv-client', 'shame', 'ann', 0, far + 10), coding('k4', 'iv-client', 'shame', 'ann', 0, 10)],
    });
    const { plan, result } = merged(into, from);
    expect(plan.summary.codings).toMatchObject({ added: 2, alreadyThere: 1 });
    expect(result.codings.map((k) => [k.start, k.end])).toEqual([
      [0, 10],
      [far, far + 10],
      [0, far + 10],
    ]);
  });

  it('codings of many interviews, codes and coders are matched on all five parts', () => {
    const texts = Array.from({ length: 3 }, (_, i) => `C: recollection number ${i} of the moment she looked away.\n`);
    const interviews = texts.map((t, i) => interview(`iv-${i}`, t, 'D4', 1, i === 0 ? 'client' : 'therapist'));
    const codes = [code('a', 'A'), code('b', 'B')];
    const all = [];
    for (let i = 0; i < 3; i++) for (const c of ['a', 'b']) for (const who of ['ann', 'ben']) all.push(coding(`k-${i}-${c}-${who}`, `iv-${i}`, c, who, 3, 13));
    // Into holds every other one; from holds all: exactly the missing half is added.
    const into = project({ codes, interviews: interviews.slice(0, 1).concat(interviews.slice(1).map((x, i) => ({ ...x, dyad: `D${5 + i}` }))), codings: all.filter((_, i) => i % 2 === 0) });
    const from = project({ codes, interviews: into.interviews, codings: all });
    const { plan } = merged(into, from);
    expect(plan.summary.codings).toMatchObject({ added: all.length / 2, alreadyThere: all.length / 2 });
    expect(plan.operations.codingsAdded.map((k) => k.id)).toEqual(all.filter((_, i) => i % 2 === 1).map((k) => k.id));
  });
});
