import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { dump, openFixture, seed, spanOf, type Fixture, type Seed } from './fixture';

let fx: Fixture;
let s: Seed;
beforeEach(() => {
  fx = openFixture();
  s = seed(fx);
});
afterEach(() => fx.close());

/** Every coding, codebook, memo and correction operation, as a researcher would do it. */
const operations: [string, (fx: Fixture, s: Seed) => unknown][] = [
  ['create a codebook', (f) => C.createCodebook(f.db, 'Second pass')],
  ['rename a codebook', (f) => C.renameCodebook(f.db, C.listCodebooks(f.db)[0]!.id, 'Alliance codebook')],
  ['delete a codebook with its codes, codings and memos', (f) => C.deleteCodebook(f.db, C.listCodebooks(f.db)[0]!.id)],
  ['create a top-level code', (f) => C.createCode(f.db, { name: 'Trust', color: '#123456' })],
  ['create a sub-code at a position', (f, s) => C.createCode(f.db, { name: 'Silence', parentId: s.rupture, position: 0 })],
  ['rename a code', (f, s) => C.updateCode(f.db, s.shame, { name: 'Shame (self)' })],
  ['edit a code’s definition, criteria, example, colour and shortcut', (f, s) =>
    C.updateCode(f.db, s.repair, { definition: 'Restoring the bond', inclusion: 'a', exclusion: 'b', example: 'c', color: '#00FF00', shortcut: 'R' })],
  ['move a code under another', (f, s) => C.moveCode(f.db, s.shame, s.rupture, 1)],
  ['reorder siblings', (f, s) => C.moveCode(f.db, s.repair, null, 0)],
  ['merge a code into another (duplicates collapse)', (f, s) => C.mergeCodes(f.db, s.shame, s.embarrassment)],
  ['merge a code with sub-codes into its sibling', (f, s) => C.mergeCodes(f.db, s.rupture, s.repair)],
  ['merge a sub-code into its parent', (f, s) => C.mergeCodes(f.db, s.withdrawal, s.rupture)],
  ['split codings off a code', (f, s) => C.splitCode(f.db, { codeId: s.shame, codingIds: [s.codings['shame:ben:small']!], name: 'Smallness' })],
  ['delete a code with sub-codes', (f, s) => C.deleteCode(f.db, s.rupture)],
  ['create codes from a path', (f) => C.resolveCodePath(f.db, null, 'Rupture/Withdrawal/Averted gaze', { create: true })],
  ['add a coding', (f, s) => C.addCoding(f.db, { interviewId: f.clientId, ...spanOf(f.db, f.clientId, 'Relief, honestly'), codeId: s.repair })],
  ['remove a coding with a memo', (f, s) => C.removeCoding(f.db, s.codings['shame:ana:look']!)],
  ['resize and recode a coding', (f, s) => C.updateCoding(f.db, s.codings['emb:ben:small']!, { end: spanOf(f.db, f.clientId, 'I felt small,').end, codeId: s.shame })],
  ['code a whole turn', (f, s) => C.codeTurn(f.db, { turnId: turnId(f, 'T', 0), codeId: s.confrontation })],
  ['code a whole recall moment', (f, s) => C.codeMoment(f.db, { momentId: momentId(f), codeId: s.rupture })],
  ['write a memo', (f, s) => C.createMemo(f.db, { targetKind: 'code', targetId: s.repair, text: 'Seen in both sides.' })],
  ['edit a memo', (f) => C.updateMemo(f.db, C.listMemos(f.db)[0]!.id, { title: 'New title', text: 'New text' })],
  ['delete a memo', (f) => C.deleteMemo(f.db, C.listMemos(f.db)[0]!.id)],
  ['correct a typo inside codings', (f) => C.correctInterview(f.db, { interviewId: f.clientId, ...spanOf(f.db, f.clientId, 'look at her'), replacement: 'look at my therapist' })],
  ['delete a passage that holds whole codings', (f) =>
    C.correctInterview(f.db, { interviewId: f.clientId, ...spanOf(f.db, f.clientId, 'I could not look at her. I felt small, like a child caught out.'), replacement: '' })],
  ['insert text at the start of the transcript', (f) => C.correctInterview(f.db, { interviewId: f.therapistId, start: 0, end: 0, replacement: 'Transcribed by R.\n' })],
];

function turnId(f: Fixture, speaker: string, nth: number): string {
  return (f.db.prepare('SELECT id FROM turns WHERE speaker = ? ORDER BY interview_id, seq').all(speaker) as { id: string }[])[nth]!.id;
}
function momentId(f: Fixture): string {
  return (f.db.prepare('SELECT id FROM moments WHERE interview_id = ? ORDER BY "offset"').get(f.clientId) as { id: string }).id;
}

describe('undo and redo restore the exact table contents', () => {
  it.each(operations)('%s', (_name, op) => {
    const before = dump(fx.db);
    op(fx, s);
    const after = dump(fx.db);
    expect(after).not.toEqual(before);
    expect(C.undoState(fx.db).canUndo).toBe(true);
    expect(C.undo(fx.db)).toBe(C.undoState(fx.db).redoLabel);
    expect(dump(fx.db)).toEqual(before);
    expect(C.redo(fx.db)).not.toBeNull();
    expect(dump(fx.db)).toEqual(after);
    C.undo(fx.db);
    expect(dump(fx.db)).toEqual(before);
  });

  it('undoes the whole seed step by step back to an empty codebook, then redoes all of it', () => {
    const seeded = dump(fx.db);
    let steps = 0;
    while (C.undo(fx.db) !== null) steps++;
    expect(steps).toBe(6 + 9 + 6); // codes, codings, memos
    expect(fx.db.prepare('SELECT count(*) AS n FROM codes').get()).toEqual({ n: 0 });
    expect(fx.db.prepare('SELECT count(*) AS n FROM codebooks').get()).toEqual({ n: 0 }); // the default codebook came with the first code
    while (C.redo(fx.db) !== null) steps--;
    expect(steps).toBe(0);
    expect(dump(fx.db)).toEqual(seeded);
  });
});

describe('the undo history', () => {
  it('names each step for the researcher', () => {
    C.mergeCodes(fx.db, s.shame, s.embarrassment);
    expect(C.undoState(fx.db)).toEqual({ canUndo: true, canRedo: false, undoLabel: "Merge 'Shame' into 'Embarrassment'", redoLabel: null });
    C.undo(fx.db);
    expect(C.undoState(fx.db)).toMatchObject({ canRedo: true, redoLabel: "Merge 'Shame' into 'Embarrassment'", undoLabel: 'Write memo on the project' });
  });

  it('a new operation clears the redo stack', () => {
    C.createCode(fx.db, { name: 'Trust' });
    C.undo(fx.db);
    expect(C.undoState(fx.db).canRedo).toBe(true);
    C.createCode(fx.db, { name: 'Distrust' });
    expect(C.undoState(fx.db)).toMatchObject({ canRedo: false, undoLabel: "Create code 'Distrust'" });
  });

  it('an operation that changes nothing is not a step and keeps the redo stack', () => {
    C.createCode(fx.db, { name: 'Trust' });
    C.undo(fx.db);
    const again = C.addCoding(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'I could not look at her'), codeId: s.shame });
    expect(again.created).toBe(false);
    C.updateCode(fx.db, s.shame, { name: 'Shame' });
    expect(C.undoState(fx.db)).toMatchObject({ canRedo: true, redoLabel: "Create code 'Trust'" });
  });

  it('a failed operation leaves no step behind', () => {
    const before = C.undoState(fx.db);
    expect(() => C.createCode(fx.db, { name: 'shame' })).toThrow(/already a code named "Shame"/);
    expect(C.undoState(fx.db)).toEqual(before);
    expect(fx.db.prepare('SELECT recording FROM undo_state').get()).toEqual({ recording: null });
  });

  it('keeps the last UNDO_LIMIT steps', () => {
    for (let i = 0; i < C.UNDO_LIMIT + 15; i++) C.createMemo(fx.db, { targetKind: 'project', text: `note ${i}` });
    expect(fx.db.prepare("SELECT count(*) AS n FROM undo_steps WHERE stack = 'undo'").get()).toEqual({ n: C.UNDO_LIMIT });
    let n = 0;
    while (C.undo(fx.db)) n++;
    expect(n).toBe(C.UNDO_LIMIT);
    // The oldest memos (and the whole seed) are beyond the limit and stay.
    expect(C.listMemos(fx.db).map((m) => m.text)).toContain('note 14');
    expect(C.listMemos(fx.db).map((m) => m.text)).not.toContain('note 15');
    expect(fx.db.prepare('SELECT count(*) AS n FROM undo_log WHERE step_id NOT IN (SELECT id FROM undo_steps)').get()).toEqual({ n: 0 });
  });

  it('survives closing and reopening the project', () => {
    const before = dump(fx.db);
    C.deleteCode(fx.db, s.rupture);
    fx.reopen();
    expect(C.undoState(fx.db).undoLabel).toBe("Delete code 'Rupture'");
    C.undo(fx.db);
    expect(dump(fx.db)).toEqual(before);
    fx.reopen();
    expect(C.redo(fx.db)).toBe("Delete code 'Rupture'");
    expect(C.findCodeByPath(fx.db, null, 'Rupture')).toBeNull();
  });

  it('a write outside Dyad’s operations clears the history instead of letting undo replay over it', () => {
    C.createCode(fx.db, { name: 'Trust' });
    fx.db.prepare("UPDATE codes SET name = 'Trust!' WHERE name = 'Trust'").run();
    expect(C.undoState(fx.db)).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    expect(fx.db.prepare('SELECT count(*) AS n FROM undo_log').get()).toEqual({ n: 0 });
  });

  it('deleting an interview (and so its codings) clears the history', () => {
    C.createCode(fx.db, { name: 'Trust' });
    fx.db.prepare('DELETE FROM interviews WHERE id = ?').run(fx.clientId);
    expect(C.undoState(fx.db).canUndo).toBe(false);
  });

  it('refuses to run anything in the log that Dyad did not write, and leaves the project as it was', () => {
    C.createCode(fx.db, { name: 'Trust' });
    fx.db.prepare("UPDATE undo_log SET sql = 'DROP TABLE codings' WHERE step_id = (SELECT max(id) FROM undo_steps)").run();
    const before = dump(fx.db);
    expect(() => C.undo(fx.db)).toThrow(/Could not undo "Create code 'Trust'".*history was cleared/);
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db).canUndo).toBe(false);
  });

  it('a step that no longer fits the data fails cleanly (deferred foreign keys are checked at commit)', () => {
    C.deleteCode(fx.db, s.shame);
    // Behind the history's back: the coder of the deleted codings disappears (foreign keys off, as a crude tool would).
    fx.db.pragma('foreign_keys = OFF');
    fx.db.prepare('UPDATE undo_state SET recording = -1').run(); // hide this from the clearing triggers
    fx.db.prepare('DELETE FROM memos WHERE coder_id IS NOT NULL').run();
    fx.db.prepare("UPDATE codings SET coder_id = (SELECT id FROM coders WHERE name = 'Ana')").run();
    fx.db.prepare('UPDATE undo_state SET recording = NULL').run();
    fx.db.prepare("DELETE FROM coders WHERE name = 'Ben'").run();
    fx.db.pragma('foreign_keys = ON');
    const before = dump(fx.db);
    expect(() => C.undo(fx.db)).toThrow(/Could not undo "Delete code 'Shame'" \(FOREIGN KEY constraint failed\)/);
    expect(dump(fx.db)).toEqual(before);
    expect(fx.db.inTransaction).toBe(false);
  });
});
