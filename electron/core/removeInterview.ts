/**
 * Taking an interview out of the project — imported into the wrong session, or replaced by a corrected
 * transcript — as one undoable step: its codings and memos, its turns, recall moments and search rows, and the
 * session and dyad it leaves empty. Ctrl+Z puts every row back as it was, under the same ids.
 *
 * Order matters for redo (see undoStructure.ts): rows that triggers record (memos, codings) are deleted first,
 * then the interview, then the session, then the dyad, so that a redo deletes each before the row it hangs on.
 */
import { DyadError } from '../../shared/api/errors';
import { markReindex, reindexInterviewTurns, undoable } from './coding';
import { removeRecorded } from './coding/undoStructure';
import type { Db } from './database';

interface InterviewUsage {
  sourceName: string;
  codings: number;
  /** Memos on the interview and on its codings. */
  memos: number;
  /** Coders with codings in it. */
  coders: number;
}

interface RemovedInterview extends InterviewUsage {
  /** The session (and dyad) had nothing else in it and went too. */
  sessionRemoved: boolean;
  dyadRemoved: boolean;
}

export function interviewUsage(db: Db, interviewId: string): InterviewUsage {
  const row = db.prepare('SELECT source_name FROM interviews WHERE id = ?').get(interviewId) as { source_name: string } | undefined;
  if (!row) throw new DyadError('not-found', `No interview with id ${interviewId} in this project.`);
  const c = db.prepare('SELECT count(*) AS n, count(DISTINCT coder_id) AS coders FROM codings WHERE interview_id = ?').get(interviewId) as { n: number; coders: number };
  const memos = db
    .prepare(
      "SELECT count(*) FROM memos WHERE (target_kind = 'interview' AND target_id = ?) OR (target_kind = 'coding' AND target_id IN (SELECT id FROM codings WHERE interview_id = ?))",
    )
    .pluck()
    .get(interviewId, interviewId) as number;
  return { sourceName: row.source_name, codings: c.n, memos, coders: c.coders };
}

export function removeInterview(db: Db, interviewId: string): RemovedInterview {
  const usage = interviewUsage(db, interviewId);
  return undoable(db, `Delete interview ${usage.sourceName}`, () => {
    const { session_id: sessionId, dyad_id: dyadId } = db
      .prepare('SELECT i.session_id, s.dyad_id FROM interviews i JOIN sessions s ON s.id = i.session_id WHERE i.id = ?')
      .get(interviewId) as { session_id: string; dyad_id: string };
    db.prepare("DELETE FROM memos WHERE target_kind = 'coding' AND target_id IN (SELECT id FROM codings WHERE interview_id = ?)").run(interviewId);
    db.prepare("DELETE FROM memos WHERE target_kind = 'interview' AND target_id = ?").run(interviewId);
    db.prepare('DELETE FROM codings WHERE interview_id = ?').run(interviewId);
    markReindex(db, interviewId);
    removeRecorded(db, 'interviews', interviewId);
    reindexInterviewTurns(db, interviewId);

    const empty = (sql: string, id: string) => db.prepare(sql).get(id) === undefined;
    const sessionRemoved =
      empty('SELECT 1 FROM interviews WHERE session_id = ?', sessionId) &&
      empty("SELECT 1 FROM memos WHERE target_kind = 'session' AND target_id = ?", sessionId);
    if (sessionRemoved) removeRecorded(db, 'sessions', sessionId);
    const dyadRemoved =
      sessionRemoved &&
      empty('SELECT 1 FROM sessions WHERE dyad_id = ?', dyadId) &&
      empty("SELECT 1 FROM memos WHERE target_kind = 'dyad' AND target_id = ?", dyadId);
    if (dyadRemoved) removeRecorded(db, 'dyads', dyadId);
    return { ...usage, sessionRemoved, dyadRemoved };
  });
}
