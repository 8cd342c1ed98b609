/**
 * Applying another member's operation to this replica, inside the pull's transaction (team_replica.applying is
 * set, so nothing here goes back into the outbox).
 *
 * The rules that make replicas converge:
 * - A row or a code's field changed here and not yet pushed keeps its local value: it will be pushed after this
 *   operation, later in the server's order, and so wins everywhere (last writer in the order of record wins).
 * - Codings and memos are sets by id: a put inserts or replaces, a delete removes.
 * - The same code created by two leads under the same parent becomes one code (the merge planner's rule,
 *   shared/merge): when a code created here and not yet pushed has the name of one arriving first in the server's
 *   order, the local one becomes the arriving one, its codings, sub-codes and memos moved over.
 * - A transcript correction arrives as the interview's whole new text; the smallest edit from this replica's text
 *   is applied by the same correction code as a local one, so codings move by the offset rules
 *   (shared/coding/offsets.ts). When this replica has its own unpushed corrections of the interview, they are
 *   rebased on top of the arriving one and both survive (rebase.ts): a pushed correction is always made on the
 *   text the server had before it.
 * - A lead's removal of an interview removes it here as a local removal does, its codings and memos with it.
 * - A code's deletion takes only the codings its deleter had seen; others, and codings arriving for a code deleted
 *   meanwhile, go to "Uncategorised (deleted code)" (deletedCodes.ts).
 * - An operation that can no longer apply (a coding for a code never known here) is skipped, the same way on
 *   every replica.
 */
import { mapCodingSpan, minimiseEdit } from '../../shared/coding/offsets';
import type { NewInterview, Op } from '../../shared/labServer/ops';
import { correctInterview } from '../core/coding/corrections';
import { reindexInterviewTurns } from '../core/coding/searchIndex';
import type { Db } from '../core/database';
import { removeInterview } from '../core/removeInterview';
import { freeName, sameNamedSibling } from './codeNames';
import { codebookOfUncategorised, deletedHere, deleteUncategorised, ensureUncategorised, keepUnseenCodings, rehomeCoding } from './deletedCodes';
import { rebaseLocalCorrections } from './rebase';
import { becomeArriving, makeRoomFor } from './sameNewInterview';
import { stmt } from './statements';

const columnsCache = new WeakMap<Db, Map<string, string[]>>();
function columnsOf(db: Db, table: string): string[] {
  let m = columnsCache.get(db);
  if (!m) columnsCache.set(db, (m = new Map()));
  let cols = m.get(table);
  if (!cols) m.set(table, (cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name)));
  return cols;
}

const pending = (db: Db, target: string, rowId: string, field: string): boolean =>
  !!stmt(db, "SELECT 1 FROM team_outbox WHERE target = ? AND row_id = ? AND field IN ('*', ?)").get(target, rowId, field);

/** Corrections of this interview made here and not yet pushed, oldest first. */
const localCorrections = (db: Db, interviewId: string) =>
  stmt(db, "SELECT base, after FROM team_outbox WHERE target = 'interviews' AND row_id = ? AND field LIKE 'text@%' ORDER BY seq").all(interviewId) as {
    base: string;
    after: string;
  }[];

function isConstraint(e: unknown): boolean {
  return typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('SQLITE_CONSTRAINT');
}

/** Runs `write` in a savepoint; a constraint it breaks (a row it refers to is gone) skips the operation. */
function orSkip(db: Db, write: () => void): boolean {
  try {
    db.transaction(write)();
    return true;
  } catch (e) {
    if (isConstraint(e)) return false;
    throw e;
  }
}

function upsert(db: Db, table: string, row: Record<string, unknown>): void {
  const cols = columnsOf(db, table).filter((c) => c in row);
  const list = cols.map((c) => `"${c}"`).join(', ');
  const updates = cols.filter((c) => c !== 'id').map((c) => `"${c}" = excluded."${c}"`).join(', ');
  stmt(db, `INSERT INTO ${table} (${list}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (id) DO UPDATE SET ${updates}`).run(
    ...cols.map((c) => row[c] as string | number | null),
  );
}

/** Makes the local, unpushed code `localId` into the arriving code `row`: one code, its codings and children kept. */
function becomeOne(db: Db, localId: string, row: Record<string, unknown>): void {
  const toId = row.id as string;
  stmt(db, "UPDATE codes SET name = name || ' ' || id WHERE id = ?").run(localId);
  upsert(db, 'codes', row);
  stmt(db, 'UPDATE codes SET parent_id = ? WHERE parent_id = ?').run(toId, localId);
  // The same passage coded by the same coder with both codes is one coding now.
  stmt(db, 
    'DELETE FROM codings WHERE code_id = ? AND EXISTS (SELECT 1 FROM codings o WHERE o.code_id = ? AND o.interview_id = codings.interview_id AND o.coder_id = codings.coder_id AND o.start = codings.start AND o.end = codings.end)',
  ).run(localId, toId);
  stmt(db, 'UPDATE codings SET code_id = ? WHERE code_id = ?').run(toId, localId);
  stmt(db, "UPDATE memos SET target_id = ? WHERE target_kind = 'code' AND target_id = ?").run(toId, localId);
  stmt(db, 'DELETE FROM codes WHERE id = ?').run(localId);
  stmt(db, "DELETE FROM team_outbox WHERE target = 'codes' AND row_id = ?").run(localId);
}

function wouldCycle(db: Db, codeId: string, parentId: string | null): boolean {
  for (let p = parentId; p; ) {
    if (p === codeId) return true;
    p = (stmt(db, 'SELECT parent_id FROM codes WHERE id = ?').get(p) as { parent_id: string | null } | undefined)?.parent_id ?? null;
  }
  return false;
}

/**
 * A coding made against the text before a correction made here and not yet pushed: moved by that correction's edit,
 * as the others will move it when the correction reaches them. Null when its text is gone.
 */
function onLocalText(db: Db, row: Record<string, unknown>): Record<string, unknown> | null {
  let span: { start: number; end: number } | null = { start: row.start as number, end: row.end as number };
  for (const c of localCorrections(db, row.interview_id as string)) {
    span = mapCodingSpan(span, minimiseEdit(c.base, { start: 0, end: c.base.length, replacement: c.after }));
    if (!span) return null;
  }
  return { ...row, ...span };
}

/** A row that is new here; one with the same id already here is kept as it is. */
function insertNew(db: Db, table: string, row: Record<string, unknown>): void {
  const cols = columnsOf(db, table).filter((c) => c in row);
  stmt(db, `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`).run(
    ...cols.map((c) => row[c] as string | number | null),
  );
}

/**
 * An interview a lead imported after publishing: its dyad and session when new here, the interview, its turns
 * (and their search index) and moments, in one step. Known already (sent twice): nothing changes; its text is
 * changed only by corrections. A dyad of the same name made here by an import not yet sent becomes the arriving one
 * (sameNewInterview.ts); one made otherwise under another id cannot take it: skipped.
 */
function addInterview(db: Db, n: NewInterview): boolean {
  const id = n.interview.id as string;
  if (stmt(db, 'SELECT 1 FROM interviews WHERE id = ?').get(id)) return false;
  return orSkip(db, () => {
    // Another lead's import into the same new dyad, arriving before this replica's own (sameNewInterview.ts).
    const twin = makeRoomFor(db, n);
    insertNew(db, 'dyads', n.dyad);
    insertNew(db, 'sessions', n.session);
    insertNew(db, 'interviews', n.interview);
    for (const t of n.turns) insertNew(db, 'turns', t);
    for (const m of n.moments) insertNew(db, 'moments', m);
    reindexInterviewTurns(db, id);
    if (twin) becomeArriving(db, twin, id);
  });
}

/** Applies one operation of another member; returns whether it changed this replica. */
export function applyOp(db: Db, op: Op): boolean {
  switch (op.kind) {
    case 'put': {
      if (pending(db, op.target, op.rowId, '*')) return false;
      if (op.target === 'interviews') return addInterview(db, op.row);
      if (op.target === 'codings') {
        const row = onLocalText(db, op.row);
        if (!row) return false;
        if (orSkip(db, () => upsert(db, 'codings', row))) return true;
        // Its code was deleted by someone who had not seen it: kept, uncategorised (deletedCodes.ts).
        const rehomed = rehomeCoding(db, row);
        return !!rehomed && orSkip(db, () => upsert(db, 'codings', rehomed));
      }
      if (op.target === 'turns' || op.target === 'moments') {
        // As the lead's correction left them (their text arrived just before); a correction here wins.
        if (localCorrections(db, op.row.interview_id as string).length) return false;
        const done = orSkip(db, () => upsert(db, op.target, op.row));
        if (done && op.target === 'turns') reindexInterviewTurns(db, op.row.interview_id as string);
        return done;
      }
      // A memo on an "Uncategorised (deleted code)" code: that code is made here if it is not (deletedCodes.ts).
      if (op.target === 'memos' && op.row.target_kind === 'code') ensureUncategorised(db, op.row.target_id as string);
      if (op.target !== 'codes') return orSkip(db, () => upsert(db, op.target, op.row));
      ensureUncategorised(db, op.row.parent_id as string | null);
      const exists = stmt(db, 'SELECT 1 FROM codes WHERE id = ?').get(op.rowId);
      if (!exists) {
        const twin = sameNamedSibling(db, op.row);
        if (twin && pending(db, 'codes', twin.id, '*')) return orSkip(db, () => becomeOne(db, twin.id, op.row));
        // Made under a code deleted since by someone who had not seen it: kept, at the top level (deletedCodes.ts).
        const row = deletedHere(db, op.row.parent_id as string | null) ? { ...op.row, parent_id: null } : op.row;
        return orSkip(db, () => upsert(db, 'codes', freeName(db, row)));
      }
      // Known already: every field not changed here takes the arriving value.
      const local = stmt(db, 'SELECT * FROM codes WHERE id = ?').get(op.rowId) as Record<string, unknown>;
      const merged = { ...op.row };
      for (const f of Object.keys(local)) {
        if (!pending(db, 'codes', op.rowId, f)) continue;
        merged[f] = local[f];
        stmt(db, "UPDATE team_outbox SET base = json_quote(?) WHERE target = 'codes' AND row_id = ? AND field = ?").run(op.row[f] as string | number | null, op.rowId, f);
      }
      return orSkip(db, () => upsert(db, 'codes', freeName(db, merged)));
    }
    case 'set': {
      // Its deletion made here and not yet sent comes after this change in the server's order ('removed': the
      // uncategorised code made again since, deletedCodes.ts): the change is recorded (conflicts.ts), not applied.
      if (pending(db, 'codes', op.rowId, 'removed')) return false;
      if (pending(db, 'codes', op.rowId, op.field)) {
        // The server's value is this one now: a local change undone back to the old value still has to be sent.
        stmt(db, "UPDATE team_outbox SET base = json_quote(?) WHERE target = 'codes' AND row_id = ? AND field = ?").run(op.value as string | number | null, op.rowId, op.field);
        return false;
      }
      const local = stmt(db, 'SELECT * FROM codes WHERE id = ?').get(op.rowId) as Record<string, unknown> | undefined;
      if (!local) return false;
      if (op.field === 'parent_id' && wouldCycle(db, op.rowId, op.value as string | null)) return false;
      // Moved under a code deleted since by someone who had not seen the move: kept, at the top level.
      if (op.field === 'parent_id') ensureUncategorised(db, op.value as string | null);
      let value = op.field === 'parent_id' && deletedHere(db, op.value as string | null) ? null : op.value;
      return orSkip(db, () => {
        if (op.field === 'name' || op.field === 'parent_id') value = freeName(db, { ...local, [op.field]: value })[op.field];
        stmt(db, `UPDATE codes SET "${op.field}" = ? WHERE id = ?`).run(value as string | number | null, op.rowId);
      });
    }
    case 'delete': {
      if (pending(db, op.target, op.rowId, '*')) return false;
      // Removed by a lead: as a local removal, its codings and memos, and the session and dyad it leaves empty.
      if (op.target === 'interviews') {
        if (!stmt(db, 'SELECT 1 FROM interviews WHERE id = ?').get(op.rowId)) return false;
        removeInterview(db, op.rowId);
        return true;
      }
      // Codings its deleter had not seen stay, uncategorised (deletedCodes.ts); in it anew when it is the one deleted.
      if (op.target === 'codes' && codebookOfUncategorised(db, op.rowId)) return deleteUncategorised(db, op);
      if (op.target === 'codes') keepUnseenCodings(db, op);
      return stmt(db, `DELETE FROM ${op.target} WHERE id = ?`).run(op.rowId).changes > 0;
    }
    case 'text': {
      // Corrections of this interview made here and not yet pushed: both leads' survive (rebase.ts).
      if (localCorrections(db, op.rowId).length) return rebaseLocalCorrections(db, op.rowId, op.text);
      const r = stmt(db, 'SELECT text FROM interviews WHERE id = ?').get(op.rowId) as { text: string } | undefined;
      if (!r || r.text === op.text) return false;
      correctInterview(db, { interviewId: op.rowId, start: 0, end: r.text.length, replacement: op.text });
      return true;
    }
  }
}
