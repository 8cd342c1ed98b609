import type { Db } from '../database';

/**
 * Rebuilds the full-text rows of one interview's turns from its text (after a correction or its undo). The
 * slices are taken in JavaScript because SQLite's substr() counts code points, not UTF-16 units.
 */
export function reindexInterviewTurns(db: Db, interviewId: string): void {
  const row = db.prepare('SELECT text FROM interviews WHERE id = ?').get(interviewId) as { text: string } | undefined;
  db.prepare('DELETE FROM turns_fts WHERE interview_id = ?').run(interviewId);
  if (!row) return;
  const insert = db.prepare('INSERT INTO turns_fts (text, turn_id, interview_id) VALUES (?, ?, ?)');
  const turns = db.prepare('SELECT id, start, "end" FROM turns WHERE interview_id = ? ORDER BY seq').all(interviewId) as { id: string; start: number; end: number }[];
  for (const t of turns) insert.run(row.text.slice(t.start, t.end), t.id, interviewId);
}
