/**
 * Another lead's transcript correction arriving while this replica has corrections of the same interview not yet
 * pushed: both survive. The arriving one is earlier in the server's order, so this replica's corrections are
 * rebased on top of it (each outbox entry's text before and after is rewritten as if it had been made after the
 * arriving one, by the rule in shared/labServer/concurrentEdits.ts), and the arriving edit, rebased through this
 * replica's corrections, is applied here by the same correction code as a local one (codings, turns and moments move
 * by shared/coding/offsets.ts).
 *
 * The others apply the arriving correction, then this replica's rebased ones, and reach the same text. Where codings,
 * turns and moments sit after two edits can depend on the order they were applied in (an edit at a coding's very
 * end, say), so every one this step moved or removed here is sent with the rebased corrections, as it is here:
 * pushed after them, it is what everyone keeps. A coding made against an older text by a coder is moved by that
 * coder's replica before it is pushed, so it lands on the same characters everywhere.
 */
import { randomUUID } from 'node:crypto';
import { minimiseEdit } from '../../shared/coding/offsets';
import { rebaseEdit } from '../../shared/labServer/concurrentEdits';
import { correctInterview } from '../core/coding/corrections';
import type { Db } from '../core/database';
import { stmt } from './statements';

interface LocalCorrection {
  seq: number;
  base: string;
  after: string;
}

const whole = (from: string, to: string) => minimiseEdit(from, { start: 0, end: from.length, replacement: to });

/** The rows a correction of the interview may move or remove, as they are now (id → their offsets, or memo's target). */
function positions(db: Db, interviewId: string): Map<string, string> {
  const m = new Map<string, string>();
  const rows = stmt(
    db,
    `SELECT 'codings' AS t, id, start || ':' || "end" || ':' || code_id AS v FROM codings WHERE interview_id = @id
     UNION ALL SELECT 'turns', id, start || ':' || "end" FROM turns WHERE interview_id = @id
     UNION ALL SELECT 'moments', id, "offset" FROM moments WHERE interview_id = @id
     UNION ALL SELECT 'memos', m.id, m.target_id FROM memos m JOIN codings g ON g.id = m.target_id WHERE m.target_kind = 'coding' AND g.interview_id = @id`,
  ).all({ id: interviewId }) as { t: string; id: string; v: string }[];
  for (const r of rows) m.set(`${r.t}\u0000${r.id}`, String(r.v));
  return m;
}

/**
 * Applies `arriving` (the interview's whole text after another lead's correction, made on the text this replica's
 * first unpushed correction started from) under this replica's unpushed corrections. Returns whether anything
 * changed here.
 */
export function rebaseLocalCorrections(db: Db, interviewId: string, arriving: string): boolean {
  const locals = stmt(db, "SELECT seq, base, after FROM team_outbox WHERE target = 'interviews' AND row_id = ? AND field LIKE 'text@%' ORDER BY seq").all(interviewId) as LocalCorrection[];
  const current = (stmt(db, 'SELECT text FROM interviews WHERE id = ?').get(interviewId) as { text: string } | undefined)?.text;
  if (current === undefined || !locals.length) return false;
  let remote = whole(locals[0]!.base, arriving);
  if (remote.start === remote.end && !remote.replacement) return false;
  const setEntry = stmt(db, 'UPDATE team_outbox SET base = ?, after = ? WHERE seq = ?');
  const dropEntry = stmt(db, 'DELETE FROM team_outbox WHERE seq = ?');
  let base = arriving;
  let merged = current;
  for (const local of locals) {
    const r = rebaseEdit(local.base, remote, whole(local.base, local.after));
    merged = r.merged;
    // The same correction made by the other lead already: nothing of ours is left to send.
    if (merged === base) dropEntry.run(local.seq);
    else setEntry.run(base, merged, local.seq);
    remote = r.earlierAfterLater;
    base = merged;
  }
  const before = positions(db, interviewId);
  correctInterview(db, { interviewId, start: 0, end: current.length, replacement: merged });
  const after = positions(db, interviewId);
  const note = stmt(db, "INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES (?, ?, ?, '*')");
  for (const [key, was] of before) {
    if (after.get(key) === was) continue;
    const [target, id] = key.split('\u0000') as [string, string];
    note.run(randomUUID(), target, id);
  }
  return merged !== current;
}
