import { describe, expect, it } from 'vitest';
import { CodeTree, findCodeByPath, type CodeNode } from '../../../shared/analysis/codes';
import { DyadError } from '../../../shared/api/errors';

const node = (id: string, name: string, parentId: string | null, position = 0, codebookName = 'Main'): CodeNode => ({
  id,
  codebookId: codebookName,
  codebookName,
  parentId,
  name,
  position,
});

const tree = new CodeTree([
  node('w', 'Withdrawal', 'r', 1),
  node('r', 'Rupture', null, 0),
  node('c', 'Confrontation', 'r', 0),
  node('s', 'Self/other', 'r', 2),
  node('a', 'Alliance', null, 1),
  node('b', 'Bond', 'a', 0),
  node('t', 'Trust', 'b', 0),
  node('x', 'Trust', null, 0, 'Second'),
]);

const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DyadError);
    return e as DyadError;
  }
  throw new Error('no error');
};

describe('the code tree', () => {
  it('writes paths the way the rest of Dyad does, escaping "/" in names', () => {
    expect(tree.path('t')).toBe('Alliance/Bond/Trust');
    expect(tree.path('s')).toBe('Rupture/Self\\/other');
  });

  it('lists codes in codebook order, parents first', () => {
    expect(tree.ordered().map((c) => c.id)).toEqual(['r', 'c', 'w', 's', 'a', 'b', 't', 'x']);
  });

  it('knows subcodes and ancestors', () => {
    expect(tree.withDescendants('a').sort()).toEqual(['a', 'b', 't']);
    expect(tree.withAncestors('t')).toEqual(['t', 'b', 'a']);
    expect(tree.depth('t')).toBe(2);
  });
});

describe('finding a code by the path typed', () => {
  it('matches whole paths in any case and spacing', () => {
    expect(findCodeByPath(tree, 'rupture / withdrawal', 'study.dyad')).toBe('w');
    expect(findCodeByPath(tree, 'Rupture/Self\\/other', 'study.dyad')).toBe('s');
  });

  it('accepts an id', () => {
    expect(findCodeByPath(tree, 'b', 'study.dyad')).toBe('b');
  });

  it('accepts the end of a path when only one code ends so', () => {
    expect(findCodeByPath(tree, 'Bond/Trust', 'study.dyad')).toBe('t');
    expect(findCodeByPath(tree, 'Withdrawal', 'study.dyad')).toBe('w');
  });

  it('says which codes an ambiguous path could mean', () => {
    // "Trust" is a top-level code of the second codebook, and the end of Alliance/Bond/Trust: the whole path wins.
    expect(findCodeByPath(tree, 'Trust', 'study.dyad')).toBe('x');
    const twice = new CodeTree([node('p', 'Shame', null), node('q', 'Shame', null, 0, 'Other')]);
    const e = err(() => findCodeByPath(twice, 'shame', 'study.dyad'));
    expect(e.kind).toBe('conflict');
    expect(e.message).toMatch(/study\.dyad.*"shame" could mean several codes: Shame \(codebook Main.*Shame \(codebook Other/);
  });

  it('names the file and the codes it has when nothing matches', () => {
    const e = err(() => findCodeByPath(tree, 'Shame', 'study.dyad'));
    expect(e.kind).toBe('not-found');
    expect(e.message).toMatch(/^study\.dyad has no code "Shame"\. Its codes: Rupture, Rupture\/Confrontation/);
    expect(err(() => findCodeByPath(tree, 'Rupture//x', 'study.dyad')).kind).toBe('invalid-input');
  });
});
