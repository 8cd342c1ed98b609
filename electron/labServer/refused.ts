/**
 * Operations the lab server refused for good (migrations/0140): which failures are final, and what this replica
 * keeps of them. A push skips past them (sync.ts) so that one refused change never holds back the ones after it;
 * a failure that may pass (the connection lost, the server shutting down, a lock timeout) is not one of these:
 * the push fails, the outbox stays as it was, and the next sync sends the same operations in the same order.
 */
import type { Db } from '../core/database';
import { now } from '../core/ids';

export interface RefusedOp {
  opId: string;
  target: string;
  rowId: string;
  field: string;
  what: string;
  reason: string;
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
  const insert = db.prepare('INSERT OR REPLACE INTO team_refused (op_id, target, row_id, field, what, reason, refused_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of refused) insert.run(r.opId, r.target, r.rowId, r.field, r.what, r.reason, at);
}

export interface RefusedSummary {
  count: number;
  /** The latest ones, newest first (at most 20). */
  latest: { what: string; reason: string; at: string }[];
}

export function refusedSummary(db: Db): RefusedSummary {
  const count = (db.prepare('SELECT count(*) AS n FROM team_refused').get() as { n: number }).n;
  const latest = db.prepare('SELECT what, reason, refused_at AS at FROM team_refused ORDER BY refused_at DESC, rowid DESC LIMIT 20').all() as RefusedSummary['latest'];
  return { count, latest };
}
