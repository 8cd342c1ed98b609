/** Codebooks and codes of the incoming copy matched to this project's: the conflicts the lead sees and the tree that results. */
import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { applyToSnapshot, planMerge } from '../../../shared/merge';
import { derivedId } from '../../../shared/merge/ids';
import { code, project } from './build';

const OPTS = { fromLabel: 'bea.dyad' };
const merged = (into: ProjectSnapshot, from: ProjectSnapshot, choices = {}) => {
  const plan = planMerge(into, from, OPTS, choices);
  return { plan, result: applyToSnapshot(into, plan.operations) };
};
const mergedWith = (into: ProjectSnapshot, from: ProjectSnapshot, choices: Record<string, string>, opts: Parameters<typeof planMerge>[2]) => {
  const plan = planMerge(into, from, opts, choices);
  return { plan, result: applyToSnapshot(into, plan.operations) };
};
const tree = (s: ProjectSnapshot) => {
  const byId = new Map(s.codes.map((c) => [c.id, c]));
  const path = (id: string): string => {
    const c = byId.get(id)!;
    return c.parentId === null ? c.name : `${path(c.parentId)}/${c.name}`;
  };
  return s.codes.map((c) => `${c.codebookId}:${path(c.id)}`).sort();
};

describe('codebooks', () => {
  it('by id, else by name (once each), else added under its own name', () => {
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb-team', name: 'Team' }] });
    const from = project({
      codebooks: [
        { id: 'cb', name: 'Renamed' },
        { id: 'theirs-team', name: ' team ' },
        { id: 'theirs-team-2', name: 'Team' },
        { id: 'cb-team', name: 'Not the team' },
        { id: 'blank', name: '   ' },
      ],
    });
    const plan = planMerge(into, from, OPTS);
    expect([...plan.ids.codebooks]).toEqual([
      ['cb', 'cb'],
      ['theirs-team', 'cb-team'],
      ['theirs-team-2', 'theirs-team-2'],
      ['cb-team', expect.any(String)],
      ['blank', 'blank'],
    ]);
    const addedForTaken = plan.ids.codebooks.get('cb-team')!;
    expect(addedForTaken).not.toBe('cb-team');
    expect(plan.operations.codebooks).toEqual([
      { id: 'theirs-team-2', name: 'Team' },
      { id: addedForTaken, name: 'Not the team' },
      { id: 'blank', name: 'Codebook' },
    ]);
    expect(plan.summary.codebooks).toEqual({ added: ['Team', 'Not the team', 'Codebook'], matched: 2 });
  });

  it('a codebook import into a codebook this project has: nothing added, its codes matched by id only within it', () => {
    const into = project({
      codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb-team', name: 'Team' }],
      codes: [code('shame', 'Shame'), code('team-guilt', 'Guilt', null, { codebookId: 'cb-team' })],
    });
    const from = project({ codes: [code('team-guilt', 'Guilt'), code('shame', 'Shame')] });
    const plan = planMerge(into, from, { fromLabel: 'team.qdc', codebook: { id: 'cb-team', name: 'Team' } });
    expect(plan.summary.codebooks).toEqual({ added: [], matched: 1 });
    expect(plan.ids.codes.get('team-guilt')).toBe('team-guilt');
    expect(plan.summary.codes.matchedById).toBe(1);
    // "Shame" of the other codebook is not this codebook's: it is added here with an id of its own.
    expect(plan.operations.codesAdded.map((c) => [c.codebookId, c.name, c.id !== 'shame'])).toEqual([['cb-team', 'Shame', true]]);
  });
});

describe('codes matched by name', () => {
  it('of two names here equal up to case, the one written exactly the same is taken', () => {
    const into = project({ codes: [code('lower', 'émotion'), code('upper', 'Émotion')] });
    const plan = planMerge(into, project({ codes: [code('theirs', 'Émotion ')] }), OPTS);
    expect(plan.ids.codes.get('theirs')).toBe('upper');
    expect(plan.summary.codes.matchedByName).toEqual([{ id: 'upper', path: 'Émotion' }]);
  });

  it('a code here is matched once: a second incoming code of that name under another incoming parent maps to it as a twin', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('s', 'Shame', 'r')] });
    const from = project({ codes: [code('r', 'Rupture'), code('s1', 'Shame', 'r'), code('r2', 'rupture'), code('s2', 'Shame', 'r2')] });
    const { plan, result } = merged(into, from, { 'code-name-clash:r2': 'merge' });
    expect(plan.ids.codes.get('s1')).toBe('s');
    expect(plan.ids.codes.get('s2')).toBe('s');
    expect(tree(result)).toEqual(['cb:Rupture', 'cb:Rupture/Shame']);
  });
});

describe('conflicts on a code of the same id', () => {
  it('a rename: what the lead is asked', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal', 'r')] });
    const plan = planMerge(into, project({ codes: [code('r', 'Rupture'), code('w', ' Pulling  away', 'r')] }), OPTS);
    const c = plan.summary.conflicts[0]!;
    expect(c).toEqual({
      id: 'code-rename:w',
      kind: 'code-rename',
      description: 'The code "Rupture/Withdrawal" is called "Pulling away" in bea.dyad.',
      options: [
        { id: 'keep-mine', label: 'Keep "Withdrawal"' },
        { id: 'take-theirs', label: 'Rename it "Pulling away"' },
      ],
      defaultOption: 'keep-mine',
      mine: 'Withdrawal',
      theirs: 'Pulling away',
      subjectId: 'w',
    });
    // Spacing alone is no rename.
    expect(planMerge(into, project({ codes: [code('r', 'Rupture'), code('w', ' Withdrawal ', 'r')] }), OPTS).summary.conflicts).toEqual([]);
  });

  it('a move: what the lead is asked, and the code under its new parent once taken', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('p', 'Protest'), code('w', 'Withdrawal', 'r')] });
    const from = project({ codes: [code('r', 'Rupture'), code('p', 'Protest'), code('w', 'Withdrawal', 'p')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.summary.conflicts).toEqual([
      {
        id: 'code-parent:w',
        kind: 'code-parent',
        description: 'The code "Rupture/Withdrawal" is under "Protest" in bea.dyad, under "Rupture" here.',
        options: [
          { id: 'keep-mine', label: 'Keep it under "Rupture"' },
          { id: 'take-theirs', label: 'Move it under "Protest"' },
        ],
        defaultOption: 'keep-mine',
        mine: 'Rupture',
        theirs: 'Protest',
        subjectId: 'w',
      },
    ]);
    const top = planMerge(project({ codes: [code('w', 'Withdrawal')] }), project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal', 'r')] }), OPTS).summary.conflicts[0]!;
    expect([top.description, top.mine, top.theirs, top.options[0]!.label]).toEqual(['The code "Withdrawal" is under "Rupture" in bea.dyad, at the top level here.', '', 'Rupture', 'Keep it at the top level']);
    const { plan: moved, result } = merged(into, from, { 'code-parent:w': 'take-theirs' });
    expect(tree(result)).toEqual(['cb:Protest', 'cb:Protest/Withdrawal', 'cb:Rupture']);
    expect(moved.summary.codes.updated).toEqual([{ id: 'w', path: 'Protest/Withdrawal', fields: ['parent'] }]);
  });

  it('a move to the top level, and a move under a code the merge adds', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal', 'r'), code('x', 'Existing', 'r', { position: 0 })] });
    const from = project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal'), code('n', 'New parent'), code('x', 'Existing', 'n')] });
    const { plan, result } = merged(into, from, { 'code-parent:w': 'take-theirs', 'code-parent:x': 'take-theirs' });
    expect(plan.summary.warnings).toEqual([]);
    expect(tree(result)).toEqual(['cb:New parent', 'cb:New parent/Existing', 'cb:Rupture', 'cb:Withdrawal']);
    // Each takes the next place at its new level, after what is there and what the merge adds.
    const at = Object.fromEntries(result.codes.map((c) => [c.name, c.position]));
    expect(at).toMatchObject({ Rupture: 0, Withdrawal: 1, 'New parent': 2, Existing: 0 });
    expect(planMerge(result, from, OPTS, { 'code-parent:w': 'take-theirs', 'code-parent:x': 'take-theirs' }).summary.nothingToDo).toBe(true);
  });

  it('colour: another colour is asked about (letter case aside), taken in upper case; the copy having none is no conflict', () => {
    const into = project({ codes: [code('s', 'Shame', null, { color: '#aa3355' })] });
    const plan = planMerge(into, project({ codes: [code('s', 'Shame', null, { color: '#00ff00' })] }), OPTS, { 'code-field:s:color': 'take-theirs' });
    const c = plan.summary.conflicts[0]!;
    expect([c.id, c.description, c.mine, c.theirs, c.options.map((o) => o.label)]).toEqual([
      'code-field:s:color',
      'The code "Shame" has another colour in bea.dyad.',
      '#AA3355',
      '#00FF00',
      ['Keep #AA3355', 'Use #00FF00'],
    ]);
    expect(plan.operations.codesUpdated).toEqual([{ id: 's', set: { color: '#00FF00' } }]);
    expect(plan.summary.codes.updated).toEqual([{ id: 's', path: 'Shame', fields: ['colour'] }]);
    expect(planMerge(into, project({ codes: [code('s', 'Shame', null, { color: '' })] }), OPTS).summary.conflicts).toEqual([]);
  });

  it('criteria and examples: each field of its own, blanks filled in, text already there no disagreement', () => {
    const into = project({ codes: [code('s', 'Shame', null, { inclusion: 'Says so.', exclusion: '', example: 'I felt small, and then I looked away.' })] });
    const from = project({ codes: [code('s', 'Shame', null, { inclusion: 'Looks away.', exclusion: 'Guilt.', example: 'I looked away' })] });
    const plan = planMerge(into, from, OPTS, { 'code-field:s:inclusion': 'combine' });
    const c = plan.summary.conflicts[0]!;
    expect(plan.summary.conflicts).toHaveLength(1);
    expect([c.id, c.description, c.mine, c.theirs, c.options.map((o) => [o.id, o.label])]).toEqual([
      'code-field:s:inclusion',
      'The inclusion criteria of "Shame" differs in bea.dyad.',
      'Says so.',
      'Looks away.',
      [
        ['keep-mine', 'Keep this project’s'],
        ['take-theirs', 'Use the one from bea.dyad'],
        ['combine', 'Keep both, one after the other'],
      ],
    ]);
    expect(plan.operations.codesUpdated).toEqual([{ id: 's', set: { inclusion: 'Says so.\n\nLooks away.', exclusion: 'Guilt.' } }]);
    expect(plan.summary.codes.updated).toEqual([{ id: 's', path: 'Shame', fields: ['inclusion criteria', 'exclusion criteria'] }]);
    const ex = planMerge(project({ codes: [code('s', 'Shame', null, { exclusion: 'Guilt.' })] }), project({ codes: [code('s', 'Shame', null, { exclusion: 'Pride.' })] }), OPTS);
    expect(ex.summary.conflicts[0]!.description).toBe('The exclusion criteria of "Shame" differs in bea.dyad.');
    const ex2 = planMerge(project({ codes: [code('s', 'Shame', null, { example: 'A.' })] }), project({ codes: [code('s', 'Shame', null, { example: 'B.' })] }), OPTS, { 'code-field:s:example': 'take-theirs' });
    expect(ex2.summary.conflicts[0]!.description).toBe('The example of "Shame" differs in bea.dyad.');
    expect(ex2.operations.codesUpdated).toEqual([{ id: 's', set: { example: 'B.' } }]);
    expect(ex2.summary.codes.updated[0]!.fields).toEqual(['example']);
  });

  it('a combined text keeps each side’s own text, without trailing blank space in between', () => {
    const into = project({ codes: [code('s', 'Shame', null, { definition: 'About the self.  \n' })] });
    const from = project({ codes: [code('s', 'Shame', null, { definition: '\n  About being seen.\n' })] });
    const plan = planMerge(into, from, OPTS, { 'code-field:s:definition': 'combine' });
    expect(plan.operations.codesUpdated).toEqual([{ id: 's', set: { definition: 'About the self.\n\nAbout being seen.' } }]);
    expect(plan.summary.codes.updated).toEqual([{ id: 's', path: 'Shame', fields: ['definition'] }]);
    // A blank filled in takes their text as written.
    const filled = planMerge(project({ codes: [code('s', 'Shame', null, { definition: ' \n' })] }), from, OPTS);
    expect(filled.operations.codesUpdated).toEqual([{ id: 's', set: { definition: '\n  About being seen.\n' } }]);
  });
});

describe('shortcuts and colours of the merged codebook', () => {
  it('a shortcut comes over only to a code without one, and only when no code of the codebook uses it (case aside)', () => {
    const into = project({ codes: [code('a', 'Shame'), code('b', 'Guilt', null, { shortcut: 'g' }), code('c', 'Pride', null, { shortcut: 'p' })] });
    const from = project({ codes: [code('a', 'Shame', null, { shortcut: ' S ' }), code('b', 'Guilt', null, { shortcut: 'h' }), code('d', 'Joy', null, { shortcut: 'P' }), code('e', 'Awe', null, { shortcut: 'w' }), code('f', 'Fear', null, { shortcut: 'W' })] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.codesUpdated).toEqual([{ id: 'a', set: { shortcut: 'S' } }]);
    expect(plan.operations.codesAdded.map((c) => [c.name, c.shortcut])).toEqual([
      ['Joy', null],
      ['Awe', 'w'],
      ['Fear', null],
    ]);
    expect(plan.summary.codes.updated[0]!.fields).toEqual(['shortcut']);
  });

  it('an added code’s colour is written in upper case, grey when it has none', () => {
    const plan = planMerge(project(), project({ codes: [code('a', 'Shame', null, { color: '#aa3355' }), code('b', 'Guilt', null, { color: '' })] }), OPTS);
    expect(plan.operations.codesAdded.map((c) => c.color)).toEqual(['#AA3355', '#888888']);
  });

  it('added codes take the next positions of their level', () => {
    const into = project({ codes: [code('a', 'Shame', null, { position: 0 }), code('b', 'Guilt', null, { position: 4 }), code('c', 'Sub', 'a', { position: 2 })] });
    const from = project({ codes: [code('a', 'Shame'), code('x', 'Joy'), code('y', 'Awe'), code('z', 'Under', 'a'), code('n', 'New'), code('m', 'Under new', 'n')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.codesAdded.map((c) => [c.name, c.position])).toEqual([
      ['Joy', 5],
      ['Awe', 6],
      ['Under', 3],
      ['New', 7],
      ['Under new', 0],
    ]);
    expect(plan.summary.codes.added.map((a) => a.path)).toEqual(['Joy', 'Awe', 'Shame/Under', 'New', 'New/Under new']);
  });
});

describe('renames and moves that need room', () => {
  it('a rename to a name another rename frees waits for it', () => {
    const into = project({ codes: [code('x', 'Anger'), code('y', 'Bitterness')] });
    const from = project({ codes: [code('y', 'Anger'), code('x', 'Fury')] });
    const { plan, result } = merged(into, from, { 'code-rename:x': 'take-theirs', 'code-rename:y': 'take-theirs' });
    expect(plan.summary.warnings).toEqual([]);
    expect(result.codes.map((c) => [c.id, c.name])).toEqual([
      ['x', 'Fury'],
      ['y', 'Anger'],
    ]);
  });

  it('a rename to a name that stays taken is not made, and says why', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('x', 'Anger', 'r'), code('y', 'Fury', 'r'), code('t', 'Joy')] });
    const from = project({ codes: [code('r', 'Rupture'), code('x', 'Fury', 'r'), code('y', 'Fury', 'r'), code('t', 'Rupture')] });
    const plan = planMerge(into, from, OPTS, { 'code-rename:x': 'take-theirs', 'code-rename:t': 'take-theirs' });
    expect(plan.operations.codesUpdated).toEqual([]);
    expect(plan.summary.warnings).toEqual([
      '"Rupture/Anger" keeps its name: bea.dyad calls it "Fury", but "Rupture" already has a code of that name.',
      '"Joy" keeps its name: bea.dyad calls it "Rupture", but the top level of the codebook already has a code of that name.',
    ]);
  });

  it('a move to a level that has a code of its name is not made, and says why', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('p', 'Protest'), code('w', 'Withdrawal', 'r'), code('w2', 'Withdrawal', 'p')] });
    const from = project({ codes: [code('r', 'Rupture'), code('p', 'Protest'), code('w', 'Withdrawal', 'p'), code('w2', 'Withdrawal', 'p')] });
    const plan = planMerge(into, from, OPTS, { 'code-parent:w': 'take-theirs' });
    expect(plan.operations.codesUpdated).toEqual([]);
    expect(plan.summary.warnings).toEqual(['"Rupture/Withdrawal" stays where it is: "Protest" already has a code called "Withdrawal".']);
  });

  it('a move under a code of another codebook is not made, and says why', () => {
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb2', name: 'Other' }], codes: [code('p', 'Protest', null, { codebookId: 'cb2' }), code('w', 'Withdrawal')] });
    const from = project({ codes: [code('p', 'Protest'), code('w', 'Withdrawal', 'p')] });
    const plan = planMerge(into, from, OPTS, { 'code-parent:w': 'take-theirs' });
    expect(plan.operations.codesUpdated).toEqual([]);
    expect(plan.summary.warnings).toEqual(['"Withdrawal" stays where it is: bea.dyad has it in another codebook.']);
  });

  it('a new code whose name and the first telling name are taken gets a numbered telling name', () => {
    const into = project({ codes: [code('alpha', 'Alpha'), code('told', 'Alpha (bea.dyad)')] });
    const from = project({ codes: [code('alpha', 'Bond'), code('alpha2', 'Alpha')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.codesAdded.map((c) => c.name)).toEqual(['Alpha (bea.dyad, 2)']);
    const c = plan.summary.conflicts.find((x) => x.kind === 'code-name-clash')!;
    expect(c).toEqual({
      id: 'code-name-clash:alpha2',
      kind: 'code-name-clash',
      description: 'bea.dyad has a new code "Alpha": a different code (another id) from this project\'s "Alpha", which has the same name.',
      options: [
        { id: 'add-renamed', label: 'Add it as "Alpha (bea.dyad)"' },
        { id: 'merge', label: 'Merge it into "Alpha"' },
      ],
      defaultOption: 'add-renamed',
      mine: 'Alpha',
      theirs: 'Alpha',
      subjectId: 'alpha',
    });
  });
});

// The cases below were found unguarded by mutation testing (docs/mutation.md, `shared/merge/codes.ts`): each asserts
// what the lead sees (which code an incoming code becomes, the merged tree, the question asked, the warning given).
describe('codebooks, more cases', () => {
  it('a codebook of another name is added, not matched to a codebook here that nothing claimed', () => {
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb-team', name: 'Team' }] });
    const from = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'theirs', name: 'Pilot' }] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.ids.codebooks.get('theirs')).toBe('theirs');
    expect(plan.operations.codebooks).toEqual([{ id: 'theirs', name: 'Pilot' }]);
    expect(plan.summary.codebooks).toEqual({ added: ['Pilot'], matched: 1 });
  });

  it('a copy already holding the id a merge derived: every added codebook keeps an id of its own', () => {
    // The copy's "Second" takes "cb" here, so it gets the derived id; the copy's "Third" already has that id.
    const derived = derivedId('cb', 'codebook', '0');
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }] });
    const from = project({
      codebooks: [
        { id: 'z', name: 'Codebook' },
        { id: 'cb', name: 'Second' },
        { id: derived, name: 'Third' },
      ],
    });
    const { plan, result } = merged(into, from);
    const ids = plan.operations.codebooks.map((b) => b.id);
    expect(plan.operations.codebooks.map((b) => b.name)).toEqual(['Second', 'Third']);
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain('cb');
    expect(result.codebooks.map((b) => b.name)).toEqual(['Codebook', 'Second', 'Third']);
    expect(new Set(result.codebooks.map((b) => b.id)).size).toBe(3);
  });
});

describe('codes matched by name, more cases', () => {
  it('each of several codes at one level is found by its name, not only the last written', () => {
    const into = project({ codes: [code('a', 'Shame', null, { position: 0 }), code('b', 'Guilt', null, { position: 1 }), code('c', 'Pride', null, { position: 2 })] });
    const plan = planMerge(into, project({ codes: [code('x', 'shame'), code('y', 'GUILT')] }), OPTS);
    expect([plan.ids.codes.get('x'), plan.ids.codes.get('y')]).toEqual(['a', 'b']);
    expect(plan.operations.codesAdded).toEqual([]);
    // A name matched in another letter case is the same code, no rename to ask about.
    expect(plan.summary.conflicts).toEqual([]);
    expect(plan.summary.codes.matchedByName.map((m) => m.path)).toEqual(['Shame', 'Guilt']);
  });

  it('the summary counts codes matched by id and by name apart', () => {
    const into = project({ codes: [code('a', 'Shame'), code('b', 'Guilt'), code('c', 'Pride')] });
    const plan = planMerge(into, project({ codes: [code('a', 'Shame'), code('y', 'Guilt'), code('z', 'Pride')] }), OPTS);
    expect(plan.summary.codes.matchedById).toBe(1);
    expect(plan.summary.codes.matchedByName.map((m) => m.id)).toEqual(['b', 'c']);
  });

  it('two new codes of one name in the copy become one code, even with another code added between them', () => {
    const from = project({ codes: [code('s1', 'Shame'), code('g', 'Guilt'), code('s2', 'shame ')] });
    const { plan, result } = merged(project(), from);
    expect(plan.ids.codes.get('s2')).toBe(plan.ids.codes.get('s1'));
    expect(tree(result)).toEqual(['cb:Guilt', 'cb:Shame']);
    expect(plan.summary.conflicts).toEqual([]);
  });

  it('a sub-code of a code matched in another codebook is added to that codebook, under it', () => {
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb2', name: 'Other' }], codes: [code('p', 'Protest', null, { codebookId: 'cb2' })] });
    const from = project({ codes: [code('p', 'Protest'), code('w', 'Withdrawal', 'p')] });
    const { plan, result } = merged(into, from);
    expect(plan.operations.codesAdded.map((c) => [c.codebookId, c.parentId, c.name])).toEqual([['cb2', 'p', 'Withdrawal']]);
    expect(tree(result)).toEqual(['cb2:Protest', 'cb2:Protest/Withdrawal']);
  });

  it('a new code is not taken for the code here that the copy moved elsewhere', () => {
    // "Shame" under Rupture here is the copy's Shame, which the copy moved under Protest; the copy's other
    // "Shame", new under Rupture, is a different code: the lead is asked, it is not silently merged.
    const into = project({ codes: [code('r', 'Rupture'), code('p', 'Protest'), code('s', 'Shame', 'r')] });
    const from = project({ codes: [code('r', 'Rupture'), code('p', 'Protest'), code('s', 'Shame', 'p'), code('s2', 'Shame', 'r')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.ids.codes.get('s2')).not.toBe('s');
    expect(plan.summary.conflicts.map((c) => c.id).sort()).toEqual(['code-name-clash:s2', 'code-parent:s']);
    expect(plan.operations.codesAdded.map((c) => [c.parentId, c.name])).toEqual([['r', 'Shame (bea.dyad)']]);
  });
});

describe('merging the same copy again, more cases', () => {
  it('a code a codebook import added under a derived id, renamed here since, is found again by that id', () => {
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb-team', name: 'Team' }], codes: [code('shame', 'Shame')] });
    const qdc = project({ codes: [code('shame', 'Shame')] });
    const opts = { fromLabel: 'team.qdc', codebook: { id: 'cb-team', name: 'Team' } };
    const first = mergedWith(into, qdc, {}, opts);
    const added = first.plan.operations.codesAdded[0]!;
    expect([added.codebookId, added.name, added.id !== 'shame']).toEqual(['cb-team', 'Shame', true]);
    // The researcher renames it here, then imports the same codebook again.
    const renamed = { ...first.result, codes: first.result.codes.map((c) => (c.id === added.id ? { ...c, name: 'Self-blame' } : c)) };
    const again = planMerge(renamed, qdc, opts);
    expect(again.ids.codes.get('shame')).toBe(added.id);
    expect(again.operations.codesAdded).toEqual([]);
    expect(again.summary.conflicts.map((c) => [c.id, c.mine, c.theirs])).toEqual([[`code-rename:${added.id}`, 'Self-blame', 'Shame']]);
  });
});

describe('conflicts on a code of the same id, more cases', () => {
  it('a definition that differs: what the lead is asked', () => {
    const into = project({ codes: [code('s', 'Shame', null, { definition: 'About the self.' })] });
    const plan = planMerge(into, project({ codes: [code('s', 'Shame', null, { definition: 'About being seen.' })] }), OPTS);
    const c = plan.summary.conflicts[0]!;
    expect([c.kind, c.description]).toEqual(['code-field', 'The definition of "Shame" differs in bea.dyad.']);
  });

  it('another colour kept by default: the code keeps its colour', () => {
    const into = project({ codes: [code('s', 'Shame', null, { color: '#AA3355' })] });
    const plan = planMerge(into, project({ codes: [code('s', 'Shame', null, { color: '#00FF00' })] }), OPTS);
    expect(plan.summary.conflicts.map((c) => [c.kind, c.defaultOption])).toEqual([['code-field', 'keep-mine']]);
    expect(plan.operations.codesUpdated).toEqual([]);
  });

  it('a move to the top level in the copy: what the lead is asked', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal', 'r')] });
    const plan = planMerge(into, project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal')] }), OPTS);
    const c = plan.summary.conflicts[0]!;
    expect([c.description, c.mine, c.theirs, c.options.map((o) => o.label)]).toEqual([
      'The code "Rupture/Withdrawal" is at the top level in bea.dyad, under "Rupture" here.',
      'Rupture',
      '',
      ['Keep it under "Rupture"', 'Move it at the top level'],
    ]);
  });

  it('a rename that changes only the letter case is made', () => {
    const into = project({ codes: [code('s', 'shame')] });
    const { plan, result } = merged(into, project({ codes: [code('s', 'Shame')] }), { 'code-rename:s': 'take-theirs' });
    expect(plan.summary.warnings).toEqual([]);
    expect(result.codes.map((c) => c.name)).toEqual(['Shame']);
  });

  it('renames that wait on each other in a chain are all made', () => {
    // Each takes the name the next one gives up; the copy lists them in the order that makes each wait.
    const into = project({ codes: [code('a', 'Anger'), code('b', 'Bitterness'), code('c', 'Contempt')] });
    const from = project({ codes: [code('c', 'Bitterness'), code('b', 'Anger'), code('a', 'Fury')] });
    const choices = { 'code-rename:a': 'take-theirs', 'code-rename:b': 'take-theirs', 'code-rename:c': 'take-theirs' };
    const { plan, result } = merged(into, from, choices);
    expect(plan.summary.warnings).toEqual([]);
    expect(result.codes.map((c) => [c.id, c.name])).toEqual([
      ['a', 'Fury'],
      ['b', 'Anger'],
      ['c', 'Bitterness'],
    ]);
  });

  it('a code moved under a code the merge adds, whose rename stays taken: the warning names it where it now is', () => {
    // The clash question about "Withdrawal" names it at the top level; the move under "New" is then made, and
    // the rename to "Retreat" is taken at both levels.
    const into = project({ codes: [code('w', 'Withdrawal'), code('y', 'Retreat')] });
    const from = project({ codes: [code('n', 'New'), code('w', 'Retreat', 'n'), code('y2', 'Retreat', 'n'), code('z', 'Withdrawal')] });
    const { plan, result } = merged(into, from, { 'code-rename:w': 'take-theirs', 'code-parent:w': 'take-theirs' });
    expect(plan.summary.conflicts.find((c) => c.id === 'code-name-clash:z')!.mine).toBe('Withdrawal');
    expect(plan.summary.warnings).toEqual(['"New/Withdrawal" keeps its name: bea.dyad calls it "Retreat", but "New" already has a code of that name.']);
    expect(tree(result)).toEqual(['cb:New', 'cb:New/Retreat', 'cb:New/Withdrawal', 'cb:Retreat', 'cb:Withdrawal (bea.dyad)']);
  });

  it('two codes here of one name up to case: the one renamed away frees the name, the other still holds it', () => {
    const into = project({ codes: [code('lower', 'émotion'), code('upper', 'Émotion')] });
    const from = project({ codes: [code('lower', 'Mood'), code('upper', 'Feeling'), code('new', 'Émotion')] });
    const plan = planMerge(into, from, OPTS, { 'code-rename:upper': 'take-theirs' });
    expect(plan.operations.codesAdded.map((c) => c.name)).toEqual(['Émotion (bea.dyad)']);
    expect(plan.summary.conflicts.find((c) => c.kind === 'code-name-clash')!.mine).toBe('émotion');
  });

  it('a move to the top level that finds a code of its name there is not made, and says so', () => {
    const into = project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal', 'r'), code('w2', 'Withdrawal')] });
    const from = project({ codes: [code('r', 'Rupture'), code('w', 'Withdrawal'), code('w2', 'Withdrawal', 'r')] });
    const plan = planMerge(into, from, OPTS, { 'code-parent:w': 'take-theirs' });
    expect(plan.operations.codesUpdated).toEqual([]);
    expect(plan.summary.warnings).toEqual(['"Rupture/Withdrawal" stays where it is: the top level of the codebook already has a code called "Withdrawal".']);
  });
});

describe('shortcuts and telling names, more cases', () => {
  it('a code here whose shortcut is blank space takes the copy’s; an added code’s shortcut is trimmed', () => {
    const into = project({ codes: [code('s', 'Shame', null, { shortcut: '  ' })] });
    const plan = planMerge(into, project({ codes: [code('s', 'Shame', null, { shortcut: 's' }), code('g', 'Guilt', null, { shortcut: ' g ' })] }), OPTS);
    expect(plan.operations.codesUpdated).toEqual([{ id: 's', set: { shortcut: 's' } }]);
    expect(plan.operations.codesAdded.map((c) => [c.name, c.shortcut])).toEqual([['Guilt', 'g']]);
  });

  it('a new code whose telling names 1 and 2 are taken gets the third', () => {
    const into = project({ codes: [code('alpha', 'Alpha'), code('t1', 'Alpha (bea.dyad)'), code('t2', 'Alpha (bea.dyad, 2)')] });
    const plan = planMerge(into, project({ codes: [code('alpha', 'Bond'), code('alpha2', 'Alpha')] }), OPTS);
    expect(plan.operations.codesAdded.map((c) => c.name)).toEqual(['Alpha (bea.dyad, 3)']);
  });
});
