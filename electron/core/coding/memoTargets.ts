/** What happens to memos when what they are written on goes away or is merged. */
import type { MemoTargetKind } from '../../../shared/coding/types';
import type { Db } from '../database';

/** Deletes the memos on these targets (inside the caller's undo step); returns how many. */
export function deleteMemosOn(db: Db, kind: MemoTargetKind, ids: readonly string[]): number {
  const del = db.prepare('DELETE FROM memos WHERE target_kind = ? AND target_id = ?');
  let n = 0;
  for (const id of ids) n += del.run(kind, id).changes;
  return n;
}

/** Moves the memos on one target to another (merged codes, collapsed duplicate codings); returns how many. */
export function retargetMemos(db: Db, kind: MemoTargetKind, fromId: string, toId: string): number {
  return db.prepare('UPDATE memos SET target_id = ? WHERE target_kind = ? AND target_id = ?').run(toId, kind, fromId).changes;
}
