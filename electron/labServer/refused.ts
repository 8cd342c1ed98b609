/**
 * Operations the lab server refused for good (migrations/0140): which failures are final, and what this replica
 * keeps of them. A push skips past them (sync.ts) so that one refused change never holds back the ones after it;
 * a failure that may pass (the connection lost, the server shutting down, a lock timeout) is not one of these:
 * the push fails, the outbox stays as it was, and the next sync sends the same operations in the same order.
 */
import type { Op } from '../../shared/labServer/ops';
import type { Db } from '../core/database';
import { now } from '../core/ids';

export interface RefusedOp {
  opId: string;
  target: string;
  rowId: string;
  field: string;
  what: string;
  reason: string;
  /** The outbox entry's record of the row before the change and the sequence pulled then (migrations/0150). */
  base?: string | null;
  /**
   * A correction: the text after it. A row ('*'): the row the refused operation carried, or for a deletion the row as
   * it was when deleted (migrations/0160), so that taking the server's value back touches only what was refused.
   */
  after?: string | null;
  seen?: number | null;
  /** The refused change this one is held back with (a coding's deletion caused by a refused removal of its interview). */
  partOf?: string;
}

/** What push needs of an outbox entry to tell whether a deletion went with an interview's removal. */
interface Entry {
  opId: string;
  target: string;
  rowId: string;
  base: string | null;
  after: string | null;
}

/** A JSON value SQLite may hand back as text (a json_object read through a subquery loses its JSON subtype). */
export const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The deletions of codings and memos that removing `interviewId` here caused, among the operations about to be
 * sent: a refused removal holds them back (they are never sent), or the codings would vanish on the server while
 * the interview stays. A memo on one of those codings goes with them.
 */
export function deletionsOfRemoved(interviewId: string, candidates: { opId: string; deletion: boolean }[], entryOf: Map<string, Entry>): string[] {
  const held: string[] = [];
  const codings = new Set<string>();
  // The row as it was when deleted (migrations/0160), else before the first change not sent: a coding made here and
  // never sent has no row before it, and its deletion by the removal is held back as well.
  const rowOf = (opId: string) => {
    const e = entryOf.get(opId);
    const row = e?.after ?? e?.base;
    return row ? (parsed(row) as Record<string, unknown> | null) : null;
  };
  for (const c of candidates) {
    const e = entryOf.get(c.opId);
    if (!c.deletion || e?.target !== 'codings' || rowOf(c.opId)?.interview_id !== interviewId) continue;
    held.push(c.opId);
    codings.add(e.rowId);
  }
  for (const c of candidates) {
    const row = c.deletion && entryOf.get(c.opId)?.target === 'memos' ? rowOf(c.opId) : null;
    if (!row) continue;
    if ((row.target_kind === 'interview' && row.target_id === interviewId) || (row.target_kind === 'coding' && codings.has(row.target_id as string))) held.push(c.opId);
  }
  return held;
}

/** A change whose refusal holds back others: a removal of an interview, a correction of one (both a lead's alone). */
export const holdsBack = (op: Op): boolean => op.target === 'interviews' && (op.kind === 'delete' || op.kind === 'text');

/**
 * The codings of `interviewId` among the operations about to be sent: a refused correction holds them back, as they
 * are placed on its text (moved by it, or made on it), which the server does not have.
 */
const codingsOnText = (interviewId: string, candidates: readonly { opId: string; op: Op }[]): string[] =>
  candidates.filter(({ op }) => op.kind === 'put' && op.target === 'codings' && op.row.interview_id === interviewId).map((o) => o.opId);

/**
 * Takes out of `ops` what each refused removal or correction of an interview caused (`refuse` keeps each as part of
 * it) and returns the rest, in order: a removal's deletions of codings and memos, a correction's codings. Another
 * coder's coding goes with it too: refused on its own, it would be taken back apart from its interview (before the
 * interview is back, or on a text the server does not have).
 */
export function holdBack<T extends { opId: string; op: Op }>(
  heads: readonly { opId: string; op: Op }[],
  ops: readonly T[],
  entryOf: Map<string, Entry>,
  refuse: (o: T, reason: string, partOf: string) => void,
): T[] {
  let rest = [...ops];
  for (const head of heads) {
    const correction = head.op.kind === 'text';
    const held = new Set(
      correction
        ? codingsOnText(head.op.rowId, rest)
        : deletionsOfRemoved(head.op.rowId, rest.map((o) => ({ opId: o.opId, deletion: o.op.kind === 'delete' })), entryOf),
    );
    if (!held.size) continue;
    const reason = correction ? 'held back with the refused correction of its transcript' : 'held back with the refused removal of its interview';
    for (const o of rest) if (held.has(o.opId)) refuse(o, reason, head.opId);
    rest = rest.filter((o) => !held.has(o.opId));
  }
  return rest;
}

/**
 * A server error that sending the same operation again cannot change: a right the member lacks (class 42: 42501
 * from the server's own check), a constraint (23) or a value PostgreSQL cannot store (22: a NUL character in a
 * memo's text, say). Connection failures carry no SQLSTATE, or one of the classes 08, 40, 53, 55, 57: retried.
 */
export function isFinalRefusal(e: unknown): e is { code: string; message: string } {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^(42|23|22)[0-9A-Z]{3}$/.test(code);
}

/** The server's reason, in its words without Dyad's own prefix. */
export const reasonOf = (e: { message: string }): string => e.message.replace(/^dyad: /, '');

/** Keeps the refused operations, in the transaction that takes their entries out of the outbox. */
export function recordRefused(db: Db, refused: RefusedOp[]): void {
  const at = now();
  const insert = db.prepare(
    'INSERT OR REPLACE INTO team_refused (op_id, target, row_id, field, what, reason, refused_at, base, after, seen, part_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of refused) insert.run(r.opId, r.target, r.rowId, r.field, r.what, r.reason, at, r.base ?? null, r.after ?? null, r.seen ?? null, r.partOf ?? null);
}

export interface RefusedChange {
  /** Its operation id: what `dyad team discard --change` and the Lab server page's button name it by. */
  id: string;
  what: string;
  reason: string;
  at: string;
}

export interface RefusedSummary {
  count: number;
  /** The latest ones, newest first (at most 20). */
  latest: RefusedChange[];
}

/** The refused changes, not the deletions held back with one (they are part of it). */
export function refusedSummary(db: Db): RefusedSummary {
  const count = (db.prepare('SELECT count(*) AS n FROM team_refused WHERE part_of IS NULL').get() as { n: number }).n;
  const latest = db
    .prepare('SELECT op_id AS id, what, reason, refused_at AS at FROM team_refused WHERE part_of IS NULL ORDER BY refused_at DESC, rowid DESC LIMIT 20')
    .all() as RefusedSummary['latest'];
  return { count, latest };
}

/** Every refused change, oldest first, with how many deletions were held back with each (`dyad team refused`). */
export function refusedChanges(db: Db): (RefusedChange & { heldBack: number })[] {
  return db
    .prepare(
      `SELECT r.op_id AS id, r.what, r.reason, r.refused_at AS at, (SELECT count(*) FROM team_refused p WHERE p.part_of = r.op_id) AS heldBack
       FROM team_refused r WHERE r.part_of IS NULL ORDER BY r.refused_at, r.rowid`,
    )
    .all() as (RefusedChange & { heldBack: number })[];
}
