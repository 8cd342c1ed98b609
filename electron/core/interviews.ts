import { DyadError } from '../../shared/api/errors';
import type { Interview, RecallMoment, Role, SpeakerRole, Turn } from '../../shared/domain/types';
import { countWords } from '../../shared/import';
import type { ParsedTranscript } from '../../shared/import/types';
import type { Db } from './database';
import type Database from 'better-sqlite3';
import { ensureSession, findSession, interviewSummary } from './dyads';
import { undoable } from './coding/undo';
import { updateRecorded } from './coding/undoStructure';
import { newId, now } from './ids';

export interface InterviewAssignment {
  dyad: string;
  session: number;
  role: Role;
  /** Speaker label → interviewer / participant. Labels not listed are 'unknown'. */
  speakerRoles: Record<string, SpeakerRole>;
  /** Speaker label → the name the researcher gave that speaker in the preview ("Speaker" → "Client"). */
  speakerNames?: Record<string, string>;
}

/** Prepared statements for bulk import, made once per connection. */
function statements(db: Db) {
  return {
    interview: db.prepare(
      'INSERT INTO interviews (id, session_id, role, source_name, text, word_count, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    turn: db.prepare(
      'INSERT INTO turns (id, interview_id, seq, speaker, speaker_role, start, end, interview_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    // Prepared when first needed: only subtitle turns have time points (and a project of format 60 or older has no column for them).
    timePoints: null as Database.Statement<[string, string]> | null,
    fts: db.prepare('INSERT INTO turns_fts (text, turn_id, interview_id) VALUES (?, ?, ?)'),
    moment: db.prepare('INSERT INTO moments (id, interview_id, session_time, offset, label) VALUES (?, ?, ?, ?, ?)'),
    roleTaken: db.prepare("SELECT source_name FROM interviews WHERE session_id = ? AND role = ? AND role != 'other'"),
  };
}
const cache = new WeakMap<Db, ReturnType<typeof statements>>();
const stmts = (db: Db) => {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = statements(db)));
  return s;
};

/**
 * Writes one parsed transcript as an interview of the given dyad/session/role, with its turns, recall moments and
 * search index. Must run inside the caller's transaction (an import is all or nothing).
 */
export function insertInterview(db: Db, sourceName: string, parsed: ParsedTranscript, a: InterviewAssignment, wordCount?: number): string {
  const steps = interviewWrites(db, sourceName, parsed, a, wordCount);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Turns written between two chances for the caller to let the event loop in (a turn is two inserts). */
const TURNS_PER_STEP = 64;

/**
 * insertInterview in steps: yields after every few dozen turns so that an import can give the event loop a turn
 * whenever its slice of time is used up (commitStaged), however long one transcript is. Returns the interview's id.
 */
export function* interviewWrites(db: Db, sourceName: string, parsed: ParsedTranscript, a: InterviewAssignment, wordCount?: number): Generator<void, string> {
  const s = stmts(db);
  const session = ensureSession(db, a.dyad, a.session);
  const taken = s.roleTaken.get(session.id, a.role) as { source_name: string } | undefined;
  if (taken) {
    throw new DyadError(
      'conflict',
      `${sourceName}: dyad ${a.dyad}, session ${a.session} already has a ${a.role} interview (${taken.source_name}). ` +
        'Choose another session or role, or import it as "other".',
    );
  }
  const id = newId();
  s.interview.run(id, session.id, a.role, sourceName, parsed.text, wordCount ?? countWords(parsed.text), now());
  const turns = parsed.turns;
  for (let seq = 0; seq < turns.length; seq++) {
    const t = turns[seq]!;
    const turnId = newId();
    const speaker = a.speakerNames?.[t.speaker]?.trim() || t.speaker;
    s.turn.run(turnId, id, seq, speaker, a.speakerRoles[t.speaker] ?? 'unknown', t.start, t.end, t.interviewTime);
    if (t.timePoints?.length) {
      s.timePoints ??= db.prepare('UPDATE turns SET time_points = ? WHERE id = ?');
      s.timePoints.run(JSON.stringify(t.timePoints.map((p) => [p.offset - t.start, p.time])), turnId);
    }
    s.fts.run(parsed.text.slice(t.start, t.end), turnId, id);
    if (seq % TURNS_PER_STEP === TURNS_PER_STEP - 1) yield;
  }
  for (const m of parsed.moments) s.moment.run(newId(), id, m.sessionTime, m.offset, m.label);
  return id;
}

interface TurnRow {
  id: string;
  seq: number;
  speaker: string;
  speaker_role: SpeakerRole;
  start: number;
  end: number;
  interview_time: number | null;
  time_points: string | null;
}
interface MomentRow {
  id: string;
  session_time: number;
  offset: number;
  label: string;
}

export function getTurns(db: Db, interviewId: string): Turn[] {
  return (
    db.prepare('SELECT id, seq, speaker, speaker_role, start, end, interview_time, time_points FROM turns WHERE interview_id = ? ORDER BY seq').all(interviewId) as TurnRow[]
  ).map((r) => {
    const turn: Turn = { id: r.id, seq: r.seq, speaker: r.speaker, speakerRole: r.speaker_role, start: r.start, end: r.end, interviewTime: r.interview_time };
    if (r.time_points) turn.timePoints = timePoints(r);
    return turn;
  });
}

/**
 * A turn's stored time points, as offsets in the interview's text. They are kept relative to the turn's start; a
 * correction inside the turn may leave one a few characters off, never outside the turn.
 */
function timePoints(r: TurnRow): Turn['timePoints'] {
  const pairs = JSON.parse(r.time_points!) as [number, number][];
  return pairs.map(([rel, t]) => ({ offset: Math.min(r.end, Math.max(r.start, r.start + rel)), interviewTime: t }));
}

export function getMoments(db: Db, interviewId: string): RecallMoment[] {
  return (db.prepare('SELECT id, session_time, offset, label FROM moments WHERE interview_id = ? ORDER BY offset').all(interviewId) as MomentRow[]).map(
    (r) => ({ id: r.id, sessionTime: r.session_time, offset: r.offset, label: r.label }),
  );
}

export function getInterview(db: Db, interviewId: string): Interview {
  const summary = interviewSummary(db, interviewId);
  const { text } = db.prepare('SELECT text FROM interviews WHERE id = ?').get(interviewId) as { text: string };
  return { ...summary, text, turns: getTurns(db, interviewId), moments: getMoments(db, interviewId) };
}

export function sessionInterviewIds(db: Db, sessionId: string): { id: string; role: Role }[] {
  return db.prepare('SELECT id, role FROM interviews WHERE session_id = ? ORDER BY role, imported_at').all(sessionId) as { id: string; role: Role }[];
}

export function setInterviewRole(db: Db, interviewId: string, role: Role) {
  const cur = interviewSummary(db, interviewId);
  if (role !== 'other' && role !== cur.role) {
    const taken = db.prepare('SELECT source_name FROM interviews WHERE session_id = ? AND role = ? AND id != ?').get(cur.sessionId, role, interviewId) as
      | { source_name: string }
      | undefined;
    if (taken) throw new DyadError('conflict', `This session already has a ${role} interview (${taken.source_name}).`);
  }
  undoable(db, `Make ${cur.sourceName} the ${role === 'other' ? 'other' : role} interview`, () => updateRecorded(db, 'interviews', interviewId, 'role', role));
  return interviewSummary(db, interviewId);
}

export { findSession };
export { countWords };
