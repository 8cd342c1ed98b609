/**
 * A lead deletes a code; meanwhile, offline, a coder coded passages with it. Deleting a code deletes its codings,
 * but only the ones its deleter could see: a coder's work that the lead never saw is not the lead's to throw away,
 * and nothing anyone coded may be lost. Those codings go to a code "Uncategorised (deleted code)" at the top of the
 * same codebook, where the lead finds them and recodes them (or deletes them, knowingly).
 *
 * Why not restore the deleted code? The lead deleted it on purpose, perhaps after merging it into another; bringing it
 * back would undo a decision silently, and bring back its sub-codes, memos and place too. One visible code holding
 * what arrived too late keeps the decision and the work, and says what happened.
 *
 * Every replica must do the same, from the same operations in the same order:
 * - the deletion carries `seen`, the server sequence its author had pulled when deleting; the codings of the code
 *   (and of its sub-codes) that first reached the server after it, or that are still waiting here to be sent, were
 *   not seen, and move before the code goes;
 * - a coding that arrives after its code was deleted (its coder had not seen the deletion) goes there as well;
 * - sub-codes another lead made or moved under the code that its deleter had not seen are not theirs to delete
 *   either: they go to the top level, with their codings; so does a code made or moved under a deleted one later;
 * - the code has the same id everywhere (derived from the codebook's), so each replica makes it on its own.
 */
import { createHash } from 'node:crypto';
import type { Op } from '../../shared/labServer/ops';
import { applyOutsideHistory } from '../core/coding/undoOutside';
import type { Db } from '../core/database';
import { freeName } from './codeNames';
import { setApplying } from './replica';
import { stmt } from './statements';

export const UNCATEGORISED = 'Uncategorised (deleted code)';

/** The same id on every replica: a UUID (version 5 layout) made from the codebook's id. */
export function uncategorisedId(codebookId: string): string {
  const h = createHash('sha1').update(`dyad:uncategorised:${codebookId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Notes the server sequence at which a coding or a code first arrived. */
export function noteArrived(db: Db, rowId: string, seq: number): void {
  stmt(db, 'INSERT OR IGNORE INTO team_arrivals (row_id, seq) VALUES (?, ?)').run(rowId, seq);
}

/** A code deleted here (its row gone, its codebook remembered). */
export function deletedHere(db: Db, codeId: string | null): boolean {
  return !!codeId && !db.prepare('SELECT 1 FROM codes WHERE id = ?').get(codeId) && !!db.prepare('SELECT 1 FROM team_deleted_codes WHERE code_id = ?').get(codeId);
}

/** The codebook's "Uncategorised (deleted code)" code, made here when missing; its id. */
function uncategorised(db: Db, codebookId: string): string {
  const id = uncategorisedId(codebookId);
  if (db.prepare('SELECT 1 FROM codes WHERE id = ?').get(id)) return id;
  // A name a researcher gave a code of their own is left alone: this one takes the short id, as freeName does.
  const taken = db.prepare("SELECT 1 FROM codes WHERE codebook_id = ? AND parent_id IS NULL AND name = ? COLLATE NOCASE").get(codebookId, UNCATEGORISED);
  const name = taken ? `${UNCATEGORISED} (${id.slice(0, 4)})` : UNCATEGORISED;
  // Fixed times and place: every replica makes the same row without telling the others.
  const at = '1970-01-01T00:00:00.000Z';
  db.prepare(
    `INSERT INTO codes (id, codebook_id, parent_id, name, color, definition, position, created_at, updated_at)
     VALUES (?, ?, NULL, ?, '#9E9E9E', 'Passages coded with a code that was deleted by someone who had not seen them. Recode them, or delete them.', 9999, ?, ?)`,
  ).run(id, codebookId, name, at, at);
  return id;
}

/** Moves a coding to the uncategorised code; a copy already there (same coder, same passage) is the same coding. */
function moveCoding(db: Db, codingId: string, toCode: string): void {
  const c = db.prepare('SELECT interview_id, coder_id, start, "end" FROM codings WHERE id = ?').get(codingId) as
    | { interview_id: string; coder_id: string; start: number; end: number }
    | undefined;
  if (!c) return;
  const twin = db
    .prepare('SELECT 1 FROM codings WHERE interview_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ? AND id <> ?')
    .get(c.interview_id, toCode, c.coder_id, c.start, c.end, codingId);
  if (twin) return;
  db.prepare('UPDATE codings SET code_id = ? WHERE id = ?').run(toCode, codingId);
}

/** Sub-codes that arrived under the code, or were moved there, after `seen`, or are waiting here to be sent. */
function unseenCode(db: Db, codeId: string, seen: number): boolean {
  return !!db
    .prepare(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM team_arrivals WHERE row_id = @id AND seq > @seen)
         OR EXISTS (SELECT 1 FROM team_code_fields WHERE code_id = @id AND field = 'parent_id' AND seq > @seen)
         OR EXISTS (SELECT 1 FROM team_outbox WHERE target = 'codes' AND row_id = @id AND field IN ('*', 'parent_id'))`,
    )
    .get({ id: codeId, seen });
}

/**
 * Before another member's deletion of a code is applied here: what its deleter had not seen stays. Sub-codes made or
 * moved under it since go to the top level (with what is under them); codings of the codes that do go move to the
 * uncategorised code. Returns how many codings moved.
 */
export function keepUnseenCodings(db: Db, op: Extract<Op, { kind: 'delete' }>): number {
  if (op.target !== 'codes') return 0;
  const code = db.prepare('SELECT codebook_id FROM codes WHERE id = ?').get(op.rowId) as { codebook_id: string } | undefined;
  if (!code) return 0;
  const seen = op.seen ?? Number.MAX_SAFE_INTEGER; // an older Dyad's deletion: as before, everything on it goes
  const going = [op.rowId];
  for (let i = 0; i < going.length; i++) {
    const children = (db.prepare('SELECT id FROM codes WHERE parent_id = ? ORDER BY id').all(going[i]) as { id: string }[]).map((r) => r.id);
    for (const child of children) {
      if (unseenCode(db, child, seen)) toTopLevel(db, child);
      else going.push(child);
    }
  }
  const unseen = db
    .prepare(
      `SELECT g.id FROM codings g LEFT JOIN team_arrivals s ON s.row_id = g.id
       WHERE g.code_id IN (SELECT value FROM json_each(?))
         AND (s.seq > ? OR EXISTS (SELECT 1 FROM team_outbox o WHERE o.target = 'codings' AND o.row_id = g.id))
       ORDER BY g.id`,
    )
    .all(JSON.stringify(going), seen) as { id: string }[];
  if (!unseen.length) return 0;
  const to = uncategorised(db, code.codebook_id);
  for (const { id } of unseen) moveCoding(db, id, to);
  return unseen.length;
}

/** A code whose parent is (being) deleted goes to the top level; a namesake there and it settle who takes the short id (codeNames.ts). */
export function toTopLevel(db: Db, codeId: string): void {
  const r = db.prepare('SELECT * FROM codes WHERE id = ?').get(codeId) as Record<string, unknown> | undefined;
  if (!r) return;
  const row = freeName(db, { ...r, parent_id: null });
  db.prepare('UPDATE codes SET parent_id = NULL, name = ? WHERE id = ?').run(row.name as string, codeId);
}

/**
 * A coding arriving for a code deleted here: the row to apply instead, on the uncategorised code of the deleted code's
 * codebook; null when its code was never known here (then it is skipped, as before).
 */
export function rehomeCoding(db: Db, row: Record<string, unknown>): Record<string, unknown> | null {
  const codeId = row.code_id as string;
  if (db.prepare('SELECT 1 FROM codes WHERE id = ?').get(codeId)) return null;
  const gone = db.prepare('SELECT codebook_id FROM team_deleted_codes WHERE code_id = ?').get(codeId) as { codebook_id: string } | undefined;
  const codebookId = gone?.codebook_id ?? (db.prepare('SELECT id FROM codebooks').all() as { id: string }[]).find((c) => uncategorisedId(c.id) === codeId)?.id;
  if (!codebookId) return null;
  const to = uncategorised(db, codebookId);
  const twin = db
    .prepare('SELECT 1 FROM codings WHERE interview_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ? AND id <> ?')
    .get(row.interview_id, to, row.coder_id, row.start, row.end, row.id);
  return twin ? null : { ...row, code_id: to };
}

/**
 * The uncategorised code is made by each replica when something lands in it, so one replica can have made it for a
 * coding that another never saw there (the coding arrived for the deleted code and was then removed by its coder;
 * elsewhere the removal came before the deletion). Emptied, nothing of it is sent, so it would stay on some replicas
 * only: at each sync an empty one (no codings, sub-codes or memos, nothing of it waiting to be sent) goes, as if never
 * made, and is made again when something lands in it.
 */
export function dropEmptyUncategorised(db: Db): void {
  const codebooks = db.prepare('SELECT id FROM codebooks').all() as { id: string }[];
  // Outside the undo history, as the others' changes are: a step of hers that touched the code is marked stale.
  applyOutsideHistory(db, () => {
    for (const { id: codebookId } of codebooks) {
      const id = uncategorisedId(codebookId);
      const empty = db
        .prepare(
          `SELECT 1 FROM codes k WHERE k.id = @id
             AND NOT EXISTS (SELECT 1 FROM codings WHERE code_id = @id) AND NOT EXISTS (SELECT 1 FROM codes WHERE parent_id = @id)
             AND NOT EXISTS (SELECT 1 FROM memos WHERE target_kind = 'code' AND target_id = @id)
             AND NOT EXISTS (SELECT 1 FROM team_outbox WHERE target = 'codes' AND row_id = @id)`,
        )
        .get({ id });
      if (!empty) continue;
      setApplying(db, true);
      db.prepare('DELETE FROM codes WHERE id = ?').run(id);
      db.prepare('DELETE FROM team_deleted_codes WHERE code_id = ?').run(id);
      setApplying(db, false);
    }
  });
}
