/**
 * Changes made from outside the undo history that keep it: another member's changes received from the lab server
 * (electron/labServer/sync.ts), or the server's state taken back for a refused change. A researcher's own steps stay
 * undoable after them; only a step whose rows those changes touched since becomes stale (undo_steps.stale,
 * migrations/0150), because replaying it would write its old rows over what someone else did: undo never takes back
 * another member's work. Undoing a stale step is refused with the reason, and the project is left as it was.
 *
 * How the touched rows are known: while the changes are applied, a scratch step records them with the same triggers
 * as any step (so no write counts as "outside the history", which would clear it), then the scratch step's
 * statements are compared with each step's and the scratch step goes. A step is stale when
 * - it changed, added or removed a row the changes also changed, added or removed (the same coding, code, memo,
 *   transcript…);
 * - undoing it would delete a row (one it added) that a row the changes wrote now refers to (another member's
 *   coding with a code this lead made, which the delete would take with it);
 * - undoing it would write back a reference to a row the changes removed.
 */
import { DyadError } from '../../../shared/api/errors';
import type { Db } from '../database';
import { now } from '../ids';
import { cachedStatement } from '../statements';
import { redo as redoStep, undo as undoStep } from './undo';
import { recordingStep } from './undoStructure';

/** What one statement of the undo log does to which row when replayed. */
interface LoggedRow {
  table: string;
  /** The row's id (a project setting's key); null for a range of codings' rowids. */
  id: string | null;
  /** Replaying it deletes the row (the step added it). */
  removes: boolean;
  /** Its rowid, when the statement names one (a deleted row written back), or a range of them. */
  rowids?: [number, number];
}

const QUOTED = String.raw`'((?:[^']|'')*)'`;
const INSERT = new RegExp(String.raw`^INSERT INTO (\w+) \(rowid, [^)]*\) VALUES \(\(SELECT CASE WHEN EXISTS \(SELECT 1 FROM \w+ WHERE rowid = (\d+)\) THEN NULL ELSE \d+ END\), ${QUOTED}`);
const DELETE = new RegExp(`^DELETE FROM (\\w+) WHERE (?:id|key) = ${QUOTED}$`);
const DELETE_RANGE = /^DELETE FROM (codings) WHERE rowid BETWEEN (\d+) AND (\d+)$/;
const UPDATE = /^UPDATE (\w+) SET [\s\S]* WHERE id = '([^']*)'(?: AND [\s\S]*)?$/;
const LITERALS = new RegExp(QUOTED, 'g');
const unquote = (q: string) => q.replaceAll("''", "'");

function loggedRow(sql: string): LoggedRow | null {
  let m = INSERT.exec(sql);
  if (m) return { table: m[1]!, id: unquote(m[3]!), removes: false, rowids: [Number(m[2]), Number(m[2])] };
  m = DELETE.exec(sql);
  if (m) return { table: m[1]!, id: unquote(m[2]!), removes: true };
  m = DELETE_RANGE.exec(sql);
  if (m) return { table: m[1]!, id: null, removes: true, rowids: [Number(m[2]), Number(m[3])] };
  m = UPDATE.exec(sql);
  if (m) return { table: m[1]!, id: m[2]!, removes: false };
  return null;
}

/** The researcher's word for a row of each table, for the reason a step is stale. */
const NOUN: Record<string, string> = {
  codebooks: 'codebook',
  codes: 'code',
  codings: 'coding',
  memos: 'memo',
  interviews: 'transcript',
  turns: 'transcript',
  moments: 'recall moment',
  dyads: 'dyad',
  sessions: 'session',
  coders: 'coder',
};
const nounOf = (table: string) => NOUN[table] ?? 'row';

/** The rows a row refers to, as they are now (a coding's code and interview, a code's parent, a memo's target). */
const REFERENCES: Record<string, string> = {
  codings: 'SELECT code_id AS a, interview_id AS b FROM codings WHERE id = ?',
  codes: 'SELECT parent_id AS a, codebook_id AS b FROM codes WHERE id = ?',
  memos: 'SELECT target_id AS a, NULL AS b FROM memos WHERE id = ?',
};

interface Touched {
  rows: Map<string, string>;
  /** Ids of rows removed, and what they were. */
  removed: Map<string, string>;
  /** Ids the rows written now refer to. */
  referenced: Set<string>;
  /** Rowids of codings written or removed. */
  codingRowids: number[];
}

function touchedBy(db: Db, step: number): Touched {
  const t: Touched = { rows: new Map(), removed: new Map(), referenced: new Set(), codingRowids: [] };
  const sqls = db.prepare('SELECT sql FROM undo_log WHERE step_id = ?').pluck().all(step) as string[];
  for (const sql of sqls) {
    const r = loggedRow(sql);
    if (!r || r.id === null) continue;
    t.rows.set(`${r.table}\u0000${r.id}`, r.table);
    // Its inverse writes the row back: these changes removed it.
    if (sql.startsWith('INSERT')) t.removed.set(r.id, r.table);
    if (r.table === 'codings' && r.rowids) t.codingRowids.push(r.rowids[0]);
    const refs = REFERENCES[r.table];
    if (!refs || t.removed.has(r.id)) continue;
    const row = cachedStatement(db, refs).pluck(false).get(r.id) as { a: string | null; b: string | null } | undefined;
    if (row?.a) t.referenced.add(row.a);
    if (row?.b) t.referenced.add(row.b);
  }
  for (const key of t.rows.keys()) {
    const [table, id] = key.split('\u0000') as [string, string];
    if (table !== 'codings') continue;
    const rowid = cachedStatement(db, 'SELECT rowid FROM codings WHERE id = ?').pluck().get(id) as number | undefined;
    if (rowid !== undefined) t.codingRowids.push(rowid);
  }
  return t;
}

/** Why replaying this statement would undo or overwrite what the changes did; null when it would not. */
function conflict(sql: string, t: Touched): string | null {
  const r = loggedRow(sql);
  if (r?.id != null) {
    const table = t.rows.get(`${r.table}\u0000${r.id}`);
    if (table) return `a change from the lab server to the same ${nounOf(table)} arrived since`;
    if (r.removes && t.referenced.has(r.id)) return `a change from the lab server now relies on the ${nounOf(r.table)} it made`;
  }
  if (r?.id === null && r.rowids) {
    const [from, to] = r.rowids;
    if (t.codingRowids.some((x) => x >= from && x <= to)) return 'a change from the lab server to the same coding arrived since';
  }
  if (!r?.removes && t.removed.size) {
    for (const m of sql.matchAll(LITERALS)) {
      const table = t.removed.get(unquote(m[1]!));
      if (table) return `a change from the lab server removed the ${nounOf(table)} it refers to`;
    }
  }
  return null;
}

function markStale(db: Db, scratch: number): void {
  const t = touchedBy(db, scratch);
  if (!t.rows.size) return;
  const steps = db.prepare('SELECT id FROM undo_steps WHERE id <> ? AND stale IS NULL').pluck().all(scratch) as number[];
  const logOf = db.prepare('SELECT sql FROM undo_log WHERE step_id = ?').pluck();
  const mark = db.prepare('UPDATE undo_steps SET stale = ? WHERE id = ?');
  for (const step of steps) {
    for (const sql of logOf.all(step) as string[]) {
      const why = conflict(sql, t);
      if (!why) continue;
      mark.run(why, step);
      break;
    }
  }
}

const dropStep = (db: Db, id: number) => {
  db.prepare('DELETE FROM undo_log WHERE step_id = ?').run(id);
  db.prepare('DELETE FROM undo_steps WHERE id = ?').run(id);
};

/**
 * Runs `apply` (writes from outside the history) so that the undo history outlives it; steps it made stale are
 * marked. Runs in a transaction (the caller's, when there is one).
 */
export function applyOutsideHistory<T>(db: Db, apply: () => T): T {
  return db.transaction(() => {
    if (recordingStep(db) !== null) throw new DyadError('internal', 'changes from outside the undo history were applied inside an undo step');
    const hasHistory = db.prepare('SELECT 1 FROM undo_steps LIMIT 1').get() !== undefined;
    if (!hasHistory) {
      // Nothing to keep: applied unrecorded, and a step an operation opened for itself is not the researcher's.
      const result = apply();
      db.prepare('DELETE FROM undo_log').run();
      db.prepare('DELETE FROM undo_steps').run();
      return result;
    }
    const scratch = Number(db.prepare("INSERT INTO undo_steps (stack, label, created_at) VALUES ('undo', 'changes from outside the history', ?)").run(now()).lastInsertRowid);
    db.prepare('UPDATE undo_state SET recording = ?').run(scratch);
    let result: T;
    try {
      result = apply();
    } finally {
      db.prepare('UPDATE undo_state SET recording = NULL').run();
    }
    markStale(db, scratch);
    dropStep(db, scratch);
    return result;
  })();
}

type Stack = 'undo' | 'redo';

/**
 * A stale step at the top of `stack` is refused with its reason; it goes, with the steps behind it (older ones,
 * which cannot be reached without replaying it).
 */
function refuseStale(db: Db, stack: Stack): void {
  const top = db.prepare('SELECT id, label, stale FROM undo_steps WHERE stack = ? ORDER BY id DESC LIMIT 1').get(stack) as
    | { id: number; label: string; stale: string | null }
    | undefined;
  if (!top?.stale) return;
  const behind = db.transaction(() => {
    const ids = db.prepare('SELECT id FROM undo_steps WHERE stack = ? AND id <= ?').pluck().all(stack, top.id) as number[];
    ids.forEach((id) => dropStep(db, id));
    return ids.length - 1;
  })();
  throw new DyadError(
    'conflict',
    `Cannot ${stack} "${top.label}": ${top.stale}, and ${stack === 'undo' ? 'undoing' : 'redoing'} it could take back another member's work. ` +
      `The project was left as it was${behind ? `; the ${behind} earlier step${behind === 1 ? '' : 's'} behind it can no longer be ${stack === 'undo' ? 'undone' : 'redone'} either` : ''}.`,
  );
}

/** Undoes the latest step, unless the team's changes made it stale (then says why, and changes nothing). */
export function undo(db: Db): string | null {
  refuseStale(db, 'undo');
  return undoStep(db);
}

/** Redoes the latest undone step, unless the team's changes made it stale. */
export function redo(db: Db): string | null {
  refuseStale(db, 'redo');
  return redoStep(db);
}
