/**
 * The coding screens' pure parts, checked without a browser: how codings cut the text into marks, how stripes
 * share the margin, how the palette ranks codes, how shortcuts are read and refused, how an in-vivo code is
 * named, where a dragged code lands, whose codings are shown.
 */
import { describe, expect, it } from 'vitest';
import type { CodeNode, CodingView } from '../../shared/coding/types';
import { moveFor } from '../../renderer/src/components/codebook/moves';
import { drawOrder, splitCoded } from '../../renderer/src/components/coding/model/codedPieces';
import { flattenCodes, pathLabel, rankCodes } from '../../renderer/src/components/coding/model/codeList';
import { inVivoName } from '../../renderer/src/model/inVivo';
import { assignLanes } from '../../renderer/src/components/coding/model/lanes';
import { codedStyle } from '../../renderer/src/components/coding/model/markStyle';
import { chordOf, normaliseShortcut, shortcutProblem } from '../../renderer/src/components/coding/model/shortcuts';
import { visibleCodings } from '../../renderer/src/model/visible';

const drawn = (id: string, start: number, end: number) => ({ id, codeId: `code-${id}`, start, end, color: '#E69F00' });

function node(id: string, name: string, children: CodeNode[] = [], parentId: string | null = null): CodeNode {
  return {
    id,
    codebookId: 'b',
    parentId,
    name,
    color: '#000000',
    definition: '',
    inclusion: '',
    exclusion: '',
    example: '',
    shortcut: null,
    position: 0,
    path: name,
    createdAt: '',
    updatedAt: '',
    codingCount: 0,
    totalCodingCount: 0,
    children: children.map((c) => ({ ...c, parentId: id })),
  };
}

describe('coded pieces', () => {
  it('cuts the text at every coding boundary and says which codings cover each piece', () => {
    // "I went very quiet here" coded twice, overlapping: [10, 32) and [21, 40).
    const pieces = splitCoded(0, 50, [], [drawn('a', 10, 32), drawn('b', 21, 40)]);
    expect(pieces.map((p) => [p.start, p.end, p.codings.map((c) => c.id).join('+')])).toEqual([
      [0, 10, ''],
      [10, 21, 'a'],
      [21, 32, 'a+b'],
      [32, 40, 'b'],
      [40, 50, ''],
    ]);
  });

  it('keeps marker and find cuts, and ignores codings outside the stretch', () => {
    const pieces = splitCoded(100, 130, [{ start: 105, end: 110, kind: 'find' }], [drawn('a', 108, 200), drawn('z', 0, 50)]);
    expect(pieces.map((p) => [p.start, p.end, p.kinds.join(','), p.codings.map((c) => c.id).join('+')])).toEqual([
      [100, 105, '', ''],
      [105, 108, 'find', ''],
      [108, 110, 'find', 'a'],
      [110, 130, '', 'a'],
    ]);
  });

  it('draws the longest coding first, so its underline stays lowest whatever was coded later', () => {
    expect(drawOrder([drawn('short', 5, 8), drawn('long', 0, 20), drawn('mid', 2, 12)]).map((c) => c.id)).toEqual(['long', 'mid', 'short']);
  });

  it('gives each overlapping code its own underline, at most three, and a stronger tint to the selected one', () => {
    const two = codedStyle([
      { color: '#D55E00', selected: false },
      { color: '#CC79A7', selected: true },
    ]);
    expect(String(two.backgroundImage)).toContain('rgb(213, 94, 0)');
    expect(String(two.backgroundImage)).toContain('rgb(204, 121, 167)');
    expect(String(two.backgroundImage)).toContain('rgba(204, 121, 167, 0.45)');
    expect(two.paddingBottom).toBe(6);
    const five = codedStyle(['#111111', '#222222', '#333333', '#444444', '#555555'].map((color) => ({ color, selected: false })));
    expect(five.paddingBottom).toBe(9);
    expect(codedStyle([])).toEqual({});
  });
});

describe('stripes in the margin', () => {
  it('puts codings that overlap vertically side by side and reuses a lane once it is free', () => {
    const { stripes, lanes } = assignLanes([
      { id: 'a', top: 0, bottom: 40, group: '' },
      { id: 'b', top: 20, bottom: 60, group: '' },
      { id: 'c', top: 50, bottom: 80, group: '' },
    ]);
    const lane = Object.fromEntries(stripes.map((s) => [s.id, s.lane]));
    expect(lane).toEqual({ a: 0, b: 1, c: 0 });
    expect(lanes).toBe(2);
  });

  it('keeps each coder in a group of lanes of their own, in the order given', () => {
    const { stripes, groupStarts } = assignLanes(
      [
        { id: 'cd1', top: 0, bottom: 10, group: 'CD' },
        { id: 'ab1', top: 0, bottom: 10, group: 'AB' },
        { id: 'ab2', top: 5, bottom: 15, group: 'AB' },
      ],
      ['AB', 'CD'],
    );
    expect(groupStarts.get('AB')).toBe(0);
    expect(groupStarts.get('CD')).toBe(2);
    expect(stripes.find((s) => s.id === 'cd1')!.lane).toBe(2);
  });
});

describe('finding a code in the palette', () => {
  const book = [node('r', 'Rupture', [node('w', 'Withdrawal')]), node('s', 'Shame'), node('a', 'Working alliance', [node('b', 'Bond')])];
  const flat = flattenCodes(book);

  it('lists the tree in order with each code’s ancestry', () => {
    expect(flat.map((f) => `${'  '.repeat(f.depth)}${f.trail.join(' / ')}`)).toEqual([
      'Rupture',
      '  Rupture / Withdrawal',
      'Shame',
      'Working alliance',
      '  Working alliance / Bond',
    ]);
  });

  it('ranks names that start with what was typed first, then words that do, then paths', () => {
    expect(rankCodes(flat, 'w').map((f) => f.code.name)).toEqual(['Withdrawal', 'Working alliance', 'Bond']);
    expect(rankCodes(flat, 'all').map((f) => f.code.name)).toEqual(['Working alliance', 'Bond']);
    expect(rankCodes(flat, 'rupture with').map((f) => f.code.name)).toEqual(['Withdrawal']);
    expect(rankCodes(flat, 'nothing like this')).toEqual([]);
  });

  it('shows a path with escaped slashes as names', () => {
    expect(pathLabel('Rupture/Self\\/other')).toBe('Rupture › Self/other');
  });
});

describe('shortcut keys', () => {
  it('reads a key press the way shortcuts are stored', () => {
    const key = (key: string, code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) =>
      chordOf({ key, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });
    expect(key('1', 'Digit1')).toBe('1');
    expect(key('s', 'KeyS')).toBe('S');
    // Alt changes e.key on many layouts ("ß" for Alt+S on a Mac): the physical key is what counts.
    expect(key('ß', 'KeyS', { altKey: true })).toBe('Alt+S');
    expect(key('!', 'Digit1', { shiftKey: true })).toBe('!');
    expect(key('2', 'Digit2', { ctrlKey: true, shiftKey: true })).toBe('Ctrl+Shift+2');
  });

  it('writes typed shortcuts in one form', () => {
    expect(normaliseShortcut('alt + s')).toBe('Alt+S');
    expect(normaliseShortcut('cmd+shift+3')).toBe('Shift+Meta+3');
    expect(normaliseShortcut('Alt+Tab')).toBeNull();
    expect(normaliseShortcut('')).toBeNull();
  });

  it('refuses keys the view uses and keys another code has, naming that code', () => {
    const taken = new Map([['1', 'Rupture']]);
    expect(shortcutProblem('1', taken)).toBe('1 already belongs to code "Rupture".');
    expect(shortcutProblem('t', taken)).toBe('T is taken by the view: T codes the whole turn.');
    expect(shortcutProblem('ctrl+z', taken)).toBe('Ctrl+Z is taken by the view: Ctrl+Z is Undo.');
    expect(shortcutProblem('2', taken)).toBeNull();
    expect(shortcutProblem('Alt+T', taken)).toBeNull();
  });
});

describe('in-vivo code names', () => {
  it('takes the selected words on one line, without surrounding quotes and trailing punctuation', () => {
    expect(inVivoName('  “walk out\ninside my head.”  ')).toBe('walk out inside my head');
    expect(inVivoName('I just felt... small.')).toBe('I just felt... small');
    expect(inVivoName(' ... ')).toBeNull();
  });

  it('cuts a long selection at a word boundary', () => {
    const name = inVivoName('It felt like being handed a worksheet at school, and I was never good at school, and I just felt small')!;
    expect(name.length).toBeLessThanOrEqual(81);
    expect(name.endsWith('…')).toBe(true);
    expect(name).toMatch(/^It felt like being handed a worksheet at school, and I was never good at\b/);
  });
});

describe('dragging a code in the codebook', () => {
  const book = [node('r', 'Rupture', [node('w', 'Withdrawal')]), node('s', 'Shame'), node('u', 'Feeling unseen')];

  it('puts it before, after or under the code it is dropped on', () => {
    const shame = book[1]!;
    expect(moveFor(book, 'u', shame, 'before')).toEqual({ parentId: null, position: 1 });
    expect(moveFor(book, 'r', shame, 'after')).toEqual({ parentId: null, position: 1 });
    expect(moveFor(book, 'u', shame, 'inside')).toEqual({ parentId: 's' });
    expect(moveFor(book, 's', book[0]!.children[0]!, 'after')).toEqual({ parentId: 'r', position: 1 });
  });

  it('refuses to put a code into itself or its own sub-codes', () => {
    expect(moveFor(book, 'r', book[0]!, 'inside')).toBeNull();
    expect(moveFor(book, 'r', book[0]!.children[0]!, 'before')).toBeNull();
  });
});

describe('whose codings the view shows', () => {
  const coding = (id: string, coderId: string): CodingView => ({
    id,
    interviewId: 'iv',
    codeId: 'c',
    coderId,
    start: 0,
    end: 5,
    createdAt: '',
    codeName: 'Shame',
    codePath: 'Shame',
    color: '#CC79A7',
    coderName: coderId,
  });
  const saved = [coding('1', 'AB'), coding('2', 'CD'), coding('3', 'EF')];
  const pending = [coding('pending:x', 'AB'), { ...coding('pending:y', 'AB'), interviewId: 'other' }];
  const ids = (list: CodingView[]) => list.map((c) => c.id);

  it("shows the current coder's own, with what is being saved, without what is being removed", () => {
    expect(ids(visibleCodings(saved, pending, {}, { mode: 'mine', coderIds: null }, 'AB', 'iv'))).toEqual(['1', 'pending:x']);
    expect(ids(visibleCodings(saved, pending, { '1': true }, { mode: 'mine', coderIds: null }, 'AB', 'iv'))).toEqual(['pending:x']);
  });

  it('shows chosen coders side by side, or everyone', () => {
    expect(ids(visibleCodings(saved, [], {}, { mode: 'side', coderIds: ['AB', 'EF'] }, 'AB', 'iv'))).toEqual(['1', '3']);
    expect(ids(visibleCodings(saved, [], {}, { mode: 'side', coderIds: null }, 'AB', 'iv'))).toEqual(['1', '2', '3']);
    expect(ids(visibleCodings(saved, [], {}, { mode: 'all', coderIds: ['AB'] }, 'AB', 'iv'))).toEqual(['1', '2', '3']);
  });
});
