/**
 * "Take the server's value" for a change the lab server refused (refused.ts): the change is dropped and what it
 * touched here gets the server's state back, so the replica agrees with the team again.
 *
 * The server keeps operations, not rows: the state of a row there is the published project's row followed by every
 * operation on it. The published project is not read (at a lab's scale it is hundreds of MB); the replica recorded
 * each row as it was before the first change not yet sent (team_outbox.base, migrations/0150 and 0160), which is the
 * published row followed by every operation the replica had received then, and the refused change keeps the row it
 * carried (team_refused.after). So:
 * - a coding, memo, code, codebook, coder, speaker turn or recall moment made or deleted here: the server's latest
 *   operation on it (a whole row, or its deletion; a code's fields one by one in the server's order) when there is
 *   one, else the row as it was here before the change (or no row, when the change made it);
 * - a change of some fields of such a row (a codebook's name, a turn's or moment's place, a coding's span): those
 *   fields alone take the server's value, so a field nobody refused keeps its own;
 * - a field of a code: the latest operation on that field (or the code's put), else its value before the change;
 * - a removed interview: put back whole as it was (its row, speaker turns, recall moments, session and dyad), the
 *   codings and memos held back with the removal as the server has them, or, made here and never sent, as they were
 *   when removed and waiting to be sent again; then every operation of the server since on the interview, its turns,
 *   moments, codings and memos (others' codings made meanwhile, a lead's corrections);
 * - a new interview the server never took: removed here; a correction the server never took: the server's text
 *   (its latest correction, else the text before this one), codings moved by the usual rules; the turns and moments
 *   it moved (refused with it) by the rules above, and the codings held back with it (placed on its text) as the
 *   server has them, or, made here and never sent, where the text taken back moved them, waiting to be sent.
 * Everything is applied as the team's changes are (nothing goes into the outbox, but the rows held back that were
 * never sent), and a row or field changed here again since the refusal keeps that newer change, which is still
 * to be sent. The rows are compared as they were before anything is put back. A row that another still refers to
 * waits until that one is put back (a coder added here goes after their codings). The undo history stays; a step
 * touching these rows goes stale (core/coding/undoOutside.ts).
 */
import type pg from 'pg';
import { DyadError } from '../../shared/domain/errors';
import type { CodeField, NewInterview, OpTarget } from '../../shared/labServer/ops';
import { applyOutsideHistory } from '../core/coding/undoOutside';
import type { Db } from '../core/database';
import { newId } from '../core/ids';
import { reindexInterviewTurns } from '../core/coding/searchIndex';
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

type Row = Record<string, unknown>;
const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null;
const sameValue = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * A row as the server has it: its latest operation (a whole row, or its deletion), else the row as it was here before
 * the change (null: it did not exist). A code field by field, in the server's order, from the code before the change.
 * Undefined when neither is known (a change recorded before migrations/0160 kept no row of a codebook, coder, turn or
 * moment).
 */
function serverRow(r: RefusedRow, ops: OpRow[]): Row | null | undefined {
  let row = r.base === null ? undefined : (parsed(r.base) as Row | null);
  if (r.target !== 'codes') {
    const last = latest(ops, r.target, r.row_id);
    return last ? (last.kind === 'put' ? (last.payload.row as Row) : null) : row;
  }
  for (const o of ops.filter((x) => x.target === 'codes' && x.row_id === r.row_id)) {
    const op = toOp(o);
    if (op.kind === 'put') row = { ...op.row };
    else if (op.kind === 'delete') row = null;
    else if (op.kind === 'set' && row) row = { ...row, [op.field]: op.value };
  }
  return row;
}

/**
 * A row the server refused a change of. A change of some of its fields (a codebook's or coder's name, a speaker
 * turn's or recall moment's place, a coding's span) gives back the server's value of those fields alone, but where
 * they were changed here again since (the row waits to be sent): a field nobody refused keeps its value. A row made or deleted here comes back as the
 * server has it, whole (or goes); a row changed again here since keeps that change (applyOp leaves a row waiting to
 * be sent as it is).
 */
function restoreRow(db: Db, r: RefusedRow, ops: OpRow[], here: Row | undefined): void {
  const target = r.target as Exclude<OpTarget, 'interviews'>;
  const server = serverRow(r, ops);
  if (server === undefined) return;
  const before = r.base === null ? null : parsed(r.base);
  const refused = r.after === null ? null : parsed(r.after);
  if (here && server && isRow(before) && isRow(refused) && db.prepare(`SELECT 1 FROM ${target} WHERE id = ?`).get(r.row_id)) {
    // Changed again here since, and waiting to be sent: those fields keep the newer value. Changed by the team's
    // operations since (an arriving correction moves turns): the server's value, which those operations are part of.
    const waiting = !!db.prepare("SELECT 1 FROM team_outbox WHERE target = ? AND row_id = ? AND field = '*'").get(target, r.row_id);
    const fields = Object.keys(refused).filter((f) => f in before && f in server && !sameValue(refused[f], before[f]) && (!waiting || sameValue(here[f], refused[f])));
    if (!fields.length) return;
    db.prepare(`UPDATE ${target} SET ${fields.map((f) => `"${f}" = ?`).join(', ')} WHERE id = ?`).run(...fields.map((f) => server[f] as string | number | null), r.row_id);
    if (target === 'turns') reindexInterviewTurns(db, here.interview_id as string);
    return;
  }
  applyOp(db, server === null ? { kind: 'delete', target, rowId: r.row_id, owner: null } : { kind: 'put', target, rowId: r.row_id, row: server });
}

/** A row made here and never sent: it waits to be sent, as any change of this replica's (team_outbox). */
function sendLater(db: Db, target: string, rowId: string): void {
  db.prepare("INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES (?, ?, ?, '*', 'null', (SELECT last_seq FROM team_replica))").run(newId(), target, rowId);
}

/**
 * A coding or memo held back with a refused removal or correction that the server never had (made here, not sent):
 * back as it was when the removal took it, or as the correction taken back left it, and waiting to be sent.
 */
function restoreUnsent(db: Db, r: RefusedRow, ops: OpRow[]): boolean {
  if (r.base === null || parsed(r.base) !== null || latest(ops, r.target, r.row_id)) return false;
  const row = r.after === null ? null : parsed(r.after);
  const there = () => !!db.prepare(`SELECT 1 FROM ${r.target} WHERE id = ?`).get(r.row_id);
  if (!there() && isRow(row)) {
    const cols = Object.keys(row);
    db.prepare(`INSERT OR IGNORE INTO ${r.target} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...cols.map((c) => row[c] as string | number | null),
    );
  }
  if (there()) sendLater(db, r.target, r.row_id);
  return true;
}

/** What was held back with a refused change, codings before the memos on them. */
function restoreParts(db: Db, parts: RefusedRow[], ops: OpRow[], here: RowsHere): void {
  for (const p of [...parts].sort((a, b) => a.target.localeCompare(b.target))) if (!restoreUnsent(db, p, ops)) restoreRow(db, p, ops, here.get(p));
}

type RowsHere = Map<RefusedRow, Row | undefined>;

/** Each refused row as this replica has it now (the interviews and their corrections aside). */
function rowsHere(db: Db, rows: RefusedRow[]): RowsHere {
  return new Map(rows.filter((r) => r.target !== 'interviews').map((r) => [r, db.prepare(`SELECT * FROM ${r.target} WHERE id = ?`).get(r.row_id) as Row | undefined]));
}

/** Runs `write` in a savepoint: false, undone, when it breaks a constraint (a row still referred to). */
function tried(db: Db, write: () => void): boolean {
  try {
    db.transaction(write)();
    return true;
  } catch (e) {
    if (String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) return false;
    throw e;
  }
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
function restoreInterview(db: Db, r: RefusedRow, parts: RefusedRow[], ops: OpRow[], since: OpRow[], here: RowsHere): void {
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
  restoreParts(db, parts, ops, here);
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
  const restore = ({ change, parts }: (typeof picked)[number], here: RowsHere) => {
    if (change.target === 'interviews' && change.field === 'removed') restoreInterview(db, change, parts, ops, since.get(change.op_id)!, here);
    else if (change.target === 'interviews') {
      restoreTranscript(db, change, ops);
      // The codings it moved or that were made on its text: as the server has them, or, never sent, moved back with it.
      restoreParts(db, parts, ops, here);
    }
    else if (change.target === 'codes' && change.field !== '*') restoreField(db, change, ops);
    else restoreRow(db, change, ops, here.get(change));
  };
  db.transaction(() => {
    setApplying(db, true);
    applyOutsideHistory(db, () => {
      // The rows as they are before anything is put back: a correction taken back moves turns, moments and codings.
      const here = rowsHere(db, picked.flatMap(({ change, parts }) => [change, ...parts]));
      // A row deleted while another still refers to it (a coder added here, before that coder's codings go) waits for
      // the others and is tried again; what still cannot be put back fails the whole discard, nothing changed.
      let todo = picked;
      while (todo.length) {
        const failed = todo.filter((x) => !tried(db, () => restore(x, here)));
        if (failed.length === todo.length) restore(failed[0]!, here);
        todo = failed;
      }
    });
    const drop = db.prepare('DELETE FROM team_refused WHERE op_id = ? OR part_of = ?');
    for (const { change } of picked) drop.run(change.op_id, change.op_id);
    setApplying(db, false);
  })();
  return { changes: picked.map(({ change }) => ({ id: change.op_id, what: change.what })) };
}
