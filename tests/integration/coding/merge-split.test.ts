import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { openFixture, seed, spanOf, type Fixture, type Seed } from './fixture';

let fx: Fixture;
let s: Seed;
beforeEach(() => {
  fx = openFixture();
  s = seed(fx);
});
afterEach(() => fx.close());

const codingsOf = (codeId: string) => fx.db.prepare('SELECT id FROM codings WHERE code_id = ? ORDER BY id').all(codeId).map((r) => (r as { id: string }).id);

describe('merging codes', () => {
  it("moves the source's codings, collapses duplicates (counted) and keeps every passage", () => {
    const passages = () =>
      new Set(
        (fx.db.prepare('SELECT interview_id, coder_id, start, "end" FROM codings WHERE code_id IN (?, ?)').all(s.shame, s.embarrassment) as object[]).map((r) =>
          JSON.stringify(r),
        ),
      );
    const before = passages();
    const r = C.mergeCodes(fx.db, s.shame, s.embarrassment);
    // Ana coded "I could not look at her" as both: one collapses. Ben's "I felt small" spans differ: both stay.
    expect(r).toMatchObject({ movedCodings: 1, collapsedDuplicates: 1, movedSubCodes: 0, mergedSubCodes: 0 });
    expect(r.code.name).toBe('Embarrassment');
    expect(codingsOf(s.embarrassment)).toHaveLength(3);
    expect(passages()).toEqual(before);
    expect(() => C.getCode(fx.db, s.shame)).toThrow(/No code/);
  });

  it('moves memos to the remaining code and to the coding that absorbed a duplicate', () => {
    const r = C.mergeCodes(fx.db, s.shame, s.embarrassment);
    expect(r.movedMemos).toBe(2);
    expect(C.listMemos(fx.db, { targetKind: 'code', targetId: s.embarrassment }).map((m) => m.title)).toEqual(['Shame vs embarrassment']);
    const kept = s.codings['emb:ana:look']!;
    expect(C.listMemos(fx.db, { targetKind: 'coding', targetId: kept }).map((m) => m.text)).toEqual(['Eye contact avoided.']);
  });

  it('moves sub-codes and merges same-named sub-codes recursively', () => {
    const withdrawal2 = C.createCode(fx.db, { name: 'withdrawal', parentId: s.repair });
    const grand = C.createCode(fx.db, { name: 'Averted gaze', parentId: withdrawal2.id });
    C.addCoding(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'I wanted to leave the room'), codeId: withdrawal2.id }); // duplicate of Ana's Withdrawal
    const r = C.mergeCodes(fx.db, s.repair, s.rupture);
    expect(r).toMatchObject({ mergedSubCodes: 1, movedSubCodes: 1, collapsedDuplicates: 1, movedCodings: 2 });
    expect(C.getCode(fx.db, grand.id).path).toBe('Rupture/Withdrawal/Averted gaze');
    const tree = C.listCodebooks(fx.db)[0]!.codes[0]!;
    expect(tree.children.map((c) => c.name)).toEqual(['Withdrawal', 'Confrontation']);
    expect(tree.totalCodingCount).toBe(5);
  });

  it('merges a sub-code into its parent, even when the sub-code has a child of its own name', () => {
    const inner = C.createCode(fx.db, { name: 'Withdrawal', parentId: s.withdrawal });
    const r = C.mergeCodes(fx.db, s.withdrawal, s.rupture);
    expect(r).toMatchObject({ movedSubCodes: 1, movedCodings: 2 });
    expect(C.getCode(fx.db, inner.id).path).toBe('Rupture/Withdrawal');
    expect(codingsOf(s.rupture)).toHaveLength(2);
  });

  it('refuses merging into itself, into its own sub-code, or across codebooks', () => {
    expect(() => C.mergeCodes(fx.db, s.shame, s.shame)).toThrow(/cannot be merged into itself/);
    expect(() => C.mergeCodes(fx.db, s.rupture, s.withdrawal)).toThrow(/into its own sub-code "Withdrawal"/);
    const other = C.createCodebook(fx.db, 'Other');
    const trust = C.createCode(fx.db, { codebookId: other.id, name: 'Trust' });
    expect(() => C.mergeCodes(fx.db, s.shame, trust.id)).toThrow(/different codebooks/);
  });
});

describe('splitting a code', () => {
  it('moves the chosen codings to a new code beside it', () => {
    const r = C.splitCode(fx.db, { codeId: s.shame, codingIds: [s.codings['shame:ben:small']!], name: 'Smallness', definition: 'Feeling small' });
    expect(r.movedCodings).toBe(1);
    expect(r.code).toMatchObject({ name: 'Smallness', parentId: null, definition: 'Feeling small', position: 2 });
    expect(codingsOf(r.code.id)).toEqual([s.codings['shame:ben:small']]);
    expect(codingsOf(s.shame)).toEqual([s.codings['shame:ana:look']]);
    expect(C.listCodebooks(fx.db)[0]!.codes.map((c) => c.name)).toEqual(['Rupture', 'Shame', 'Smallness', 'Embarrassment', 'Repair']);
  });

  it('can put the new code under another parent, and refuses codings of other codes', () => {
    expect(() => C.splitCode(fx.db, { codeId: s.shame, codingIds: [s.codings['repair:ana:breathe']!], name: 'X' })).toThrow(/is not coded "Shame"/);
    const r = C.splitCode(fx.db, { codeId: s.shame, codingIds: [s.codings['shame:ana:look']!], name: 'Gaze', parentId: s.shame });
    expect(r.code.path).toBe('Shame/Gaze');
    expect(() => C.splitCode(fx.db, { codeId: s.shame, codingIds: [s.codings['shame:ben:small']!], name: 'gaze', parentId: s.shame })).toThrow(/already a code named "Gaze"/);
  });
});
