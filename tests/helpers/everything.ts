import type { Db } from '../../electron/core/database';

const DATA_TABLES = ['coders', 'codebooks', 'codes', 'codings', 'memos', 'dyads', 'sessions', 'interviews', 'turns', 'moments', 'moment_links', 'project_settings'];

/** Every row of every data table with its rowid, and the search index: "as it was" to the byte, for undo tests. */
export function everything(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of DATA_TABLES) out[t] = db.prepare(`SELECT rowid AS _rowid, * FROM ${t} ORDER BY rowid`).all();
  out.turns_fts = db.prepare('SELECT text, turn_id, interview_id FROM turns_fts ORDER BY turn_id, text').all();
  return out;
}
