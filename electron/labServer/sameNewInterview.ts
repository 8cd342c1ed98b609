/**
 * Two leads importing into the same new dyad while offline (README, "A lab server"): neither import is lost.
 *
 * A lead pushes only after pulling everything before, so when another lead's new interview arrives here while this
 * replica has an import of its own not yet sent, the arriving one is earlier in the server's order, and everyone
 * else receives it first too. So the arriving side always wins, and this replica's unsent import takes its place
 * beside it before it is sent:
 * - a dyad of the same name (dyad names are unique) made here by such an import becomes the arriving dyad, and a
 *   session of the same number in it the arriving session (their interviews and memos move over);
 * - an interview here of the same session and role with the same file name and the very same text (a byte-identical
 *   import of the same file) becomes the arriving interview: one interview, with the codings of both leads;
 * - one of the same file name and another text stays beside it, its name with its short id ("D12_S1_client.txt
 *   (3f2a)", as two codes of the same name are told apart, codeNames.ts).
 * Rows made here by an import already sent are never touched: a dyad or session of the same name arriving under
 * another id then is skipped, as before.
 */
import type { NewInterview } from '../../shared/labServer/ops';
import type { Db } from '../core/database';
import { reindexInterviewTurns } from '../core/coding/searchIndex';
import { stmt } from './statements';

/** Whether a dyad or session here holds an interview imported here and not yet sent (its whole-row outbox entry). */
const UNSENT_IN = {
  dyads: `SELECT 1 FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN team_outbox o ON o.target = 'interviews' AND o.row_id = i.id AND o.field = '*' WHERE s.dyad_id = ?`,
  sessions: `SELECT 1 FROM interviews i JOIN team_outbox o ON o.target = 'interviews' AND o.row_id = i.id AND o.field = '*' WHERE i.session_id = ?`,
};
const unsent = (db: Db, table: 'dyads' | 'sessions', id: string) => !!stmt(db, UNSENT_IN[table]).get(id);

function insertRow(db: Db, table: string, row: Record<string, unknown>): void {
  const cols = Object.keys(row);
  stmt(db, `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`).run(
    ...cols.map((c) => row[c] as string | number | null),
  );
}

/** This replica's unsent dyad of the arriving dyad's name becomes the arriving one. */
function adoptDyad(db: Db, dyad: Record<string, unknown>): void {
  const id = dyad.id as string;
  if (stmt(db, 'SELECT 1 FROM dyads WHERE id = ?').get(id)) return;
  const mine = stmt(db, 'SELECT id FROM dyads WHERE name = ? COLLATE NOCASE AND id <> ?').pluck().get(dyad.name, id) as string | undefined;
  if (!mine || !unsent(db, 'dyads', mine)) return;
  stmt(db, "UPDATE dyads SET name = name || ' ' || id WHERE id = ?").run(mine);
  insertRow(db, 'dyads', dyad);
  stmt(db, 'UPDATE sessions SET dyad_id = ? WHERE dyad_id = ?').run(id, mine);
  stmt(db, "UPDATE memos SET target_id = ? WHERE target_kind = 'dyad' AND target_id = ?").run(id, mine);
  stmt(db, 'DELETE FROM dyads WHERE id = ?').run(mine);
}

/** This replica's unsent session of the arriving session's number, in the same dyad, becomes the arriving one. */
function adoptSession(db: Db, session: Record<string, unknown>): void {
  const id = session.id as string;
  if (stmt(db, 'SELECT 1 FROM sessions WHERE id = ?').get(id)) return;
  const mine = stmt(db, 'SELECT id FROM sessions WHERE dyad_id = ? AND number = ? AND id <> ?').pluck().get(session.dyad_id, session.number, id) as string | undefined;
  if (!mine || !unsent(db, 'sessions', mine)) return;
  // Its number is free for the arriving session while its interviews move.
  stmt(db, 'UPDATE sessions SET number = -rowid WHERE id = ?').run(mine);
  insertRow(db, 'sessions', session);
  stmt(db, 'UPDATE interviews SET session_id = ? WHERE session_id = ?').run(id, mine);
  stmt(db, 'UPDATE moment_links SET session_id = ? WHERE session_id = ?').run(id, mine);
  stmt(db, "UPDATE memos SET target_id = ? WHERE target_kind = 'session' AND target_id = ?").run(id, mine);
  stmt(db, 'DELETE FROM sessions WHERE id = ?').run(mine);
}

/** The unsent interview here that is the same import as the arriving one (same file, same text), if any. */
function unsentTwins(db: Db, n: NewInterview): { id: string; source_name: string; text: string }[] {
  return stmt(
    db,
    `SELECT i.id, i.source_name, i.text FROM interviews i JOIN team_outbox o ON o.target = 'interviews' AND o.row_id = i.id AND o.field = '*'
     WHERE i.session_id = ? AND i.role = ? AND i.source_name = ? AND i.id <> ?`,
  ).all(n.session.id, n.interview.role, n.interview.source_name, n.interview.id) as { id: string; source_name: string; text: string }[];
}

/**
 * Makes room for the arriving interview `n` (see the file comment) before it is inserted; returns the id of an
 * unsent interview here that is the same import, which the caller turns into the arriving one (`becomeArriving`).
 */
export function makeRoomFor(db: Db, n: NewInterview): string | null {
  adoptDyad(db, n.dyad);
  adoptSession(db, n.session);
  for (const twin of unsentTwins(db, n)) {
    if (twin.text === n.interview.text) return twin.id;
    stmt(db, 'UPDATE interviews SET source_name = ? WHERE id = ?').run(`${twin.source_name} (${twin.id.slice(0, 4)})`, twin.id);
  }
  return null;
}

/** After the arriving interview is in: this replica's identical import gives it its codings and memos, and goes. */
export function becomeArriving(db: Db, twinId: string, arrivingId: string): void {
  stmt(db, 'UPDATE codings SET interview_id = ? WHERE interview_id = ?').run(arrivingId, twinId);
  stmt(db, "UPDATE memos SET target_id = ? WHERE target_kind = 'interview' AND target_id = ?").run(arrivingId, twinId);
  stmt(db, 'DELETE FROM interviews WHERE id = ?').run(twinId);
  reindexInterviewTurns(db, twinId);
  stmt(db, "DELETE FROM team_outbox WHERE target = 'interviews' AND row_id = ?").run(twinId);
}
