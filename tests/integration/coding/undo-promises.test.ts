/**
 * What a researcher expects of Ctrl+Z and Shift+Ctrl+Z, checked on the seeded fixture in memory (fast enough to run
 * against every mutant of electron/core/coding/undo*.ts and corrections.ts): undo of a step brings back exactly the
 * project before it, redo exactly the project after it, and nothing outside that step moves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { dump, spanOf, textOf, type Seed } from './fixture';
import { openSeededMemoryFixture, type MemoryFixture } from './memoryFixture';

let fx: MemoryFixture;
let s: Seed;
beforeEach(() => ({ fx, s } = openSeededMemoryFixture()));
afterEach(() => fx.close());

/** Each coding as the researcher sees it: code, coder and the words it covers. */
function codedPassages(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT k.name AS code, c.name AS coder, g.interview_id, g.start, g."end" FROM codings g
       JOIN codes k ON k.id = g.code_id JOIN coders c ON c.id = g.coder_id`,
    )
    .all() as { code: string; coder: string; interview_id: string; start: number; end: number }[];
  return rows.map((r) => `${r.code} / ${r.coder}: ${textOf(db, r.interview_id).slice(r.start, r.end)}`).sort();
}

/** Every coding's offsets, by id. */
const offsets = (db: Db) => db.prepare('SELECT id, start, "end" FROM codings ORDER BY id').all();
const codeNames = (db: Db) => (db.prepare('SELECT name FROM codes ORDER BY name').pluck().all() as string[]);
const memoTexts = (db: Db) => (db.prepare('SELECT text FROM memos ORDER BY text').pluck().all() as string[]);
const search = (db: Db, word: string) => db.prepare('SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?').pluck().get(word);

describe('undo and redo of a researcher’s steps', () => {
  it('undo of a coding brings back exactly the earlier codings; redo brings the same coding back', () => {
    const before = dump(fx.db);
    const passages = codedPassages(fx.db);
    const { coding } = C.addCoding(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'Relief, honestly'), codeId: s.repair });
    const after = dump(fx.db);
    expect(codedPassages(fx.db)).toEqual([...passages, 'Repair / Ana: Relief, honestly'].sort());
    expect(C.undo(fx.db)).toBe("Code passage as 'Repair'");
    expect(codedPassages(fx.db)).toEqual(passages);
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db)).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Write memo on the project', redoLabel: "Code passage as 'Repair'" });
    expect(C.redo(fx.db)).toBe("Code passage as 'Repair'");
    expect(dump(fx.db)).toEqual(after);
    expect(C.getCoding(fx.db, coding.id).codeId).toBe(s.repair);
    expect(C.undoState(fx.db)).toEqual({ canUndo: true, canRedo: false, undoLabel: "Code passage as 'Repair'", redoLabel: null });
  });

  it('undo of a correction restores the text and every coding’s offsets; redo gives the corrected text back', () => {
    const before = { text: textOf(fx.db, fx.clientId), offsets: offsets(fx.db), passages: codedPassages(fx.db), all: dump(fx.db) };
    C.correctInterview(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'Shall we start'), replacement: 'Shall we now begin' });
    const after = { text: textOf(fx.db, fx.clientId), offsets: offsets(fx.db), all: dump(fx.db) };
    expect(after.offsets).not.toEqual(before.offsets);
    expect(search(fx.db, 'begin')).toBe(1);
    expect(C.undo(fx.db)).toBe('Correct the transcript D07_S1_client.txt');
    expect(textOf(fx.db, fx.clientId)).toBe(before.text);
    expect(offsets(fx.db)).toEqual(before.offsets);
    expect(codedPassages(fx.db)).toEqual(before.passages);
    expect(search(fx.db, 'begin')).toBe(0);
    expect(dump(fx.db)).toEqual(before.all);
    C.redo(fx.db);
    expect(textOf(fx.db, fx.clientId)).toBe(after.text);
    expect(offsets(fx.db)).toEqual(after.offsets);
    expect(search(fx.db, 'begin')).toBe(1);
    expect(dump(fx.db)).toEqual(after.all);
  });

  it('a code deleted with its sub-codes comes back with them, their codings and their memos', () => {
    const before = dump(fx.db);
    const passages = codedPassages(fx.db);
    C.createMemo(fx.db, { targetKind: 'code', targetId: s.withdrawal, text: 'Moving away, in words or in gaze.' });
    const withMemo = dump(fx.db);
    C.deleteCode(fx.db, s.rupture);
    expect(codeNames(fx.db)).toEqual(['Embarrassment', 'Repair', 'Shame']);
    expect(memoTexts(fx.db)).not.toContain('Moving away, in words or in gaze.');
    expect(C.undo(fx.db)).toBe("Delete code 'Rupture'");
    expect(codeNames(fx.db)).toEqual(['Confrontation', 'Embarrassment', 'Repair', 'Rupture', 'Shame', 'Withdrawal']);
    expect(codedPassages(fx.db)).toEqual(passages);
    expect(memoTexts(fx.db)).toContain('Moving away, in words or in gaze.');
    expect(C.getCode(fx.db, s.withdrawal).parentId).toBe(s.rupture);
    expect(dump(fx.db)).toEqual(withMemo);
    C.undo(fx.db);
    expect(dump(fx.db)).toEqual(before);
  });

  it('steps written inside another step are one step: one undo takes them all back', () => {
    const before = dump(fx.db);
    const result = C.undoable(
      fx.db,
      (codes: string[]) => `Add ${codes.length} codes`,
      () => [C.createCode(fx.db, { name: 'Trust' }).name, C.createCode(fx.db, { name: 'Distrust' }).name],
    );
    expect(result).toEqual(['Trust', 'Distrust']);
    expect(C.undoState(fx.db).undoLabel).toBe('Add 2 codes');
    expect(C.undo(fx.db)).toBe('Add 2 codes');
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db).undoLabel).toBe('Write memo on the project');
  });

  it('one correction step over both interviews puts both search indexes back', () => {
    C.undoable(fx.db, 'Spell-check the session', () => {
      C.correctInterview(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'honestly'), replacement: 'frankly' });
      C.correctInterview(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'breathe'), replacement: 'exhale' });
      C.correctInterview(fx.db, { interviewId: fx.therapistId, ...spanOf(fx.db, fx.therapistId, 'regret'), replacement: 'rue' });
    });
    expect([search(fx.db, 'frankly'), search(fx.db, 'exhale'), search(fx.db, 'rue')]).toEqual([1, 1, 1]);
    const reindex = fx.db.prepare("SELECT reindex FROM undo_steps WHERE stack = 'undo' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(reindex)).toEqual([fx.clientId, fx.therapistId]);
    C.undo(fx.db);
    expect([search(fx.db, 'frankly'), search(fx.db, 'exhale'), search(fx.db, 'rue')]).toEqual([0, 0, 0]);
    expect([search(fx.db, 'honestly'), search(fx.db, 'breathe'), search(fx.db, 'regret')]).toEqual([1, 1, 1]);
    C.redo(fx.db);
    expect([search(fx.db, 'frankly'), search(fx.db, 'exhale'), search(fx.db, 'rue')]).toEqual([1, 1, 1]);
    expect([search(fx.db, 'honestly'), search(fx.db, 'regret')]).toEqual([0, 0]);
  });
});

describe('what is a step', () => {
  it('an operation that changes nothing leaves no step and keeps what can be redone', () => {
    C.createCode(fx.db, { name: 'Trust' });
    C.undo(fx.db);
    const steps = fx.db.prepare('SELECT count(*) FROM undo_steps').pluck().get();
    C.updateCode(fx.db, s.shame, { name: 'Shame' });
    C.undoable(fx.db, 'Look only', () => C.markReindex(fx.db, fx.clientId));
    expect(fx.db.prepare('SELECT count(*) FROM undo_steps').pluck().get()).toBe(steps);
    expect(C.undoState(fx.db)).toMatchObject({ canRedo: true, redoLabel: "Create code 'Trust'", undoLabel: 'Write memo on the project' });
  });

  it('marking an interview for its search index outside any step records nothing', () => {
    const before = dump(fx.db);
    C.markReindex(fx.db, fx.clientId);
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db).undoLabel).toBe('Write memo on the project');
  });
});

describe('undo stays within its own project and its own history', () => {
  it('never undoes a step of another project', () => {
    const other = openSeededMemoryFixture().fx;
    try {
      C.createCode(other.db, { name: 'Only in the other study' });
      const otherState = dump(other.db);
      C.createCode(fx.db, { name: 'Trust' });
      expect(C.undo(fx.db)).toBe("Create code 'Trust'");
      expect(dump(other.db)).toEqual(otherState);
      expect(C.undoState(other.db).undoLabel).toBe("Create code 'Only in the other study'");
    } finally {
      other.close();
    }
  });

  it('never takes back another coder’s coding that arrived outside the history (as a lab server’s sync writes it)', () => {
    C.createCode(fx.db, { name: 'Trust' });
    const { start, end } = spanOf(fx.db, fx.therapistId, 'let the silence be');
    fx.db
      .prepare("INSERT INTO codings (id, interview_id, code_id, coder_id, start, \"end\", created_at) VALUES ('from-ben', ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')")
      .run(fx.therapistId, s.repair, s.ben, start, end);
    expect(C.undo(fx.db)).toBeNull();
    expect(codedPassages(fx.db)).toContain('Repair / Ben: let the silence be');
    expect(codeNames(fx.db)).toContain('Trust');
  });
});

describe('a history that does not fit the project', () => {
  const tamper = (sql: string) => fx.db.prepare('UPDATE undo_log SET sql = ? WHERE step_id = (SELECT max(id) FROM undo_steps)').run(sql);

  it.each([
    ['a statement that only ends like Dyad’s', "DELETE FROM coders WHERE name = 'Ben' -- DELETE FROM codes WHERE id = "],
    ['a range of codings widened to all of them', 'DELETE FROM codings WHERE rowid BETWEEN 1 AND 1 OR 1 = 1'],
    ['a range of codings given by words', 'DELETE FROM codings WHERE rowid BETWEEN one AND nine'],
    ['a table Dyad never writes from the history', 'DELETE FROM turns WHERE id = 1'],
  ])('refuses %s and leaves the project as it was', (_what, sql) => {
    C.createCode(fx.db, { name: 'Trust' });
    tamper(sql);
    const before = dump(fx.db);
    expect(() => C.undo(fx.db)).toThrow(`Could not undo "Create code 'Trust'" (the undo history of this project file holds something Dyad did not write). The project was left as it was and the undo history was cleared.`);
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db)).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    expect(fx.db.prepare('SELECT count(*) FROM undo_log').pluck().get()).toBe(0);
  });

  it('a failed undo is a conflict the app shows, and the history is empty afterwards', () => {
    C.createCode(fx.db, { name: 'Trust' });
    tamper('DELETE FROM turns WHERE id = 1');
    expect(() => C.undo(fx.db)).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(C.undoState(fx.db).canUndo).toBe(false);
  });

  it('a statement of the right form that no longer fits (a code without a name) fails cleanly as well', () => {
    C.updateCode(fx.db, s.repair, { name: 'Mending' });
    tamper(`UPDATE codes SET name = NULL WHERE id = '${s.repair}'`);
    const before = dump(fx.db);
    expect(() => C.undo(fx.db)).toThrow(/^Could not undo "Rename 'Repair' to 'Mending'" \(NOT NULL constraint failed: codes.name\)\. The project was left as it was/);
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db).canUndo).toBe(false);
  });

  it('says "redo" when a redo fails', () => {
    C.createCode(fx.db, { name: 'Trust' });
    C.undo(fx.db);
    tamper('DELETE FROM turns WHERE id = 1');
    expect(() => C.redo(fx.db)).toThrow(/^Could not redo "Create code 'Trust'"/);
    expect(codeNames(fx.db)).not.toContain('Trust');
  });

  it('a full disk during undo reports the file’s problem and keeps the history, to try again once there is room', () => {
    const long = 'A long reflection on the rupture. '.repeat(400);
    const memo = C.createMemo(fx.db, { targetKind: 'code', targetId: s.rupture, text: long });
    C.deleteMemo(fx.db, memo.id);
    // No free page left and no room to grow: putting the long memo back needs pages the "disk" does not have.
    fx.db.exec('VACUUM');
    const pages = fx.db.pragma('page_count', { simple: true }) as number;
    fx.db.pragma(`max_page_count = ${pages}`);
    expect(() => C.undo(fx.db)).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    fx.db.pragma(`max_page_count = ${pages * 4}`);
    expect(C.undoState(fx.db).undoLabel).toMatch(/^Delete memo/);
    expect(C.undo(fx.db)).toMatch(/^Delete memo/);
    expect(memoTexts(fx.db)).toContain(long);
  });

  it('a project that cannot be written reports the file’s problem and keeps the history for later', () => {
    C.createCode(fx.db, { name: 'Trust' });
    fx.db.pragma('query_only = ON');
    expect(() => C.undo(fx.db)).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
    fx.db.pragma('query_only = OFF');
    expect(C.undoState(fx.db).undoLabel).toBe("Create code 'Trust'");
    expect(C.undo(fx.db)).toBe("Create code 'Trust'");
    expect(codeNames(fx.db)).not.toContain('Trust');
  });
});
