/**
 * Ctrl+Z after a merge: the plain Undo (undo.undo) takes the whole merge back, the transcripts, dyads and coders
 * it added included, and Redo puts it back; further Undo goes on with what was done before the merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../../helpers/api';
import * as C from '../../../electron/core/coding';
import { everything } from '../../helpers/everything';
import { findDyadByName, updateDyad } from '../../../electron/core/dyads';
import { insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';
import { makeStudy, readableCodings, spanOf, transcript, type Study } from './fixture';

let study: Study;
let bea: string;
let project: Project;

const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(project, method, input);

async function merge(path: string) {
  const preview = await call('merge.preview', { path });
  return call('merge.apply', { planId: preview.planId, choices: {} });
}

beforeAll(() => {
  study = makeStudy();
  bea = study.copy('bea.dyad');
  const p = Project.open(bea);
  const db = p.db;
  C.setCurrentCoder(db, 'Bea');
  const hope = C.createCode(db, { name: 'Hope', definition: 'Looking forward to the work.' });
  C.updateCode(db, C.findCodeByPath(db, null, 'Shame')!.id, { name: 'Embarrassment' });
  C.addCoding(db, { interviewId: study.clientId, ...spanOf(db, study.clientId, 'I could breathe again'), codeId: hope.id });
  updateDyad(db, findDyadByName(db, '7')!.id, { attributes: { modality: 'online' } });
  const d8 = db.transaction(() =>
    insertInterview(db, 'D08_S1_client.txt', transcript([{ video: 30 }, { speaker: 'C', text: 'I did not trust her yet, but I hoped.' }]), {
      dyad: '8',
      session: 1,
      role: 'client',
      speakerRoles: { C: 'participant' },
    }),
  )();
  C.addCoding(db, { interviewId: d8, ...spanOf(db, d8, 'did not trust her'), codeId: C.findCodeByPath(db, null, 'Trust')!.id });
  C.addCoding(db, { interviewId: d8, ...spanOf(db, d8, 'I hoped'), codeId: hope.id });
  C.createMemo(db, { targetKind: 'dyad', targetId: findDyadByName(db, '8')!.id, text: 'Dyad 8 starts guarded.' });
  p.close();
});
afterAll(() => study.cleanup());

describe('the plain Undo of a merge', () => {
  let beforeCode: Record<string, unknown[]>;
  let beforeMerge: Record<string, unknown[]>;
  let merged: Record<string, unknown[]>;

  beforeAll(async () => {
    project = Project.open(study.copy('lead.dyad'));
    const db = project.db;
    C.setCurrentCoder(db, 'Ann');
    beforeCode = everything(db);
    C.addCoding(db, { interviewId: study.therapistId, ...spanOf(db, study.therapistId, 'I pressed harder'), codeId: C.findCodeByPath(db, null, 'Rupture')!.id });
    beforeMerge = everything(db);
    const applied = await merge(bea);
    expect(applied).toMatchObject({ changed: true, undoLabel: 'Merge bea.dyad' });
    expect(applied.summary.interviews.added.map((i: { sourceName: string }) => i.sourceName)).toEqual(['D08_S1_client.txt']);
    expect(applied.summary.dyads.updated).toEqual(['7']);
    merged = everything(db);
    expect(readableCodings(db)).toContain('D08_S1_client.txt | I hoped | Hope | Bea');
  });
  afterAll(() => project.close());

  it('puts the project back exactly as it was before the merge, transcripts, dyads and coders included', async () => {
    expect(await call('undo.undo')).toMatchObject({ undone: 'Merge bea.dyad', state: { canRedo: true, redoLabel: 'Merge bea.dyad', undoLabel: "Code passage as 'Rupture'" } });
    expect(everything(project.db)).toEqual(beforeMerge);
    // merge.undo has nothing left to take back.
    expect(await call('merge.last')).toBeNull();
  });

  it('Redo brings the merge back exactly, and it can be undone again by either Undo', async () => {
    expect((await call('undo.redo')).redone).toBe('Merge bea.dyad');
    expect(everything(project.db)).toEqual(merged);
    expect(await call('merge.last')).toMatchObject({ label: 'Merge bea.dyad', canUndo: true });

    expect(await call('merge.undo')).toMatchObject({ undone: 'Merge bea.dyad', removed: { interviews: 1, sessions: 1, dyads: 1 } });
    expect(everything(project.db)).toEqual(beforeMerge);
    expect((await call('undo.redo')).redone).toBe('Merge bea.dyad');
    expect(everything(project.db)).toEqual(merged);
  });

  it('goes on with what was done before the merge, and with what was done after it', async () => {
    const db = project.db;
    const d8 = (db.prepare("SELECT id FROM interviews WHERE source_name = 'D08_S1_client.txt'").get() as { id: string }).id;
    C.addCoding(db, { interviewId: d8, ...spanOf(db, d8, 'trust her yet'), codeId: C.findCodeByPath(db, null, 'Shame')!.id });
    expect(await call('merge.last')).toMatchObject({ canUndo: false });

    expect((await call('undo.undo')).undone).toBe("Code passage as 'Shame'");
    expect(everything(db)).toEqual(merged);
    expect((await call('undo.undo')).undone).toBe('Merge bea.dyad');
    expect(everything(db)).toEqual(beforeMerge);
    expect((await call('undo.undo')).undone).toBe("Code passage as 'Rupture'");
    expect(everything(db)).toEqual(beforeCode);

    expect((await call('undo.redo')).redone).toBe("Code passage as 'Rupture'");
    expect((await call('undo.redo')).redone).toBe('Merge bea.dyad');
    expect(everything(db)).toEqual(merged);
  });

  it('keeps a dyad the merge added when a transcript was imported into it since', async () => {
    const db = project.db;
    const imported = db.transaction(() =>
      insertInterview(db, 'D08_S1_therapist.txt', transcript([{ video: 31 }, { speaker: 'T', text: 'She held back and so did I.' }]), {
        dyad: '8',
        session: 1,
        role: 'therapist',
        speakerRoles: { T: 'participant' },
      }),
    )();
    expect((await call('undo.undo')).undone).toBe('Merge bea.dyad');
    // The merge's own transcript, codings, code and coder are gone; dyad 8 and its session stay for the import.
    expect(db.prepare('SELECT source_name FROM interviews WHERE session_id = (SELECT session_id FROM interviews WHERE id = ?)').pluck().all(imported)).toEqual(['D08_S1_therapist.txt']);
    expect(C.findCodeByPath(db, null, 'Hope')).toBeNull();
    expect(readableCodings(db)).toEqual(readableCodingsOf(beforeMerge));
    expect(db.prepare("SELECT count(*) FROM coders WHERE name = 'Bea'").pluck().get()).toBe(0);
  });
});

/** The codings of a dump, read the way readableCodings reads them from a project. */
function readableCodingsOf(d: Record<string, unknown[]>): string[] {
  const interviews = new Map((d.interviews as { id: string; source_name: string; text: string }[]).map((i) => [i.id, i]));
  const codes = new Map((d.codes as { id: string; name: string; parent_id: string | null }[]).map((c) => [c.id, c]));
  const coders = new Map((d.coders as { id: string; name: string }[]).map((c) => [c.id, c.name]));
  const path = (id: string): string => {
    const c = codes.get(id)!;
    return c.parent_id ? `${path(c.parent_id)}/${c.name}` : c.name;
  };
  return (d.codings as { interview_id: string; code_id: string; coder_id: string; start: number; end: number }[])
    .map((g) => {
      const i = interviews.get(g.interview_id)!;
      return `${i.source_name} | ${i.text.slice(g.start, g.end)} | ${path(g.code_id)} | ${coders.get(g.coder_id)}`;
    })
    .sort();
}

describe('what the merge leaves in the undo history', () => {
  it('one range for all its codings, not a row per coding', async () => {
    project = Project.open(study.copy('lead2.dyad'));
    try {
      await merge(bea);
      const top = project.db.prepare("SELECT id FROM undo_steps WHERE stack = 'undo' ORDER BY id DESC LIMIT 1").pluck().get();
      const log = project.db.prepare('SELECT sql FROM undo_log WHERE step_id = ?').pluck().all(top) as string[];
      expect(log.filter((s) => s.startsWith('DELETE FROM codings WHERE rowid BETWEEN'))).toHaveLength(1);
      expect(log.filter((s) => s.startsWith('DELETE FROM codings WHERE id'))).toEqual([]);
      // The trigger that records codings one by one is back, unchanged.
      C.setCurrentCoder(project.db, 'Ann');
      const codingsBefore = project.db.prepare('SELECT count(*) FROM codings').pluck().get() as number;
      C.addCoding(project.db, { interviewId: study.clientId, ...spanOf(project.db, study.clientId, 'Relief, honestly'), codeId: C.findCodeByPath(project.db, null, 'Trust')!.id });
      expect(C.undo(project.db)).toBe("Code passage as 'Trust'");
      expect(project.db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(codingsBefore);
    } finally {
      project.close();
    }
  });

  it('250 codings in one merge all arrive on their passages, and Undo and Redo take them away and back as one', async () => {
    const many = study.copy('cy.dyad');
    const p = Project.open(many);
    C.setCurrentCoder(p.db, 'Cy');
    const rupture = C.findCodeByPath(p.db, null, 'Rupture')!.id;
    const expected: string[] = [];
    const text = p.db.prepare('SELECT text FROM interviews WHERE id = ?').pluck().get(study.clientId) as string;
    for (let start = 0; start < 25; start++) {
      for (let length = 1; length <= 10; length++) {
        C.addCoding(p.db, { interviewId: study.clientId, start, end: start + length, codeId: rupture });
        expected.push(`${text.slice(start, start + length)} | Rupture | Cy`);
      }
    }
    p.close();
    project = Project.open(study.copy('lead4.dyad'));
    try {
      const before = everything(project.db);
      const applied = await merge(many);
      expect(applied.summary.codings.added).toBe(250);
      const cys = readableCodings(project.db).filter((r) => r.endsWith('| Cy')).map((r) => r.slice(r.indexOf(' | ') + 3));
      expect(cys.sort()).toEqual(expected.sort());
      const merged = everything(project.db);
      expect((await call('undo.undo')).undone).toBe('Merge cy.dyad');
      expect(everything(project.db)).toEqual(before);
      expect((await call('undo.redo')).redone).toBe('Merge cy.dyad');
      expect(everything(project.db)).toEqual(merged);
    } finally {
      project.close();
    }
  });

  it('a structure statement Dyad did not write is refused, and the project left as it was', async () => {
    project = Project.open(study.copy('lead3.dyad'));
    try {
      await merge(bea);
      const db = project.db;
      const top = db.prepare("SELECT id FROM undo_steps WHERE stack = 'undo' ORDER BY id DESC LIMIT 1").pluck().get();
      db.prepare('INSERT INTO undo_log (step_id, sql) VALUES (?, ?)').run(top, `DELETE FROM interviews WHERE id = 'x' OR 1 = 1`);
      const before = everything(db);
      expect(() => C.undo(db)).toThrow(/Could not undo "Merge bea.dyad".*left as it was/);
      expect(everything(db)).toEqual(before);
      expect(C.undoState(db).canUndo).toBe(false);
    } finally {
      project.close();
    }
  });
});
