/**
 * Codes matched, kept apart, renamed and moved by the merge: the cases mutation testing found unguarded
 * (docs/mutation.md, `shared/merge/codes.ts`). Each asserts what the lead sees: which code an incoming code
 * becomes, the merged tree, the question asked, the warning given.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { applyToSnapshot, planMerge } from '../../../shared/merge';
import { derivedId } from '../../../shared/merge/ids';
import { code, project } from './build';

const OPTS = { fromLabel: 'bea.dyad' };
const merged = (into: ProjectSnapshot, from: ProjectSnapshot, choices = {}, opts: Parameters<typeof planMerge>[2] = OPTS) => {
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

describe('codes matched by name', () => {
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

describe('merging the same copy again', () => {
  it('a code a codebook import added under a derived id, renamed here since, is found again by that id', () => {
    const into = project({ codebooks: [{ id: 'cb', name: 'Codebook' }, { id: 'cb-team', name: 'Team' }], codes: [code('shame', 'Shame')] });
    const qdc = project({ codes: [code('shame', 'Shame')] });
    const opts = { fromLabel: 'team.qdc', codebook: { id: 'cb-team', name: 'Team' } };
    const first = merged(into, qdc, {}, opts);
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

describe('conflicts on a code of the same id', () => {
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

describe('shortcuts and telling names', () => {
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
