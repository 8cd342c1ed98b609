import { DyadError } from '../../shared/api/errors';
import { findDyadName } from '../../shared/domain/dyadName';
import { undoable } from './coding/undo';
import { recordAttributes, updateRecorded } from './coding/undoStructure';
import type { Dyad, InterviewSummary, Role, Session } from '../../shared/domain/types';
import type { Db } from './database';
import { newId, now } from './ids';

interface DyadRow {
  id: string;
  name: string;
  attributes: string;
}
interface SessionRow {
  id: string;
  dyad_id: string;
  number: number;
  date: string | null;
  recording_path: string | null;
}
interface InterviewSummaryRow {
  id: string;
  session_id: string;
  role: Role;
  source_name: string;
  word_count: number;
  turn_count: number;
  moment_count: number;
  audio_path: string | null;
}

const toDyad = (r: DyadRow): Dyad => ({ id: r.id, name: r.name, attributes: JSON.parse(r.attributes) as Record<string, string> });
const toSession = (r: SessionRow): Session => ({
  id: r.id,
  dyadId: r.dyad_id,
  number: r.number,
  date: r.date,
  recordingPath: r.recording_path,
});
const toInterviewSummary = (r: InterviewSummaryRow): InterviewSummary => ({
  id: r.id,
  sessionId: r.session_id,
  role: r.role,
  sourceName: r.source_name,
  wordCount: r.word_count,
  turnCount: r.turn_count,
  momentCount: r.moment_count,
  audioPath: r.audio_path,
});

/**
 * Read from the interviews_summary index alone (migration 0090), never the transcripts. Turns are numbered 0…n−1
 * by every writer (import, merge, snapshot, undo copy them whole) and never deleted one by one, so the count is the
 * last number + 1: one index seek instead of counting every turn (144,000 in a 400-interview study).
 */
const INTERVIEW_SUMMARY_SQL = `
  SELECT i.id, i.session_id, i.role, i.source_name, i.word_count, i.audio_path,
    ifnull((SELECT max(t.seq) FROM turns t WHERE t.interview_id = i.id) + 1, 0) AS turn_count,
    (SELECT count(*) FROM moments m WHERE m.interview_id = i.id) AS moment_count
  FROM interviews i`;

/** Dyads sort by their name's number when they have one ("dyad 2" before "dyad 10"). */
function dyadOrder(a: Dyad, b: Dyad): number {
  return byName.compare(a.name, b.name);
}
// One collator for every comparison: localeCompare with options builds a new one per call.
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export type DyadTree = (Dyad & { sessions: (Session & { interviews: InterviewSummary[] })[] })[];

export function listDyadTree(db: Db): DyadTree {
  const dyads = (db.prepare('SELECT id, name, attributes FROM dyads').all() as DyadRow[]).map(toDyad).sort(dyadOrder);
  const sessions = (db.prepare('SELECT * FROM sessions ORDER BY number').all() as SessionRow[]).map(toSession);
  const interviews = (db.prepare(`${INTERVIEW_SUMMARY_SQL} ORDER BY i.role, i.source_name`).all() as InterviewSummaryRow[]).map(toInterviewSummary);
  const bySession = groupBy(interviews, (i) => i.sessionId);
  const byDyad = groupBy(sessions, (s) => s.dyadId);
  return dyads.map((d) => ({
    ...d,
    sessions: (byDyad.get(d.id) ?? []).map((s) => ({ ...s, interviews: bySession.get(s.id) ?? [] })),
  }));
}

export type NavigatorTree = (Dyad & { sessions: (Omit<Session, 'dyadId'> & { interviews: Omit<InterviewSummary, 'sessionId' | 'turnCount' | 'audioPath'>[] })[] })[];

/**
 * The navigator's tree (dyads.navigator): the same dyads, sessions and interviews in the same order as
 * listDyadTree, without the parents' ids a nested tree repeats, the turn count (one index seek per interview fewer)
 * and the interviews' own recordings, which the navigator does not show.
 */
export function listNavigatorTree(db: Db): NavigatorTree {
  const dyads = (db.prepare('SELECT id, name, attributes FROM dyads').all() as DyadRow[]).map(toDyad).sort(dyadOrder);
  const sessions = db.prepare('SELECT id, dyad_id, number, date, recording_path FROM sessions ORDER BY number').all() as SessionRow[];
  const interviews = db
    .prepare(
      `SELECT i.id, i.session_id, i.role, i.source_name, i.word_count,
         (SELECT count(*) FROM moments m WHERE m.interview_id = i.id) AS moment_count
       FROM interviews i ORDER BY i.role, i.source_name`,
    )
    .all() as Omit<InterviewSummaryRow, 'turn_count' | 'audio_path'>[];
  const bySession = groupBy(interviews, (i) => i.session_id);
  const byDyad = groupBy(sessions, (s) => s.dyad_id);
  return dyads.map((d) => ({
    ...d,
    sessions: (byDyad.get(d.id) ?? []).map((s) => ({
      id: s.id,
      number: s.number,
      date: s.date,
      recordingPath: s.recording_path,
      interviews: (bySession.get(s.id) ?? []).map((i) => ({
        id: i.id,
        role: i.role,
        sourceName: i.source_name,
        wordCount: i.word_count,
        momentCount: i.moment_count,
      })),
    })),
  }));
}

export function interviewSummary(db: Db, interviewId: string): InterviewSummary {
  const row = db.prepare(`${INTERVIEW_SUMMARY_SQL} WHERE i.id = ?`).get(interviewId) as InterviewSummaryRow | undefined;
  if (!row) throw new DyadError('not-found', `No interview with id ${interviewId}.`);
  return toInterviewSummary(row);
}

export function getDyad(db: Db, dyadId: string): Dyad {
  const row = db.prepare('SELECT id, name, attributes FROM dyads WHERE id = ?').get(dyadId) as DyadRow | undefined;
  if (!row) throw new DyadError('not-found', `No dyad with id ${dyadId}.`);
  return toDyad(row);
}

/** The dyad that `name` names: "D04", "04" and "4" are one dyad (see shared/domain/dyadName.ts). */
export function findDyadByName(db: Db, name: string): Dyad | null {
  const exact = db.prepare('SELECT id, name, attributes FROM dyads WHERE name = ? COLLATE NOCASE').get(name.trim()) as DyadRow | undefined;
  if (exact) return toDyad(exact);
  const row = findDyadName(db.prepare('SELECT id, name, attributes FROM dyads').all() as DyadRow[], name);
  return row ? toDyad(row) : null;
}

export function getSession(db: Db, sessionId: string): Session {
  const row = db.prepare('SELECT * FROM sessions WHERE id = ?').get(sessionId) as SessionRow | undefined;
  if (!row) throw new DyadError('not-found', `No session with id ${sessionId}.`);
  return toSession(row);
}

export function findSession(db: Db, dyadName: string, number: number): Session | null {
  const dyad = findDyadByName(db, dyadName);
  if (!dyad) return null;
  const row = db.prepare('SELECT * FROM sessions WHERE dyad_id = ? AND number = ?').get(dyad.id, number) as SessionRow | undefined;
  return row ? toSession(row) : null;
}

/** Finds the dyad and session by name and number, creating them when new. Call inside a transaction. */
export function ensureSession(db: Db, dyadName: string, number: number): Session {
  let dyad = findDyadByName(db, dyadName);
  if (!dyad) {
    const id = newId();
    db.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES (?, ?, '{}', ?)").run(id, dyadName.trim(), now());
    dyad = { id, name: dyadName.trim(), attributes: {} };
  }
  const existing = db.prepare('SELECT * FROM sessions WHERE dyad_id = ? AND number = ?').get(dyad.id, number) as SessionRow | undefined;
  if (existing) return toSession(existing);
  const id = newId();
  db.prepare('INSERT INTO sessions (id, dyad_id, number) VALUES (?, ?, ?)').run(id, dyad.id, number);
  return { id, dyadId: dyad.id, number, date: null, recordingPath: null };
}

/** Renames a dyad or sets its attributes, as one undoable step. */
export function updateDyad(db: Db, dyadId: string, patch: { name?: string; attributes?: Record<string, string> }): Dyad {
  const dyad = getDyad(db, dyadId);
  if (patch.name !== undefined && patch.name.trim().toLowerCase() !== dyad.name.toLowerCase()) {
    // "D04" is dyad 4 (shared/domain/dyadName.ts): renaming dyad 4 to "D04" clashes with nobody but itself.
    const clash = findDyadByName(db, patch.name);
    if (clash && clash.id !== dyadId) throw new DyadError('conflict', `There is already a dyad named "${clash.name}".`);
  }
  const name = patch.name?.trim() ?? dyad.name;
  const attributes = patch.attributes ?? dyad.attributes;
  const label = name !== dyad.name ? `Rename dyad ${dyad.name} to ${name}` : `Edit the attributes of dyad ${dyad.name}`;
  return undoable(db, label, () => {
    updateRecorded(db, 'dyads', dyadId, 'name', name);
    const before = (db.prepare('SELECT attributes FROM dyads WHERE id = ?').pluck().get(dyadId) as string);
    const after = JSON.stringify(attributes);
    if (after !== before) {
      db.prepare('UPDATE dyads SET attributes = ? WHERE id = ?').run(after, dyadId);
      recordAttributes(db, dyadId, before, after);
    }
    return { id: dyadId, name, attributes };
  });
}

/** Sets a session's date or recording path, as one undoable step. */
export function updateSession(db: Db, sessionId: string, patch: { date?: string | null; recordingPath?: string | null }): Session {
  const s = getSession(db, sessionId);
  const next = {
    ...s,
    date: patch.date === undefined ? s.date : patch.date,
    recordingPath: patch.recordingPath === undefined ? s.recordingPath : patch.recordingPath,
  };
  const dyad = getDyad(db, s.dyadId);
  return undoable(db, `Edit the details of dyad ${dyad.name}, session ${s.number}`, () => {
    updateRecorded(db, 'sessions', sessionId, 'date', next.date);
    updateRecorded(db, 'sessions', sessionId, 'recording_path', next.recordingPath);
    return next;
  });
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
