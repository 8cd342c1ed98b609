/**
 * Writes a merge plan's operations into the project file. Runs inside the caller's undo step and transaction
 * (merge.ts), and leaves in that step all it takes to undo and redo the merge exactly: codebooks, codes and memos
 * are recorded by the undo triggers, the codings as one range (a trigger row each would cost a fifth of the
 * writing), and the coders, dyads, sessions, interviews and moment links it adds, and the recordings it fills in, by
 * electron/core/coding/undoStructure.ts.
 */
import type { Role } from '../../shared/domain/types';
import type { MergeOperations } from '../../shared/merge/types';
import { markReindex, renumberSiblings } from '../core/coding';
import { insertCodingsRecorded, recordAdded, recordAttributes, updateRecorded } from '../core/coding/undoStructure';
import type { Db } from '../core/database';
import { newId, now } from '../core/ids';
import { countWords } from '../core/interviews';
import { timePointsColumn } from '../../shared/snapshot/types';

const CHUNK = 10_000;

export function writeOperations(db: Db, ops: MergeOperations, onStep?: (done: number, total: number) => void): void {
  const t = now();
  const total = ops.codingsAdded.length + ops.interviewsAdded.length + ops.codesAdded.length + ops.memosAdded.length + 1;
  let done = 0;
  const tick = (n = 1) => {
    done += n;
    if (onStep && (Math.floor(done / 5000) !== Math.floor((done - n) / 5000) || done === total)) onStep(done, total);
  };

  const coder = db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)');
  for (const c of ops.coders) coder.run(c.id, c.name, t);
  recordAdded(db, 'coders', ops.coders.map((c) => c.id));
  const codebook = db.prepare('INSERT INTO codebooks (id, name, created_at) VALUES (?, ?, ?)');
  for (const b of ops.codebooks) codebook.run(b.id, b.name, t);

  // Codes updated step aside first (their id is a name no code has): a code added where a renamed or moved one is
  // now, or a swap of two names, would otherwise meet the sibling-name index half-way through. (Those only renamed
  // or moved would do; stepping every updated code aside is the same rows, in one less condition.)
  const oldPlace = db.prepare('SELECT codebook_id, parent_id, name FROM codes WHERE id = ?');
  const was = new Map(ops.codesUpdated.map((u) => [u.id, oldPlace.get(u.id) as { codebook_id: string; parent_id: string | null; name: string }]));
  const aside = db.prepare('UPDATE codes SET name = id WHERE id = ?');
  for (const u of ops.codesUpdated) aside.run(u.id);

  const code = db.prepare(
    `INSERT INTO codes (id, codebook_id, parent_id, name, color, definition, inclusion, exclusion, example, shortcut, position, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of ops.codesAdded) {
    code.run(c.id, c.codebookId, c.parentId, c.name, c.color, c.definition, c.inclusion, c.exclusion, c.example, c.shortcut, c.position, t, t);
    tick();
  }
  const emptied = new Map<string, { codebookId: string; parentId: string | null }>();
  for (const u of ops.codesUpdated) {
    // The planner updates codes of this project only.
    const before = was.get(u.id) as { codebook_id: string; parent_id: string | null; name: string };
    // A code without a new name takes its own back.
    const set = { name: before.name, ...u.set };
    const cols = Object.keys(set);
    if ('parentId' in u.set) emptied.set(JSON.stringify([before.codebook_id, before.parent_id]), { codebookId: before.codebook_id, parentId: before.parent_id });
    const column = (k: string) => (k === 'parentId' ? 'parent_id' : k);
    db.prepare(`UPDATE codes SET ${cols.map((k) => `"${column(k)}" = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(
      ...cols.map((k) => (set as Record<string, unknown>)[k]),
      t,
      u.id,
    );
  }
  // Codes moved away leave a gap among their old siblings; the coding core keeps positions 0..n-1.
  for (const { codebookId, parentId } of emptied.values()) renumberSiblings(db, codebookId, parentId);

  const dyad = db.prepare('INSERT INTO dyads (id, name, attributes, created_at) VALUES (?, ?, ?, ?)');
  for (const d of ops.dyadsAdded) dyad.run(d.id, d.name, JSON.stringify(d.attributes), t);
  recordAdded(db, 'dyads', ops.dyadsAdded.map((d) => d.id));
  const attributes = db.prepare('UPDATE dyads SET attributes = ? WHERE id = ?');
  const oldAttributes = db.prepare('SELECT attributes FROM dyads WHERE id = ?').pluck();
  // The planner updates dyads of this project only.
  for (const d of ops.dyadsUpdated) {
    const before = oldAttributes.get(d.id) as string;
    const after = JSON.stringify(d.attributes);
    attributes.run(after, d.id);
    recordAttributes(db, d.id, before, after);
  }
  const session = db.prepare('INSERT INTO sessions (id, dyad_id, number, date, recording_path) VALUES (?, ?, ?, ?, ?)');
  for (const s of ops.sessionsAdded) session.run(s.id, s.dyadId, s.number, s.date, s.recordingPath);
  recordAdded(db, 'sessions', ops.sessionsAdded.map((s) => s.id));
  for (const r of ops.sessionRecordings) updateRecorded(db, 'sessions', r.id, 'recording_path', r.recordingPath);
  for (const r of ops.interviewRecordings) updateRecorded(db, 'interviews', r.id, 'audio_path', r.audioPath);

  const interview = db.prepare('INSERT INTO interviews (id, session_id, role, source_name, text, word_count, imported_at, audio_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const turn = db.prepare('INSERT INTO turns (id, interview_id, seq, speaker, speaker_role, start, end, interview_time, time_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const fts = db.prepare('INSERT INTO turns_fts (text, turn_id, interview_id) VALUES (?, ?, ?)');
  const moment = db.prepare('INSERT INTO moments (id, interview_id, session_time, offset, label) VALUES (?, ?, ?, ?, ?)');
  const turnTaken = db.prepare('SELECT 1 FROM turns WHERE id = ?').pluck();
  const momentTaken = db.prepare('SELECT 1 FROM moments WHERE id = ?').pluck();
  // Turn and moment ids are only named within their session, by its moment links (written below) on the client's or
  // the therapist's side: a taken one is renewed, and the links on that side of that session follow it. (Another
  // interview's unit here may have the same id as a renewed one: it keeps it, and its links with it.)
  const renewed = new Map<string, string>();
  const side = (sessionId: string, role: Role, id: string) => JSON.stringify([sessionId, role, id]);
  for (const i of ops.interviewsAdded) {
    const renew = (id: string) => {
      const fresh = newId();
      renewed.set(side(i.sessionId, i.role, id), fresh);
      return fresh;
    };
    interview.run(i.id, i.sessionId, i.role, i.sourceName, i.text, countWords(i.text), t, i.audioPath ?? null);
    for (const tu of i.turns) {
      const id = turnTaken.get(tu.id) === undefined ? tu.id : renew(tu.id);
      turn.run(id, i.id, tu.seq, tu.speaker, tu.speakerRole, tu.start, tu.end, tu.interviewTime, timePointsColumn(tu.timePoints));
      fts.run(i.text.slice(tu.start, tu.end), id, i.id);
    }
    for (const m of i.moments) moment.run(momentTaken.get(m.id) === undefined ? m.id : renew(m.id), i.id, m.sessionTime, m.offset, m.label);
    recordAdded(db, 'interviews', [i.id]);
    markReindex(db, i.id);
    tick();
  }

  // After this project's own links (their dates say so: shared/merge/links.ts), in the order they were drawn.
  const link = db.prepare('INSERT INTO moment_links (id, session_id, client_unit_id, therapist_unit_id, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const unit = (sessionId: string, role: Role, id: string) => renewed.get(side(sessionId, role, id)) ?? id;
  for (const l of ops.linksAdded) {
    link.run(l.id, l.sessionId, unit(l.sessionId, 'client', l.clientUnitId), unit(l.sessionId, 'therapist', l.therapistUnitId), l.kind, l.createdAt);
  }
  recordAdded(db, 'moment_links', ops.linksAdded.map((l) => l.id));

  // Codings go in ten thousand to a statement, each in the order of the interview index (codings_interview): a merge
  // of 50,000 codings is bound by index upkeep, and one statement per coding doubles that time.
  const coding = db.prepare(
    `INSERT INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?)
     ORDER BY value ->> 1, value ->> 4`,
  );
  const left = [...ops.codingsAdded];
  insertCodingsRecorded(
    db,
    left.map((c) => c.id),
    () => {
      while (left.length) {
        const chunk = left.splice(0, CHUNK);
        coding.run(JSON.stringify(chunk.map((c) => [c.id, c.interviewId, c.codeId, c.coderId, c.start, c.end, c.createdAt])));
        tick(chunk.length);
      }
    },
  );
  const memo = db.prepare('INSERT INTO memos (id, target_kind, target_id, coder_id, title, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const m of ops.memosAdded) {
    memo.run(m.id, m.targetKind, m.targetId, m.coderId, m.title, m.text, m.createdAt, m.updatedAt);
    tick();
  }
  const memoEdit = db.prepare('UPDATE memos SET title = ?, text = ?, updated_at = ? WHERE id = ?');
  for (const m of ops.memosUpdated) memoEdit.run(m.title, m.text, t, m.id);
  tick();
}
