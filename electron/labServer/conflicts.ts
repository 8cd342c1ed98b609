/**
 * The lead's review of two changes to the same field of a code that were made without either author seeing the
 * other's (migrations/0120_lab_server_review.sql).
 *
 * Each change of a code's field carries `seen`, the server sequence its author had pulled when making it. Going
 * through the operations in the server's order (the ones pulled and this replica's own, with the sequences the server
 * gave them), an operation whose field was last changed by someone else AFTER its `seen` overrode a value its author
 * never saw: the later one stays, as before (last writer wins), and both are recorded for a lead to choose. Every
 * replica sees the same operations in the same order, so every replica records the same conflicts.
 *
 * A change of the field made after both (its `seen` is at or past the later one) settles the conflict: the lead's
 * choice is such a change (a new operation everyone receives), and so is any later edit of that field.
 *
 * `position` is left out: moving or adding a code renumbers its siblings, which would flood the review with
 * changes nobody made on purpose; it stays last-writer-wins.
 */
import { DyadError } from '../../shared/domain/errors';
import type { CodeField, Op } from '../../shared/labServer/ops';
import { fieldName } from '../../shared/labServer/review';
import * as C from '../core/coding';
import type { Db } from '../core/database';
import { newId } from '../core/ids';
import { stmt } from './statements';

type SetOp = Extract<Op, { kind: 'set' }>;

/** The fields a lead reviews (see above for position). */
export const REVIEWED_FIELDS: readonly CodeField[] = ['parent_id', 'name', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'shortcut'];

export interface FieldChange {
  seq: number;
  /** The author's login on the server. */
  author: string;
  /** The server's time of the operation (ISO), null when unknown. */
  at: string | null;
  op: SetOp;
}

interface FieldRow {
  seq: number;
  author: string;
  value: string | null;
  at: string | null;
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

/** Notes one change of a code's field in the server's order; records a conflict when it overrode an unseen change. */
export function noteFieldChange(db: Db, c: FieldChange): void {
  const { rowId: codeId, field, value } = c.op;
  const seen = c.op.seen ?? c.seq - 1; // an operation of an older Dyad: taken as made after everything before it
  if (REVIEWED_FIELDS.includes(field)) {
    const prev = stmt(db, 'SELECT seq, author, value, at FROM team_code_fields WHERE code_id = ? AND field = ?').get(codeId, field) as FieldRow | undefined;
    if (prev && prev.seq < c.seq && prev.seq > seen && prev.author !== c.author && prev.value !== json(value)) {
      stmt(
        db,
        `INSERT OR IGNORE INTO team_conflicts (code_id, field, earlier_seq, earlier_author, earlier_value, earlier_at, later_seq, later_author, later_value, later_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(codeId, field, prev.seq, prev.author, prev.value, prev.at, c.seq, c.author, json(value), c.at);
    }
    // Made knowing both sides: settles what was open on this field (a choice made here and not yet sent included).
    stmt(
      db,
      'UPDATE team_conflicts SET resolved_seq = ?, resolved_by = ?, resolved_value = ? WHERE code_id = ? AND field = ? AND later_seq <= ? AND (resolved_seq IS NULL OR resolved_seq < 0)',
    ).run(c.seq, c.author, json(value), codeId, field, seen);
  }
  stmt(
    db,
    `INSERT INTO team_code_fields (code_id, field, seq, author, value, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (code_id, field) DO UPDATE SET seq = excluded.seq, author = excluded.author, value = excluded.value, at = excluded.at WHERE excluded.seq > team_code_fields.seq`,
  ).run(codeId, field, c.seq, c.author, json(value), c.at);
}

/**
 * A lead's choice that never went (undone back to the value it replaced, so nothing was left to send; or refused):
 * the conflict is open again, as on the other replicas, once the sync has sent what there was.
 */
export function reopenUnsentChoices(db: Db): void {
  db.prepare(
    `UPDATE team_conflicts SET resolved_seq = NULL, resolved_by = NULL, resolved_value = NULL
     WHERE resolved_seq = -1 AND NOT EXISTS (SELECT 1 FROM team_outbox o WHERE o.target = 'codes' AND o.row_id = team_conflicts.code_id AND o.field = team_conflicts.field)`,
  ).run();
}

export interface ConflictSide {
  /** The value as stored (a parent's id for parent_id), and as a researcher reads it (the parent's path). */
  value: unknown;
  shown: string;
  author: string;
  at: string | null;
  seq: number;
}

export interface FieldConflict {
  /** The later operation's sequence: one conflict per operation, so it names the conflict. */
  id: number;
  codeId: string;
  /** The code's path as it is now ("Shame › Hiding"), or null when it was deleted since. */
  code: string | null;
  field: CodeField;
  /** The value for now: the later one in the server's order. */
  earlier: ConflictSide;
  later: ConflictSide;
  /** How it was settled, null while open; `sent: false` while the choice made here waits for the next sync. */
  resolved: { by: string; value: unknown; shown: string; sent: boolean } | null;
}

interface ConflictRow {
  code_id: string;
  field: CodeField;
  earlier_seq: number;
  earlier_author: string;
  earlier_value: string | null;
  earlier_at: string | null;
  later_seq: number;
  later_author: string;
  later_value: string | null;
  later_at: string | null;
  resolved_seq: number | null;
  resolved_by: string | null;
  resolved_value: string | null;
}

function codePath(db: Db, codeId: string | null): string | null {
  const names: string[] = [];
  for (let id = codeId, depth = 0; id && depth < 64; depth++) {
    const r = db.prepare('SELECT name, parent_id FROM codes WHERE id = ?').get(id) as { name: string; parent_id: string | null } | undefined;
    if (!r) return null;
    names.unshift(r.name);
    id = r.parent_id;
  }
  return names.join(' › ');
}

function shown(db: Db, field: CodeField, value: unknown): string {
  if (field === 'parent_id') return value === null ? '(top level)' : (codePath(db, value as string) ?? '(a deleted code)');
  if (value === null || value === '') return '(empty)';
  return String(value);
}

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

/**
 * The conflicts this replica knows of, oldest first: the open ones; with `all`, then the settled ones (a choice made
 * here and not yet sent included).
 */
export function listConflicts(db: Db, options: { all?: boolean } = {}): FieldConflict[] {
  const rows = db
    .prepare(`SELECT * FROM team_conflicts ${options.all ? '' : 'WHERE resolved_seq IS NULL'} ORDER BY resolved_seq IS NOT NULL, later_seq`)
    .all() as ConflictRow[];
  return rows.map((r) => {
    const side = (p: 'earlier' | 'later'): ConflictSide => {
      const value = parse(r[`${p}_value`]);
      return { value, shown: shown(db, r.field, value), author: r[`${p}_author`], at: r[`${p}_at`], seq: r[`${p}_seq`] };
    };
    const resolvedValue = parse(r.resolved_value);
    return {
      id: r.later_seq,
      codeId: r.code_id,
      code: codePath(db, r.code_id),
      field: r.field,
      earlier: side('earlier'),
      later: side('later'),
      resolved: r.resolved_seq === null ? null : { by: r.resolved_by ?? '', value: resolvedValue, shown: shown(db, r.field, resolvedValue), sent: r.resolved_seq >= 0 },
    };
  });
}

/**
 * The lead's choice: the field takes the chosen side's value as a change of this replica, sent with the next sync
 * as a new operation made knowing both sides, so every replica takes it and settles the conflict. Choosing the value
 * that is already there still sends it: the others must hear that it was chosen.
 */
export function resolveConflict(db: Db, id: number, keep: 'earlier' | 'later', member: string): FieldConflict {
  const r = db.prepare('SELECT * FROM team_conflicts WHERE later_seq = ?').get(id) as ConflictRow | undefined;
  if (!r) throw new DyadError('not-found', `There is no conflict ${id} on this replica: list them with dyad team conflicts.`);
  if (r.resolved_seq !== null && r.resolved_seq >= 0) {
    throw new DyadError('conflict', `Conflict ${id} was already settled by ${r.resolved_by}: the ${fieldName(r.field)} is ${shown(db, r.field, parse(r.resolved_value))}. Nothing was changed.`);
  }
  if (!db.prepare('SELECT 1 FROM codes WHERE id = ?').get(r.code_id)) {
    throw new DyadError('not-found', `The code of conflict ${id} was deleted since; there is nothing to choose. Nothing was changed.`);
  }
  const value = parse(keep === 'earlier' ? r.earlier_value : r.later_value);
  const other = keep === 'earlier' ? r.later_value : r.earlier_value;
  db.transaction(() => {
    if (r.field === 'parent_id') C.moveCode(db, r.code_id, value as string | null);
    else C.updateCode(db, r.code_id, { [r.field]: value } as Parameters<typeof C.updateCode>[2]);
    const lastSeq = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq;
    // Sent as made knowing both sides (seen = now), from the value not chosen: so it goes even when unchanged here.
    const entry = db.prepare("SELECT 1 FROM team_outbox WHERE target = 'codes' AND row_id = ? AND field = ?").get(r.code_id, r.field);
    if (entry) {
      db.prepare("UPDATE team_outbox SET seen = ?, base = ? WHERE target = 'codes' AND row_id = ? AND field = ?").run(lastSeq, other, r.code_id, r.field);
    } else {
      db.prepare("INSERT INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES (?, 'codes', ?, ?, ?, ?)").run(newId(), r.code_id, r.field, other, lastSeq);
    }
    db.prepare('UPDATE team_conflicts SET resolved_seq = -1, resolved_by = ?, resolved_value = ? WHERE code_id = ? AND field = ? AND (resolved_seq IS NULL OR resolved_seq < 0) AND later_seq <= ?').run(
      member,
      json(value),
      r.code_id,
      r.field,
      lastSeq,
    );
  })();
  return listConflicts(db, { all: true }).find((c) => c.id === id)!;
}
