/**
 * Undo and redo of the study's structure (electron/core/coding/undoStructure.ts), as the operations that change it
 * use it: a merge that adds a coder, a dyad, a session and an interview with codings in bulk; deleting an interview
 * with its session and dyad; editing a dyad, a session or an interview; a project setting. Undo puts back exactly
 * the rows that were there (same ids, same rowids), redo exactly the rows after the step, and a row something else
 * now depends on is kept. On the seeded fixture in memory, to run fast against every mutant.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { insertCodingsRecorded, recordAdded, recordAttributes, removeRecorded, setSettingRecorded, settingUndoSql, updateRecorded } from '../../../electron/core/coding/undoStructure';
import type { Db } from '../../../electron/core/database';
import { updateDyad, updateSession } from '../../../electron/core/dyads';
import { insertInterview, setInterviewRole } from '../../../electron/core/interviews';
import { removeInterview } from '../../../electron/core/removeInterview';
import { everything } from '../../helpers/everything';
import { buildTranscript, spanOf, type Seed } from './fixture';
import { openSeededMemoryFixture, type MemoryFixture } from './memoryFixture';

let fx: MemoryFixture;
let s: Seed;
beforeEach(() => ({ fx, s } = openSeededMemoryFixture()));
afterEach(() => fx.close());

const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const one = (db: Db, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args);
const dyadNames = (db: Db) => db.prepare('SELECT name FROM dyads ORDER BY name').pluck().all();

const EIGHT = buildTranscript([
  { speaker: 'C', text: "I didn't want to say it out loud." },
  { video: 95 },
  { speaker: 'C', text: 'Then it felt lighter.' },
]);

/** Writes, as a merge of a coder's copy would, a new coder, dyad 8 with a session and an interview, and two codings in bulk. */
function mergeInDyadEight(db: Db): { coderId: string; interviewId: string; codingIds: string[] } {
  return C.undoable(db, 'Merge dyad 8', () => {
    db.prepare("INSERT INTO coders (id, name, created_at) VALUES ('coder-cleo', 'Cleo O''Neil', '2026-03-01T10:00:00Z')").run();
    recordAdded(db, 'coders', ['coder-cleo']);
    const interviewId = insertInterview(db, "D08_S1_client's.txt", EIGHT, { dyad: '8', session: 1, role: 'client', speakerRoles: { C: 'participant' } });
    const { session_id: sessionId, dyad_id: dyadId } = db
      .prepare('SELECT i.session_id, s.dyad_id FROM interviews i JOIN sessions s ON s.id = i.session_id WHERE i.id = ?')
      .get(interviewId) as { session_id: string; dyad_id: string };
    // Parents first: undo replays newest first, so the interview goes before its session, the session before its dyad.
    recordAdded(db, 'dyads', [dyadId]);
    recordAdded(db, 'sessions', [sessionId]);
    recordAdded(db, 'interviews', [interviewId]);
    C.markReindex(db, interviewId); // its search rows go and come with it, as the merge writer does
    const codingIds = ['cleo-1', 'cleo-2'];
    const text = EIGHT.text;
    insertCodingsRecorded(db, codingIds, () => {
      const add = db.prepare("INSERT INTO codings (id, interview_id, code_id, coder_id, start, \"end\", created_at) VALUES (?, ?, ?, 'coder-cleo', ?, ?, '2026-03-01T10:00:00Z')");
      add.run('cleo-1', interviewId, s.shame, text.indexOf("I didn't"), text.indexOf(' out loud'));
      add.run('cleo-2', interviewId, s.repair, text.indexOf('it felt lighter'), text.indexOf('lighter') + 'lighter'.length);
    });
    return { coderId: 'coder-cleo', interviewId, codingIds };
  });
}

describe('rows a step added', () => {
  it('undo takes back the coder, dyad, session, interview (with its turns and moments) and codings; redo puts back the same rows', () => {
    const before = everything(fx.db);
    mergeInDyadEight(fx.db);
    const after = everything(fx.db);
    expect(dyadNames(fx.db)).toEqual(['7', '8']);
    expect(one(fx.db, "SELECT count(*) FROM codings WHERE coder_id = 'coder-cleo'")).toBe(2);
    // Two codings written in bulk are one range in the history, not a row each.
    expect(fx.db.prepare("SELECT sql FROM undo_log WHERE step_id = (SELECT max(id) FROM undo_steps) AND sql LIKE 'DELETE FROM codings%'").pluck().all()).toEqual([expect.stringMatching(/^DELETE FROM codings WHERE rowid BETWEEN (\d+) AND (\d+)$/)]);
    expect(C.undo(fx.db)).toBe('Merge dyad 8');
    expect(everything(fx.db)).toEqual(before);
    expect(C.redo(fx.db)).toBe('Merge dyad 8');
    expect(everything(fx.db)).toEqual(after);
    expect(one(fx.db, 'SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?', 'lighter')).toBe(1);
    C.undo(fx.db);
    expect(everything(fx.db)).toEqual(before);
    expect(one(fx.db, 'SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?', 'lighter')).toBe(0);
  });

  it('codings written in bulk stay undoable one by one when the rowids are not handed out in order', () => {
    // The largest rowid is taken: SQLite then picks free rowids at random, so no range covers the new codings.
    const { start, end } = spanOf(fx.db, fx.clientId, 'Relief');
    fx.db.prepare("INSERT INTO codings (rowid, id, interview_id, code_id, coder_id, start, \"end\", created_at) VALUES (9223372036854775807, 'last', ?, ?, ?, ?, ?, '2026-01-01')").run(fx.clientId, s.repair, s.ben, start, end);
    const before = everything(fx.db);
    mergeInDyadEight(fx.db);
    expect(fx.db.prepare("SELECT sql FROM undo_log WHERE sql LIKE 'DELETE FROM codings%' ORDER BY seq").pluck().all()).toEqual([
      "DELETE FROM codings WHERE id = 'cleo-1'",
      "DELETE FROM codings WHERE id = 'cleo-2'",
    ]);
    const after = everything(fx.db);
    C.undo(fx.db);
    expect(everything(fx.db)).toEqual(before);
    C.redo(fx.db);
    expect(everything(fx.db)).toEqual(after);
  });

  it('the codings’ own undo trigger is back after a bulk write, and after one that failed', () => {
    mergeInDyadEight(fx.db);
    expect(() =>
      C.undoable(fx.db, 'Merge a broken copy', () =>
        insertCodingsRecorded(fx.db, ['bad'], () => {
          throw new Error('the copy could not be read');
        }),
      ),
    ).toThrow('the copy could not be read');
    expect(C.undoState(fx.db).undoLabel).toBe('Merge dyad 8');
    const { coding } = C.addCoding(fx.db, { interviewId: fx.therapistId, ...spanOf(fx.db, fx.therapistId, 'let the silence be'), codeId: s.repair });
    C.undo(fx.db);
    expect(one(fx.db, 'SELECT count(*) FROM codings WHERE id = ?', coding.id)).toBe(0);
    expect(C.undoState(fx.db).undoLabel).toBe('Merge dyad 8');
  });

  it('outside any step the rows are written and nothing is recorded', () => {
    const log = count(fx.db, 'undo_log');
    recordAdded(fx.db, 'dyads', ['nothing']);
    expect(count(fx.db, 'undo_log')).toBe(log);
    // A coding written outside Dyad's steps (a lab server's sync) clears the history, through the trigger left in place.
    insertCodingsRecorded(fx.db, ['plain'], () =>
      fx.db.prepare("INSERT INTO codings (id, interview_id, code_id, coder_id, start, \"end\", created_at) VALUES ('plain', ?, ?, ?, 0, 5, '2026-01-01')").run(fx.therapistId, s.repair, s.ben),
    );
    expect(one(fx.db, "SELECT count(*) FROM codings WHERE id = 'plain'")).toBe(1);
    expect(C.undoState(fx.db).canUndo).toBe(false);
    expect(one(fx.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'undo_codings_insert'")).toBe(1);
  });

  it('keeps a session and dyad the step added when an interview was imported into them since, and the coder chosen to code', () => {
    const { interviewId } = mergeInDyadEight(fx.db);
    // Later, outside the history: the therapist side of dyad 8 is imported, and Cleo becomes the one coding.
    const second = insertInterview(fx.db, 'D08_S1_therapist.txt', buildTranscript([{ speaker: 'T', text: 'She went quiet.' }]), {
      dyad: '8',
      session: 1,
      role: 'therapist',
      speakerRoles: { T: 'participant' },
    });
    fx.db.prepare("UPDATE project_settings SET value = ? WHERE key = 'currentCoder'").run(JSON.stringify('coder-cleo'));
    expect(C.undoState(fx.db).undoLabel).toBe('Merge dyad 8');
    C.undo(fx.db);
    expect(one(fx.db, 'SELECT count(*) FROM interviews WHERE id = ?', interviewId)).toBe(0);
    expect(one(fx.db, 'SELECT count(*) FROM interviews WHERE id = ?', second)).toBe(1);
    expect(dyadNames(fx.db)).toEqual(['7', '8']);
    expect(one(fx.db, "SELECT name FROM coders WHERE id = 'coder-cleo'")).toBe("Cleo O'Neil");
  });
});

describe('rows a step deleted', () => {
  it('deleting both interviews of a session brings back, on undo, the session with its hand-drawn links and the dyad', () => {
    for (const m of C.listMemos(fx.db)) if (m.targetKind === 'session' || m.targetKind === 'dyad') C.deleteMemo(fx.db, m.id);
    fx.db
      .prepare("INSERT INTO moment_links (id, session_id, client_unit_id, therapist_unit_id, kind, created_at) VALUES ('link-1', ?, 'c:1', 't:1', 'link', '2026-02-01'), ('link-2', ?, 'c:2', 't:2', 'unlink', '2026-02-01')")
      .run(fx.sessionId, fx.sessionId);
    removeInterview(fx.db, fx.clientId);
    const oneLeft = everything(fx.db);
    const r = removeInterview(fx.db, fx.therapistId);
    expect(r).toMatchObject({ sessionRemoved: true, dyadRemoved: true });
    const none = everything(fx.db);
    expect([none.dyads, none.sessions, none.interviews, none.turns, none.moments, none.moment_links]).toEqual([[], [], [], [], [], []]);
    C.undo(fx.db);
    expect(everything(fx.db)).toEqual(oneLeft);
    expect(fx.db.prepare('SELECT id, kind FROM moment_links ORDER BY id').all()).toEqual([
      { id: 'link-1', kind: 'link' },
      { id: 'link-2', kind: 'unlink' },
    ]);
    C.redo(fx.db);
    expect(everything(fx.db)).toEqual(none);
    C.undo(fx.db);
    C.undo(fx.db);
    expect(count(fx.db, 'interviews')).toBe(2);
    expect(one(fx.db, 'SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?', 'Relief')).toBe(1);
  });

  it('outside any step a removal simply deletes', () => {
    removeRecorded(fx.db, 'moment_links', 'none');
    fx.db.prepare("INSERT INTO project_settings (key, value) VALUES ('scratch', '1')").run();
    removeRecorded(fx.db, 'project_settings', 'scratch');
    expect(one(fx.db, "SELECT count(*) FROM project_settings WHERE key = 'scratch'")).toBe(0);
  });
});

describe('edited structure', () => {
  it('a dyad’s name and attributes, a session’s date and recording, an interview’s role come back on undo and go again on redo', () => {
    const states = [everything(fx.db)];
    updateDyad(fx.db, fx.dyadId, { name: "Rowan's pair" });
    states.push(everything(fx.db));
    updateDyad(fx.db, fx.dyadId, { attributes: { modality: 'CBT', note: "it's 'quoted'" } });
    states.push(everything(fx.db));
    updateSession(fx.db, fx.sessionId, { date: '2026-05-04', recordingPath: "D:\\Rowan's S1.mp4" });
    states.push(everything(fx.db));
    updateSession(fx.db, fx.sessionId, { recordingPath: null });
    states.push(everything(fx.db));
    setInterviewRole(fx.db, fx.therapistId, 'other');
    states.push(everything(fx.db));
    expect(one(fx.db, 'SELECT recording_path FROM sessions WHERE id = ?', fx.sessionId)).toBeNull();
    for (let i = states.length - 2; i >= 0; i--) {
      C.undo(fx.db);
      expect(everything(fx.db)).toEqual(states[i]);
    }
    for (let i = 1; i < states.length; i++) {
      C.redo(fx.db);
      expect(everything(fx.db)).toEqual(states[i]);
    }
  });

  it('does not undo a dyad’s attributes or name over a later change made outside the history', () => {
    updateDyad(fx.db, fx.dyadId, { name: 'Rowan', attributes: { modality: 'CBT' } });
    fx.db.prepare(`UPDATE dyads SET attributes = '{"modality":"PDT"}', name = 'Rowan B' WHERE id = ?`).run(fx.dyadId);
    C.undo(fx.db);
    expect(fx.db.prepare('SELECT name, attributes FROM dyads WHERE id = ?').get(fx.dyadId)).toEqual({ name: 'Rowan B', attributes: '{"modality":"PDT"}' });
    // Nothing was put back, so redo has nothing to do either.
    C.redo(fx.db);
    expect(fx.db.prepare('SELECT name, attributes FROM dyads WHERE id = ?').get(fx.dyadId)).toEqual({ name: 'Rowan B', attributes: '{"modality":"PDT"}' });
  });

  it('records nothing for an unchanged value or an unknown row, and writes without recording outside a step', () => {
    const log = count(fx.db, 'undo_log');
    C.undoable(fx.db, 'nothing', () => {
      updateRecorded(fx.db, 'dyads', fx.dyadId, 'name', '7');
      updateRecorded(fx.db, 'dyads', 'no-such-dyad', 'name', 'Ghost');
    });
    expect(count(fx.db, 'undo_log')).toBe(log);
    updateRecorded(fx.db, 'sessions', fx.sessionId, 'date', '2027-01-01');
    recordAttributes(fx.db, fx.dyadId, '{}', '{"x":"1"}');
    expect(count(fx.db, 'undo_log')).toBe(log);
    expect(one(fx.db, 'SELECT date FROM sessions WHERE id = ?', fx.sessionId)).toBe('2027-01-01');
    expect(dyadNames(fx.db)).toEqual(['7']);
  });
});

describe('project settings', () => {
  it('undo puts back the value a setting had, or its absence; redo the new value', () => {
    const before = everything(fx.db);
    C.undoable(fx.db, 'Set two settings', () => {
      setSettingRecorded(fx.db, 'tolerance', '5');
      setSettingRecorded(fx.db, "merge receipt 'bea'", '{"from":"bea"}');
    });
    const first = everything(fx.db);
    C.undoable(fx.db, 'Change the tolerance', () => setSettingRecorded(fx.db, 'tolerance', '8'));
    const second = everything(fx.db);
    const undoSql = fx.db.prepare('SELECT sql FROM undo_log ORDER BY seq DESC LIMIT 1').pluck().get();
    expect(undoSql).toBe(settingUndoSql('tolerance'));
    C.undo(fx.db);
    expect(everything(fx.db)).toEqual(first);
    expect(one(fx.db, "SELECT value FROM project_settings WHERE key = 'tolerance'")).toBe('5');
    C.undo(fx.db);
    expect(everything(fx.db)).toEqual(before);
    C.redo(fx.db);
    C.redo(fx.db);
    expect(everything(fx.db)).toEqual(second);
    setSettingRecorded(fx.db, 'tolerance', '9');
    expect(one(fx.db, "SELECT value FROM project_settings WHERE key = 'tolerance'")).toBe('9');
  });
});

describe('a structure statement Dyad did not write', () => {
  it.each([
    ['a dyad deleted by another column', "DELETE FROM dyads WHERE key = 'x'"],
    ['a setting deleted by id', "DELETE FROM project_settings WHERE id = 'x'"],
    ['a dyad deleted with more after the name', "DELETE FROM dyads WHERE id = 'x' OR 1 = 1"],
    ['a deletion with text before it', "SELECT 1; DELETE FROM dyads WHERE id = 'x'"],
    ['an edit of a column nobody edits', `UPDATE dyads SET "created_at" = 'x' WHERE id = 'y' AND "created_at" IS 'z'`],
    ['an edit with more after it', `UPDATE sessions SET "date" = NULL WHERE id = 'x' AND "date" IS NULL OR 1 = 1`],
    ['attributes with more after them', `UPDATE dyads SET attributes = '{}' WHERE id = 'x' AND attributes = '{}' OR 1 = 1`],
  ])('refuses %s, and leaves the project as it was', (_what, sql) => {
    updateDyad(fx.db, fx.dyadId, { name: 'Rowan' });
    fx.db.prepare('INSERT INTO undo_log (step_id, sql) VALUES ((SELECT max(id) FROM undo_steps), ?)').run(sql);
    const before = everything(fx.db);
    expect(() => C.undo(fx.db)).toThrow(/Could not undo "Rename dyad 7 to Rowan".*left as it was/);
    expect(everything(fx.db)).toEqual(before);
  });
});
