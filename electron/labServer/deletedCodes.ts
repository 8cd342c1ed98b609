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
 *
 * It is never sent whole, yet it travels like any code: what a member does with it (a rename, a memo on it, a
 * coding or a code put under it, its deletion) is an operation on that id, and a replica that has not made it (or
 * dropped it emptied) makes it when such an operation needs it. Made again, it takes every field change the server
 * has recorded for it since it was last deleted (team_code_fields), so making it, dropping it emptied and making it
 * again leaves it as if it had always been there. Deleting it takes what its deleter had seen, as for any code; what
 * they had not seen stays in it, made anew with its first name and colour.
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

/** The codebook whose "Uncategorised (deleted code)" code `codeId` is; null for any other code. */
export function codebookOfUncategorised(db: Db, codeId: string): string | null {
  const books = stmt(db, 'SELECT id FROM codebooks').all() as { id: string }[];
  return books.find((b) => uncategorisedId(b.id) === codeId)?.id ?? null;
}

/**
 * Its deletion made here and not yet sent, asked while the code is not here: the whole row's entry ('*') of a code
 * that is gone is its deletion; 'removed' is one made again since.
 */
const deletionPending = (db: Db, id: string): boolean => !!stmt(db, "SELECT 1 FROM team_outbox WHERE target = 'codes' AND row_id = ? AND field IN ('*', 'removed')").get(id);

/** A field's value as the others' latest change left it, for the fields a code is made with. */
const FIELDS = ['parent_id', 'name', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'shortcut', 'position'] as const;

/**
 * The row the code is made with: fixed times and place, so that every replica makes the same row without telling the
 * others, then the field changes the server recorded for it (unless this replica's own deletion of it is still to
 * be sent: those changes were made before that deletion, which resets it).
 */
function uncategorisedRow(db: Db, codebookId: string, id: string): Record<string, unknown> {
  const at = '1970-01-01T00:00:00.000Z';
  const row: Record<string, unknown> = {
    id,
    codebook_id: codebookId,
    parent_id: null,
    name: UNCATEGORISED,
    color: '#9E9E9E',
    definition: 'Passages coded with a code that was deleted by someone who had not seen them. Recode them, or delete them.',
    inclusion: '',
    exclusion: '',
    example: '',
    shortcut: null,
    position: 9999,
    created_at: at,
    updated_at: at,
  };
  const changed = deletionPending(db, id) ? [] : (stmt(db, 'SELECT field, value FROM team_code_fields WHERE code_id = ?').all(id) as { field: string; value: string | null }[]);
  for (const { field, value } of changed) if ((FIELDS as readonly string[]).includes(field)) row[field] = value === null ? null : JSON.parse(value);
  // As a change of its place is applied: under a code that is not here (deleted), at the top level.
  if (row.parent_id !== null && !stmt(db, 'SELECT 1 FROM codes WHERE id = ?').get(row.parent_id as string)) row.parent_id = null;
  if (changed.some((c) => c.field === 'name' || c.field === 'parent_id')) return freeName(db, row);
  // A name a researcher gave a code of their own is left alone: this one takes the short id, as freeName does.
  const taken = stmt(db, "SELECT 1 FROM codes WHERE codebook_id = ? AND ifnull(parent_id, '') = ifnull(?, '') AND name = ? COLLATE NOCASE").get(codebookId, row.parent_id as string | null, row.name as string);
  return taken ? { ...row, name: `${row.name as string} (${id.slice(0, 4)})` } : row;
}

/** The codebook's "Uncategorised (deleted code)" code, made here when missing; its id. */
function uncategorised(db: Db, codebookId: string): string {
  const id = uncategorisedId(codebookId);
  if (stmt(db, 'SELECT 1 FROM codes WHERE id = ?').get(id)) return id;
  const row = uncategorisedRow(db, codebookId, id);
  const cols = Object.keys(row);
  stmt(db, `INSERT INTO codes (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c] as string | number | null));
  // Deleted here, its deletion not yet sent: it still goes (replica.ts sends a 'removed' entry as the deletion), and
  // the new one is what the others will make for what arrives after it.
  stmt(db, "UPDATE OR REPLACE team_outbox SET field = 'removed' WHERE target = 'codes' AND row_id = ? AND field = '*'").run(id);
  return id;
}

/**
 * Another member's operation names `codeId` (a memo on it, a code put or moved under it): when it is an
 * "Uncategorised (deleted code)" code this replica does not have (never made here, or dropped emptied), it is made,
 * as every replica that has it made it.
 */
export function ensureUncategorised(db: Db, codeId: string | null): void {
  if (!codeId || stmt(db, 'SELECT 1 FROM codes WHERE id = ?').get(codeId)) return;
  const codebookId = codebookOfUncategorised(db, codeId);
  if (codebookId) uncategorised(db, codebookId);
}

/** Its field changes before its deletion are forgotten: made again, it starts anew (every replica, at the deletion). */
export function forgetUncategorisedFields(db: Db, codeId: string): void {
  if (codebookOfUncategorised(db, codeId)) stmt(db, 'DELETE FROM team_code_fields WHERE code_id = ?').run(codeId);
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
  return unseenMoved(db, op).length;
}

/** keepUnseenCodings's work: the ids of the codings moved to the uncategorised code. */
function unseenMoved(db: Db, op: Extract<Op, { kind: 'delete' }>): string[] {
  if (op.target !== 'codes') return [];
  const code = db.prepare('SELECT codebook_id FROM codes WHERE id = ?').get(op.rowId) as { codebook_id: string } | undefined;
  if (!code) return [];
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
  if (!unseen.length) return [];
  const to = uncategorised(db, code.codebook_id);
  for (const { id } of unseen) moveCoding(db, id, to);
  return unseen.map((u) => u.id);
}

/**
 * Another member's deletion of an "Uncategorised (deleted code)" code: as any code's, it takes what its deleter had
 * seen; what they had not (codings, and memos on it, which arrived after their last pull or wait here to be sent)
 * stays in it, made anew. Its deleter's replica makes it anew the same way when those arrive there.
 */
export function deleteUncategorised(db: Db, op: Extract<Op, { kind: 'delete' }>): boolean {
  if (!stmt(db, 'SELECT 1 FROM codes WHERE id = ?').get(op.rowId)) return false;
  const codebookId = codebookOfUncategorised(db, op.rowId)!;
  const moved = unseenMoved(db, op);
  const kept = moved.length
    ? (db.prepare(`SELECT * FROM codings WHERE id IN (SELECT value FROM json_each(?)) AND code_id = ? ORDER BY id`).all(JSON.stringify(moved), op.rowId) as Record<string, unknown>[])
    : [];
  stmt(db, 'DELETE FROM codes WHERE id = ?').run(op.rowId); // the codings and sub-codes its deleter saw cascade
  const memos = stmt(db, "SELECT 1 FROM memos WHERE target_kind = 'code' AND target_id = ?").get(op.rowId);
  if (!kept.length && !memos) return true;
  uncategorised(db, codebookId);
  for (const row of kept) {
    const cols = Object.keys(row);
    stmt(db, `INSERT INTO codings (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c] as string | number | null));
  }
  return true;
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
  const codebookId = gone?.codebook_id ?? codebookOfUncategorised(db, codeId);
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
