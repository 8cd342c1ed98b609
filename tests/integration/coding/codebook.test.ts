import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import * as C from '../../../electron/core/coding';
import { openFixture, seed, type Fixture, type Seed } from './fixture';

let fx: Fixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(() => fx.close());

const names = (nodes: { name: string }[]) => nodes.map((n) => n.name);

describe('codebooks', () => {
  it('a project has no codebook until the first code, which creates the default one', () => {
    expect(C.listCodebooks(fx.db)).toEqual([]);
    const code = C.createCode(fx.db, { name: 'Trust' });
    const books = C.listCodebooks(fx.db);
    expect(books.map((b) => b.name)).toEqual([C.DEFAULT_CODEBOOK_NAME]);
    expect(code.codebookId).toBe(books[0]!.id);
  });

  it('creates, renames and deletes codebooks; names are unique in the project', () => {
    const a = C.createCodebook(fx.db, 'First pass');
    const b = C.createCodebook(fx.db, 'Second pass');
    expect(() => C.createCodebook(fx.db, 'first PASS')).toThrow(/already a codebook named "First pass"/);
    expect(() => C.renameCodebook(fx.db, b.id, 'First pass')).toThrow(DyadError);
    expect(C.renameCodebook(fx.db, b.id, 'Consensus').name).toBe('Consensus');
    C.createCode(fx.db, { codebookId: b.id, name: 'Trust' });
    // The first codebook is the default where none is named.
    expect(C.createCode(fx.db, { name: 'Bond' }).codebookId).toBe(a.id);
    expect(C.listCodebooks(fx.db).map((x) => [x.name, x.codeCount])).toEqual([
      ['First pass', 1],
      ['Consensus', 1],
    ]);
  });

  it('deleting a codebook reports what went with it', () => {
    const s = seed(fx);
    const book = C.listCodebooks(fx.db)[0]!;
    const r = C.deleteCodebook(fx.db, book.id);
    expect(r).toMatchObject({ deletedCodes: 6, deletedCodings: 9, deletedMemos: 2 }); // memo on Shame and on a coding
    expect(fx.db.prepare('SELECT count(*) AS n FROM codings').get()).toEqual({ n: 0 });
    expect(C.listMemos(fx.db).map((m) => m.targetKind).sort()).toEqual(['dyad', 'interview', 'project', 'session']);
    expect(() => C.getCode(fx.db, s.shame)).toThrow(/No code/);
  });

  it('lists the tree in order with own and total coding counts, and counts of one coder', () => {
    const s = seed(fx);
    const [book] = C.listCodebooks(fx.db);
    expect(book!.codeCount).toBe(6);
    expect(book!.codingCount).toBe(9);
    expect(names(book!.codes)).toEqual(['Rupture', 'Shame', 'Embarrassment', 'Repair']);
    const rupture = book!.codes[0]!;
    expect(names(rupture.children)).toEqual(['Withdrawal', 'Confrontation']);
    expect(rupture).toMatchObject({ codingCount: 0, totalCodingCount: 3, shortcut: '1', definition: 'A strain in the alliance' });
    expect(rupture.children[0]).toMatchObject({ path: 'Rupture/Withdrawal', codingCount: 2, inclusion: 'Moving away from the other' });
    const ben = C.listCodebooks(fx.db, { coderId: s.ben })[0]!;
    expect(ben.codingCount).toBe(9);
    expect(ben.coderCodingCount).toBe(4);
    expect(ben.codes[0]!.totalCodingCount).toBe(3);
    expect(ben.codes[0]!.coderCounts).toEqual({ codingCount: 0, totalCodingCount: 1 });
    expect(book!.codes[0]!.coderCounts).toBeUndefined();
  });
});

describe('codes', () => {
  let s: Seed;
  beforeEach(() => {
    s = seed(fx);
  });

  it('names are unique among siblings, case-insensitively, and the error names the clash', () => {
    const err = (() => {
      try {
        C.createCode(fx.db, { name: 'withdrawal', parentId: s.rupture });
      } catch (e) {
        return e as DyadError;
      }
    })();
    expect(err).toBeInstanceOf(DyadError);
    expect(err!.kind).toBe('conflict');
    expect(err!.message).toBe('There is already a code named "Withdrawal" under "Rupture" in codebook "Codebook".');
    // The same name elsewhere in the tree is fine.
    expect(C.createCode(fx.db, { name: 'Withdrawal', parentId: s.repair }).path).toBe('Repair/Withdrawal');
    expect(() => C.updateCode(fx.db, s.embarrassment, { name: ' SHAME ' })).toThrow(/already a code named "Shame" at the top of codebook "Codebook"/);
    expect(() => C.moveCode(fx.db, s.withdrawal, s.repair)).toThrow(/already a code named "Withdrawal" under "Repair"/);
  });

  it('sibling names are unique under Unicode case folding, for create, rename, move and merge alike', () => {
    const emotion = C.createCode(fx.db, { name: 'Émotion' });
    // Accented capitals, the German sharp s and decomposed accents are the same name as their other spellings.
    expect(() => C.createCode(fx.db, { name: 'émotion' })).toThrow('There is already a code named "Émotion" at the top of codebook "Codebook".');
    expect(() => C.createCode(fx.db, { name: 'E\u0301MOTION' })).toThrow(/already a code named "Émotion"/);
    C.createCode(fx.db, { name: 'Straße', parentId: s.rupture });
    expect(() => C.createCode(fx.db, { name: 'STRASSE', parentId: s.rupture })).toThrow(/already a code named "Straße" under "Rupture"/);
    expect(() => C.updateCode(fx.db, s.repair, { name: 'ÉMOTION' })).toThrow(/already a code named "Émotion"/);
    // Renaming a code to another case of its own name is a rename, not a clash.
    expect(C.updateCode(fx.db, emotion.id, { name: 'émotion' }).name).toBe('émotion');
    const underRepair = C.createCode(fx.db, { name: 'ÉMOTION', parentId: s.repair });
    expect(() => C.moveCode(fx.db, underRepair.id, null)).toThrow(/already a code named "émotion" at the top/);
    // Merging: a sub-code meets its case-folded twin under the target and the two become one.
    const child = C.createCode(fx.db, { name: 'émotion', parentId: s.withdrawal });
    C.addCoding(fx.db, { interviewId: fx.clientId, start: 0, end: 5, codeId: child.id, coderId: s.ana });
    const r = C.mergeCodes(fx.db, s.withdrawal, s.repair);
    expect(r.mergedSubCodes).toBe(1);
    const kids = fx.db.prepare('SELECT name FROM codes WHERE parent_id = ?').all(s.repair) as { name: string }[];
    expect(kids.map((k) => k.name).filter((n) => n.toLowerCase() === 'émotion')).toEqual(['ÉMOTION']);
    expect(fx.db.prepare('SELECT count(*) AS n FROM codings WHERE code_id = ?').get(underRepair.id)).toEqual({ n: 1 });
  });

  it('edits every field; colours are #RRGGBB and new codes get distinct colours', () => {
    const c = C.updateCode(fx.db, s.repair, {
      name: 'Repair attempt',
      color: '#a1b2c3',
      definition: 'An attempt to restore the bond',
      inclusion: 'Either side reaches out',
      exclusion: 'Apologies without reaching out',
      example: 'She stopped pushing',
      shortcut: 'Alt+R',
    });
    expect(c).toMatchObject({ name: 'Repair attempt', color: '#A1B2C3', shortcut: 'Alt+R', path: 'Repair attempt', exclusion: 'Apologies without reaching out' });
    expect(() => C.updateCode(fx.db, s.repair, { color: 'teal' })).toThrow('"teal" is not a colour: write it as #RRGGBB, e.g. #E69F00.');
    const colours = C.listCodebooks(fx.db)[0]!.codes.map((x) => x.color);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('shortcuts are unique within a codebook', () => {
    expect(() => C.updateCode(fx.db, s.shame, { shortcut: '1' })).toThrow(/shortcut 1 already belongs to code "Rupture"/);
    expect(C.updateCode(fx.db, s.rupture, { shortcut: null }).shortcut).toBeNull();
    expect(C.updateCode(fx.db, s.shame, { shortcut: '1' }).shortcut).toBe('1');
  });

  it('moves a code with its sub-codes and reorders siblings', () => {
    C.moveCode(fx.db, s.rupture, s.repair);
    expect(C.getCode(fx.db, s.withdrawal).path).toBe('Repair/Rupture/Withdrawal');
    expect(names(C.listCodebooks(fx.db)[0]!.codes)).toEqual(['Shame', 'Embarrassment', 'Repair']);
    C.moveCode(fx.db, s.rupture, null, 1);
    expect(names(C.listCodebooks(fx.db)[0]!.codes)).toEqual(['Shame', 'Rupture', 'Embarrassment', 'Repair']);
    C.moveCode(fx.db, s.shame, null, 99);
    const top = C.listCodebooks(fx.db)[0]!.codes;
    expect(names(top)).toEqual(['Rupture', 'Embarrassment', 'Repair', 'Shame']);
    expect(top.map((c) => c.position)).toEqual([0, 1, 2, 3]);
    C.moveCode(fx.db, s.confrontation, s.rupture, 0);
    expect(names(C.listCodebooks(fx.db)[0]!.codes[0]!.children)).toEqual(['Confrontation', 'Withdrawal']);
  });

  it('a code cannot move under itself or its sub-codes', () => {
    expect(() => C.moveCode(fx.db, s.rupture, s.withdrawal)).toThrow(/cannot move under itself or one of its own sub-codes/);
    expect(() => C.moveCode(fx.db, s.rupture, s.rupture)).toThrow(DyadError);
  });

  it('finds codes by path and creates missing ones only when asked', () => {
    expect(C.resolveCodePath(fx.db, null, 'rupture/WITHDRAWAL').id).toBe(s.withdrawal);
    expect(() => C.resolveCodePath(fx.db, null, 'Rupture/Silence')).toThrow('No code "Silence" under "Rupture" in codebook "Codebook".');
    expect(() => C.resolveCodePath(fx.db, null, 'Alliance/Bond')).toThrow('No code "Alliance" at the top in codebook "Codebook".');
    const made = C.resolveCodePath(fx.db, null, 'Rupture/Silence/Long pause', { create: true });
    expect(made.path).toBe('Rupture/Silence/Long pause');
    expect(C.undoState(fx.db).undoLabel).toBe("Create code 'Rupture/Silence/Long pause'");
    C.createCode(fx.db, { name: 'Self/other', parentId: s.repair });
    expect(C.resolveCodePath(fx.db, null, 'Repair/Self\\/other').name).toBe('Self/other');
    expect(C.findCodeByPath(fx.db, null, 'Repair/Self/other')).toBeNull();
  });

  it('reports what a delete would take before it happens, and the same counts after', () => {
    const usage = C.codeUsage(fx.db, s.rupture);
    expect(usage).toEqual({ codingCount: 0, subCodeCount: 2, subCodeCodingCount: 3, memoCount: 0 });
    const r = C.deleteCode(fx.db, s.rupture);
    expect(r).toMatchObject({ deletedCodings: 0, deletedSubCodes: 2, deletedSubCodeCodings: 3, deletedMemos: 0 });
    expect(fx.db.prepare('SELECT count(*) AS n FROM codes').get()).toEqual({ n: 3 });
    expect(C.listCodebooks(fx.db)[0]!.codes.map((c) => c.position)).toEqual([0, 1, 2]);
    const shame = C.deleteCode(fx.db, s.shame);
    expect(shame).toMatchObject({ deletedCodings: 2, deletedSubCodes: 0, deletedMemos: 2 });
  });
});
