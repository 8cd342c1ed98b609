/**
 * "Take the server's value" for a change the lab server refused (refused.ts): the change is dropped and what it
 * touched here gets the server's state back, so the replica agrees with the team again.
 *
 * The server keeps operations, not rows: the state of a row there is the published project's row followed by every
 * operation on it. The published project is not read (at a lab's scale it is hundreds of MB); the replica recorded
 * each row as it was before the first change not yet sent (team_outbox.base, migrations/0150), which is the
 * published row followed by every operation the replica had received then. So:
 * - a coding, a memo or a code: the server's latest operation on it (a whole row, or its deletion) when there is one;
 *   else the row as it was here before the change (or no row, when the change made it);
 * - a field of a code: the latest operation on that field (or the code's put), else its value before the change;
 * - a removed interview: put back whole as it was (its row, speaker turns, recall moments, session and dyad), the
 *   codings and memos held back with the removal as they were, then every operation of the server since on the
 *   interview, its turns, moments, codings and memos (others' codings made meanwhile, a lead's corrections);
 * - a new interview the server never took: removed here; a correction the server never took: the server's text
 *   (its latest correction, else the text before this one), codings moved by the usual rules.
 * Everything is applied as the team's changes are (nothing goes into the outbox), and a row changed here again since
 * the refusal keeps that newer change, which is still to be sent. The undo history stays; a step touching these rows
 * goes stale (core/coding/undoOutside.ts).
 */
import type pg from 'pg';
import { DyadError } from '../../shared/domain/errors';
import type { CodeField, NewInterview, OpTarget } from '../../shared/labServer/ops';
import { applyOutsideHistory } from '../core/coding/undoOutside';
import type { Db } from '../core/database';
import { removeInterview } from '../core/removeInterview';
import { applyOp } from './apply';
import { connect, connectionError, parseServerUrl } from './connect';
import { parsed } from './refused';
import { requireReplica, setApplying } from './replica';
import { checkProject, toOp, type OpRow } from './sync';

interface RefusedRow {
  op_id: string;
  target: OpTarget;
  row_id: string;
  field: string;
  what: string;
  base: string | null;
  after: string | null;
  seen: number | null;
  part_of: string | null;
}

export interface Discarded {
  /** The refused changes dropped, as listed. */
  changes: { id: string; what: string }[];
}

const OP_COLUMNS = 'seq, op_id, author, target, row_id, kind, owner, payload, recorded_at';

/** The refused changes asked for, each with the deletions held back with it. */
function chosen(db: Db, file: string, which: { change?: string; all?: boolean }): { change: RefusedRow; parts: RefusedRow[] }[] {
  const all = db.prepare('SELECT * FROM team_refused ORDER BY refused_at, rowid').all() as RefusedRow[];
  const heads = all.filter((r) => r.part_of === null && (which.all || r.op_id === which.change));
  if (!which.all && !heads.length) {
    throw new DyadError('not-found', `${file} has no refused change ${which.change ?? ''}; \`dyad team refused ${file}\` lists them with their ids. Nothing was changed.`);
  }
  return heads.map((change) => ({ change, parts: all.filter((r) => r.part_of === change.op_id) }));
}

/** The server's operations on these rows, in its order. */
async function opsOn(client: pg.Client, schema: string, rows: { target: string; row_id: string }[]): Promise<OpRow[]> {
  if (!rows.length) return [];
  const r = await client.query(
    `SELECT ${OP_COLUMNS} FROM ${schema}.ops o JOIN unnest($1::text[], $2::text[]) AS w(target, row_id) USING (target, row_id) ORDER BY seq`,
    [rows.map((x) => x.target), rows.map((x) => x.row_id)],
  );
  return r.rows as OpRow[];
}

/** Everything the server recorded since `seen` on one interview: its text, turns, moments, codings, memos on it. */
async function opsOnInterviewSince(client: pg.Client, schema: string, interviewId: string, seen: number): Promise<OpRow[]> {
  const r = await client.query(
    `SELECT ${OP_COLUMNS} FROM ${schema}.ops WHERE seq > $2 AND (
       (target = 'interviews' AND row_id = $1)
       OR (target IN ('turns', 'moments', 'codings') AND payload -> 'row' ->> 'interview_id' = $1)
       OR (target = 'memos' AND payload -> 'row' ->> 'target_kind' = 'interview' AND payload -> 'row' ->> 'target_id' = $1)
     ) ORDER BY seq`,
    [interviewId, seen],
  );
  return r.rows as OpRow[];
}

const latest = (ops: OpRow[], target: string, rowId: string) => ops.filter((o) => o.target === target && o.row_id === rowId).at(-1);

/** A coding's, memo's or code's row as the server has it: its latest operation, else the row before the change. */
function restoreRow(db: Db, r: RefusedRow, ops: OpRow[]): void {
  const target = r.target as Exclude<OpTarget, 'interviews'>;
  if (target === 'codes') {
    // Field by field, in the server's order, from the code as it was before the change.
    let row = r.base === null ? undefined : (parsed(r.base) as Record<string, unknown> | null);
    for (const o of ops.filter((x) => x.target === 'codes' && x.row_id === r.row_id)) {
      const op = toOp(o);
      if (op.kind === 'put') row = { ...op.row };
      else if (op.kind === 'delete') row = null;
      else if (op.kind === 'set' && row) row = { ...row, [op.field]: op.value };
    }
    if (row === undefined) return;
    applyOp(db, row === null ? { kind: 'delete', target, rowId: r.row_id, owner: null } : { kind: 'put', target, rowId: r.row_id, row });
    return;
  }
  const last = latest(ops, target, r.row_id);
  if (last) {
    applyOp(db, toOp(last));
    return;
  }
  if (r.base === null) return;
  const row = parsed(r.base) as Record<string, unknown> | null;
  applyOp(db, row === null ? { kind: 'delete', target, rowId: r.row_id, owner: null } : { kind: 'put', target, rowId: r.row_id, row });
}

/** One field of a code as the server has it. */
function restoreField(db: Db, r: RefusedRow, ops: OpRow[]): void {
  const field = r.field as CodeField;
  let value: unknown = r.base === null ? undefined : parsed(r.base);
  for (const o of ops.filter((x) => x.target === 'codes' && x.row_id === r.row_id)) {
    const op = toOp(o);
    if (op.kind === 'put' && op.target === 'codes') value = op.row[field];
    else if (op.kind === 'set' && op.field === field) value = op.value;
  }
  if (value !== undefined) applyOp(db, { kind: 'set', target: 'codes', rowId: r.row_id, field, value });
}

/** The removed interview back as it was, with what was held back with it; the server's later operations follow. */
function restoreInterview(db: Db, r: RefusedRow, parts: RefusedRow[], ops: OpRow[], since: OpRow[]): void {
  const was = r.base === null ? null : (parsed(r.base) as Record<string, unknown>);
  if (was && !db.prepare('SELECT 1 FROM interviews WHERE id = ?').get(r.row_id)) {
    const row: NewInterview = {
      dyad: parsed(was.dyad) as Record<string, unknown>,
      session: parsed(was.session) as Record<string, unknown>,
      interview: parsed(was.interview) as Record<string, unknown>,
      turns: parsed(was.turns) as Record<string, unknown>[],
      moments: parsed(was.moments) as Record<string, unknown>[],
    };
    applyOp(db, { kind: 'put', target: 'interviews', rowId: r.row_id, row });
  }
  // Codings before the memos on them.
  for (const p of [...parts].sort((a, b) => a.target.localeCompare(b.target))) restoreRow(db, p, ops);
  for (const o of since) applyOp(db, toOp(o));
}

/** A correction or a new interview the server never took: the server's text, or no interview. */
function restoreTranscript(db: Db, r: RefusedRow, ops: OpRow[]): void {
  const mine = ops.filter((o) => o.target === 'interviews' && o.row_id === r.row_id);
  if (r.field === '*') {
    if (!mine.some((o) => o.kind === 'put') && db.prepare('SELECT 1 FROM interviews WHERE id = ?').get(r.row_id)) removeInterview(db, r.row_id);
    return;
  }
  const last = mine.at(-1);
  const text = last ? (last.kind === 'text' ? (last.payload.text as string) : ((last.payload.row as NewInterview).interview.text as string)) : r.base;
  if (typeof text === 'string') applyOp(db, { kind: 'text', target: 'interviews', rowId: r.row_id, text });
}

/**
 * `dyad team discard FILE --change ID | --all`: drops refused changes and takes the server's state back for what
 * they touched. Reads the server (nothing is sent); the replica changes in one transaction.
 */
export async function discardRefused(db: Db, file: string, secretUrl: string, which: { change?: string; all?: boolean }): Promise<Discarded> {
  const replica = requireReplica(db, file);
  if (!which.all && !which.change) throw new DyadError('invalid-input', `Name the refused change to take back (its id, as \`dyad team refused ${file}\` lists it), or all of them.`);
  const picked = chosen(db, file, which);
  if (!picked.length) return { changes: [] };
  const url = parseServerUrl(secretUrl);
  const client = await connect(url);
  let ops: OpRow[];
  const since = new Map<string, OpRow[]>();
  try {
    await checkProject(client, replica, url);
    const rows = picked.flatMap(({ change, parts }) => [change, ...parts]);
    ops = await opsOn(client, replica.schema, rows);
    for (const { change } of picked) {
      if (change.target === 'interviews' && change.field === 'removed') since.set(change.op_id, await opsOnInterviewSince(client, replica.schema, change.row_id, change.seen ?? 0));
    }
  } catch (e) {
    throw e instanceof DyadError ? e : connectionError(e, url);
  } finally {
    await client.end().catch(() => {});
  }
  db.transaction(() => {
    setApplying(db, true);
    applyOutsideHistory(db, () => {
      for (const { change, parts } of picked) {
        if (change.target === 'interviews' && change.field === 'removed') restoreInterview(db, change, parts, ops, since.get(change.op_id)!);
        else if (change.target === 'interviews') restoreTranscript(db, change, ops);
        else if (change.target === 'codes' && change.field !== '*') restoreField(db, change, ops);
        else restoreRow(db, change, ops);
      }
    });
    const drop = db.prepare('DELETE FROM team_refused WHERE op_id = ? OR part_of = ?');
    for (const { change } of picked) drop.run(change.op_id, change.op_id);
    setApplying(db, false);
  })();
  return { changes: picked.map(({ change }) => ({ id: change.op_id, what: change.what })) };
}
