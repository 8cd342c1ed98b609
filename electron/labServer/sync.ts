/**
 * Syncing a replica with the lab server: pull the others' operations in the server's order, then push this
 * replica's outbox; repeat when someone pushed in between.
 *
 * Why it survives being interrupted anywhere (kill -9, a reset connection):
 * - a pull applies a batch of operations and records the last sequence pulled in ONE SQLite transaction: it either
 *   happened with its sequence number, or not at all;
 * - a push is one PostgreSQL transaction that first takes the project's lock and checks that nobody pushed since
 *   this replica's last pull (otherwise it pulls first: every operation is pushed on top of everything before it
 *   in the order of record); operation ids are stable and the server ignores one it has (ON CONFLICT DO NOTHING);
 * - when a push was recorded on the server but the replica died before noting it, the next pull meets this
 *   member's own operations: they are not applied again (this replica already has them, or something newer) and
 *   their outbox entries are removed in the same transaction that moves the sequence on.
 */
import type pg from 'pg';
import { DyadError } from '../../shared/domain/errors';
import { describeOp, refusal, type NewInterview, type Op, type OpTarget } from '../../shared/labServer/ops';
import { applyOutsideHistory } from '../core/coding/undoOutside';
import type { Db } from '../core/database';
import { now } from '../core/ids';
import { applyOp } from './apply';
import { republishIfDue } from './base';
import { codingsAfterCorrections } from './codingsAfterCorrections';
import { noteFieldChange, reopenUnsentChoices } from './conflicts';
import { dropEmptyUncategorised, forgetUncategorisedFields, noteArrived } from './deletedCodes';
import { connect, connectionError, parseServerUrl, type ServerUrl } from './connect';
import { outbox, opOf, pendingCount, requireReplica, setApplying, type ReplicaState } from './replica';
import { holdBack, holdsBack, isFinalRefusal, reasonOf, recordRefused, type RefusedOp } from './refused';
import { assertServerVersion, LATEST_SERVER_VERSION, upgradeIfOwner } from './serverSchema';
import { stmt } from './statements';

/** Where a test may interrupt a sync (it throws there), to check that the next sync resumes cleanly. */
export type SyncPoint = 'mid-pull' | 'before-push-commit' | 'after-push-commit';

export interface SyncOptions {
  /** Operations applied per SQLite transaction. */
  batch?: number;
  interrupt?: (point: SyncPoint) => void;
  /** Operations received or sent so far, of how many (a long sync's job, as an import's). */
  progress?: (done: number, total: number, message: string) => void;
  /**
   * Cancels between steps: batches already pulled stay (each is its own transaction, with its sequence number); a
   * push not yet committed is rolled back, so the server and the replica are each as before it.
   */
  signal?: AbortSignal;
  /** Operations since the published base after which a lead's sync publishes it again (base.ts; Infinity: never). */
  republishAfter?: number;
  /** Filled with the milliseconds each phase took, summed over the sync's rounds: where a slow sync's time goes. */
  timings?: SyncTimings;
}

/**
 * The phases of a sync, in their order: reaching the server, checking the project and the member, reading the
 * others' operations and applying them here, reading the outbox into operations, taking the project's lock, sending,
 * committing, noting here what was sent, telling the others, and the end (the emptied deleted-code holder, the
 * lead's re-publish, closing the connection).
 */
export type SyncPhase = 'connect' | 'check' | 'pull' | 'apply' | 'outbox' | 'lock' | 'send' | 'commit' | 'noted' | 'notify' | 'finish' | 'close';
export type SyncTimings = Partial<Record<SyncPhase, number>>;

/** Adds the time since the last call to `phase` (nothing when nobody asked for timings). */
function lapsOf(timings: SyncTimings | undefined): (phase: SyncPhase) => void {
  if (!timings) return () => {};
  let last = performance.now();
  return (phase) => {
    const t = performance.now();
    timings[phase] = (timings[phase] ?? 0) + (t - last);
    last = t;
  };
}
type Lap = ReturnType<typeof lapsOf>;

/** The channel a project's pushes are announced on (LISTEN/NOTIFY, live.ts): the schema's own name. */
export const channelOf = (schema: string): string => schema;

function checkCancelled(options: SyncOptions, what: string): void {
  if (options.signal?.aborted) throw new DyadError('cancelled', `The sync was cancelled ${what}.`);
}

export interface SyncResult {
  server: string;
  pulled: number;
  applied: number;
  pushed: number;
  /** Operations the server refused for good in this sync (kept in team_refused, refused.ts); the others went. */
  refused: number;
  pending: number;
  lastSeq: number;
}

interface Member {
  role: string;
  coderId: string;
  coderName: string;
  lead: boolean;
  revoked: boolean;
}

/** An operation as the server's ops table holds it. */
export interface OpRow {
  seq: string;
  op_id: string;
  author: string;
  target: OpTarget;
  row_id: string;
  kind: Op['kind'];
  owner: string | null;
  payload: Record<string, unknown>;
  recorded_at: Date | null;
}

export function toOp(r: OpRow): Op {
  const p = r.payload;
  switch (r.kind) {
    case 'put':
      if (r.target === 'interviews') return { kind: 'put', target: 'interviews', rowId: r.row_id, row: p.row as NewInterview };
      return { kind: 'put', target: r.target, rowId: r.row_id, row: p.row as Record<string, unknown> };
    case 'delete':
      return { kind: 'delete', target: r.target as Exclude<OpTarget, 'interviews'>, rowId: r.row_id, owner: r.owner, ...(typeof p.seen === 'number' ? { seen: p.seen } : {}) };
    case 'set':
      return { kind: 'set', target: 'codes', rowId: r.row_id, field: p.field as never, value: p.value, ...(typeof p.seen === 'number' ? { seen: p.seen } : {}) };
    case 'text':
      return { kind: 'text', target: 'interviews', rowId: r.row_id, text: p.text as string, ...(typeof p.seen === 'number' ? { seen: p.seen } : {}) };
  }
}

function payloadOf(op: Op): Record<string, unknown> {
  switch (op.kind) {
    case 'put':
      return { row: op.row };
    case 'delete':
      return op.seen === undefined ? {} : { seen: op.seen };
    case 'set':
      return { field: op.field, value: op.value, ...(op.seen === undefined ? {} : { seen: op.seen }) };
    case 'text':
      return { text: op.text, ...(op.seen === undefined ? {} : { seen: op.seen }) };
  }
}

/** The member this replica pushes as, refused clearly when revoked or unknown. */
export async function memberOf(client: pg.Client, replica: ReplicaState, url: ServerUrl): Promise<Member> {
  const r = await client.query(`SELECT role, coder_id, coder_name, lead, revoked FROM ${replica.schema}.members WHERE role = $1`, [replica.member]);
  const m = r.rows[0] as { role: string; coder_id: string; coder_name: string; lead: boolean; revoked: boolean } | undefined;
  if (!m || m.revoked) throw new DyadError('forbidden', `The lab server ${url.display} no longer lists ${replica.member} as a member of this project. Ask your lead for a new invitation; nothing was changed.`);
  return { role: m.role, coderId: m.coder_id, coderName: m.coder_name, lead: m.lead, revoked: m.revoked };
}

/** Checks that the server holds this replica's project in a schema this Dyad can read (returns its version); refuses otherwise. */
export async function checkProject(client: pg.Client, replica: ReplicaState, url: ServerUrl): Promise<number> {
  let version: number;
  try {
    version = await assertServerVersion(client, replica.schema, url.display);
  } catch (e) {
    if ((e as { code?: string }).code === '42501') throw new DyadError('forbidden', `${replica.member} may not read the team project on ${url.display}: access was revoked. Nothing was changed.`);
    throw e;
  }
  if (version === 0) throw new DyadError('not-found', `The lab server ${url.display} holds no team project ${replica.projectId}. Nothing was changed.`);
  const r = await client.query(`SELECT value FROM ${replica.schema}.meta WHERE key = 'project_id'`);
  if (r.rows[0]?.value !== replica.projectId) {
    throw new DyadError('conflict', `The lab server ${url.display} holds another project in ${replica.schema}; this file is a replica of ${replica.projectId}. Nothing was changed.`);
  }
  return version;
}

/** Applies one batch of the team's operations (pull's transaction); returns how many changed this replica. */
function applyBatch(db: Db, replica: ReplicaState, rows: OpRow[], mine: { get(opId: string): unknown }): number {
  let changed = 0;
  for (const row of rows) {
    const op = toOp(row);
    // Every change of a code's field, ours included, in the server's order: the lead's review (conflicts.ts).
    if (op.kind === 'set') noteFieldChange(db, { seq: Number(row.seq), author: row.author, at: row.recorded_at?.toISOString() ?? null, op });
    // When each coding and code first arrived, so that a code's deletion keeps what its deleter had not seen.
    if (op.kind === 'put' && (op.target === 'codings' || op.target === 'codes')) noteArrived(db, op.rowId, Number(row.seq));
    // Deleted, an uncategorised code made again starts anew (deletedCodes.ts), ours included.
    if (op.kind === 'delete' && op.target === 'codes') forgetUncategorisedFields(db, op.rowId);
    if (row.author === replica.member && mine.get(row.op_id)) {
      // Ours, recorded by a push that was cut off before the replica noted it. The same member's operations
      // from another machine (a second replica of the same coder) are not in this outbox: they are applied.
      stmt(db, 'DELETE FROM team_outbox WHERE op_id = ?').run(row.op_id);
      continue;
    }
    if (applyOp(db, op)) changed++;
  }
  return changed;
}

/** Pulls and applies every operation after the replica's last sequence; returns how many were read and applied. */
async function pull(client: pg.Client, db: Db, replica: ReplicaState, options: SyncOptions, lap: Lap = lapsOf(undefined)): Promise<{ pulled: number; applied: number }> {
  const batch = options.batch ?? 2000;
  let pulled = 0;
  let applied = 0;
  let total = 0;
  if (options.progress) {
    const start = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq;
    total = Number((await client.query(`SELECT count(*) AS n FROM ${replica.schema}.ops WHERE seq > $1`, [start])).rows[0]!.n);
    if (total) options.progress(0, total, `Receiving ${total} change${total === 1 ? '' : 's'} from the team`);
  }
  const mine = db.prepare('SELECT 1 FROM team_outbox WHERE op_id = ?');
  for (;;) {
    checkCancelled(options, `after ${pulled} of the team's changes were received; they are kept, the rest come with the next sync`);
    const from = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq;
    const r = await client.query(
      `SELECT seq, op_id, author, target, row_id, kind, owner, payload, recorded_at FROM ${replica.schema}.ops WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [from, batch],
    );
    const rows = r.rows as OpRow[];
    lap('pull');
    if (!rows.length) return { pulled, applied };
    let changed = 0;
    db.transaction(() => {
      setApplying(db, true);
      // The others' changes keep this replica's undo history: only a step whose rows they touched goes stale, so
      // that undo never takes back their work (undoOutside.ts).
      changed = applyOutsideHistory(db, () => applyBatch(db, replica, rows, mine));
      db.prepare('UPDATE team_replica SET last_seq = ?, applying = 0').run(Number(rows[rows.length - 1]!.seq));
    })();
    pulled += rows.length;
    applied += changed;
    lap('apply');
    if (total) options.progress?.(Math.min(pulled, total), Math.max(total, pulled), `Received ${pulled} of ${total} changes`);
    options.interrupt?.('mid-pull');
    if (rows.length < batch) return { pulled, applied };
  }
}

/** The operations sent, in one multi-row INSERT; the server's trigger checks each. */
function insertOps(client: pg.Client, schema: string, part: { opId: string; op: Op }[]) {
  return client.query(
    `INSERT INTO ${schema}.ops (op_id, target, row_id, kind, owner, payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) ON CONFLICT (op_id) DO NOTHING
     RETURNING op_id, seq, recorded_at`,
    [
      part.map((o) => o.opId),
      part.map((o) => o.op.target),
      part.map((o) => o.op.rowId),
      part.map((o) => o.op.kind),
      part.map((o) => (o.op.kind === 'delete' ? o.op.owner : null)),
      part.map((o) => JSON.stringify(payloadOf(o.op))),
    ],
  );
}

type Sent = { opId: string; op: Op };

/** Refused changes, counted as the researcher made them: the deletions held back with a removal are part of it. */
const changesIn = (refused: RefusedOp[]): number => refused.filter((r) => !r.partOf).length;

/** The codes an operation needs to find on the others' replicas. */
function codesNeeded(op: Op): string[] {
  if (op.kind === 'set' && op.target === 'codes') return op.field === 'parent_id' && typeof op.value === 'string' ? [op.rowId, op.value] : [op.rowId];
  if (op.kind !== 'put') return [];
  const ref = op.target === 'codes' ? op.row.parent_id : op.target === 'codings' ? op.row.code_id : op.target === 'memos' && op.row.target_kind === 'code' ? op.row.target_id : null;
  return typeof ref === 'string' ? [ref] : [];
}

/**
 * A code is sent as it is now, so one made here and then moved under a code made after it names a parent whose own
 * put comes later: the others would skip it (and its codings) as referring to a code they never heard of. Such an
 * operation, and whatever needs it, waits until that code's put has gone; everything else keeps its order.
 */
function codesBeforeUse(ops: Sent[]): Sent[] {
  const unsent = new Set(ops.flatMap((o) => (o.op.kind === 'put' && o.op.target === 'codes' ? [o.op.rowId] : [])));
  const waiting = new Map<string, Sent[]>();
  const out: Sent[] = [];
  const done = new Set<Sent>();
  const send = (o: Sent): void => {
    const missing = codesNeeded(o.op).find((id) => unsent.has(id) && !(o.op.kind === 'put' && o.op.target === 'codes' && o.op.rowId === id));
    if (missing) {
      waiting.set(missing, [...(waiting.get(missing) ?? []), o]);
      return;
    }
    out.push(o);
    done.add(o);
    if (o.op.kind === 'put' && o.op.target === 'codes' && unsent.delete(o.op.rowId)) {
      const next = waiting.get(o.op.rowId) ?? [];
      waiting.delete(o.op.rowId);
      next.forEach(send);
    }
  };
  ops.forEach(send);
  // A cycle cannot be read from one tree; should one be met, what waits still goes, in its order.
  for (const o of ops) if (!done.has(o)) out.push(o);
  return out;
}

/**
 * Pushes the outbox in one server transaction; 'behind' when someone pushed since the last pull. An operation
 * refused for good is skipped and kept in team_refused with the reason (refused.ts); the others go, in order. 'again'
 * when the server refused a removal of an interview only while it was being sent (its reason is then in
 * `lateRefusals`, by operation id): nothing was sent, and the next attempt holds back the deletions it caused.
 */
async function push(
  client: pg.Client,
  db: Db,
  replica: ReplicaState,
  member: Member,
  options: SyncOptions,
  lateRefusals: Map<string, string>,
  lap: Lap,
): Promise<{ pushed: number; refused: number } | 'behind' | 'again'> {
  const entries = outbox(db);
  if (!entries.length) return { pushed: 0, refused: 0 };
  const ops: { opId: string; op: Op }[] = [];
  const moved: { opId: string; op: Op }[] = [];
  for (const e of entries) {
    const op = opOf(db, e, member.coderId);
    // Turns and moments as the corrections left them go after every correction (an undone correction records
    // them before its own text change): a replica applies the texts, then takes these as they are.
    if (op) (e.target === 'turns' || e.target === 'moments' ? moved : ops).push({ opId: e.opId, op });
  }
  ops.push(...moved);
  ops.splice(0, ops.length, ...codesBeforeUse(codingsAfterCorrections(ops)));
  const entryOf = new Map(entries.map((e) => [e.opId, e]));
  const refused: RefusedOp[] = [];
  const refuse = (opId: string, op: Op, reason: string, partOf?: string) => {
    const e = entryOf.get(opId)!;
    // A row's refused put keeps the row it carried: taking the server's value back restores only the fields it changed.
    const after = e.field === '*' && op.kind === 'put' && op.target !== 'interviews' ? JSON.stringify(op.row) : e.after;
    refused.push({ opId, target: op.target, rowId: op.rowId, field: e.field, what: describeOp(op), reason, base: e.base, after, seen: e.seen, ...(partOf ? { partOf } : {}) });
  };
  // The server's rule checked here first (a member who lost a right), and the removals the server refused in an earlier
  // attempt of this sync: refused without sending, the rest goes.
  const byRights = ({ opId, op }: Sent) => {
    const why = lateRefusals.get(opId) ?? refusal(op, member);
    if (why) refuse(opId, op, lateRefusals.has(opId) ? why : `${why}; ${member.role} is not a lead of this project`);
    return !why;
  };
  // A refused removal of an interview holds back the deletions it caused, a refused correction the codings placed on
  // its text (refused.ts): sent alone, they would empty the interview on the server while it stays there, or place
  // codings on a text it does not have.
  const heads = new Set(ops.filter((o) => holdsBack(o.op) && !byRights(o)));
  const allowed = holdBack([...heads], ops.filter((o) => !heads.has(o)), entryOf, (o, reason, partOf) => refuse(o.opId, o.op, reason, partOf)).filter(byRights);
  const refusedHere = refused.length;
  if (!allowed.length) {
    // Nothing left to send (changes undone, or refused): the entries go.
    db.transaction(() => {
      entries.forEach((e) => db.prepare('DELETE FROM team_outbox WHERE op_id = ?').run(e.opId));
      recordRefused(db, refused);
    })();
    return { pushed: 0, refused: changesIn(refused) };
  }
  const lastSeq = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq;
  lap('outbox');
  await client.query('BEGIN');
  let newSeq: number;
  /** The sequence and time the server gave each operation sent, for the lead's review (conflicts.ts). */
  const recorded = new Map<string, { seq: number; at: string }>();
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [replica.schema]);
    const max = Number((await client.query(`SELECT coalesce(max(seq), 0) AS m FROM ${replica.schema}.ops`)).rows[0]!.m);
    if (max > lastSeq) {
      await client.query('ROLLBACK');
      lap('lock');
      return 'behind';
    }
    lap('lock');
    const chunk = 500;
    if (options.progress) options.progress(0, allowed.length, `Sending ${allowed.length} change${allowed.length === 1 ? '' : 's'}`);
    for (let i = 0; i < allowed.length; i += chunk) {
      checkCancelled(options, 'before your changes were sent; nothing was sent, they go with the next sync');
      const part = allowed.slice(i, i + chunk);
      const rows: { op_id: string; seq: string; recorded_at: Date }[] = [];
      await client.query('SAVEPOINT part');
      try {
        rows.push(...(await insertOps(client, replica.schema, part)).rows);
      } catch (e) {
        if (!isFinalRefusal(e)) throw e;
        // Refused for good: one at a time, to find which; the others go, in their order.
        await client.query('ROLLBACK TO SAVEPOINT part');
        for (const o of part) {
          await client.query('SAVEPOINT one');
          try {
            rows.push(...(await insertOps(client, replica.schema, [o])).rows);
          } catch (e1) {
            if (!isFinalRefusal(e1)) throw e1;
            await client.query('ROLLBACK TO SAVEPOINT one');
            refuse(o.opId, o.op, reasonOf(e1));
          }
        }
      }
      for (const r of rows) recorded.set(r.op_id, { seq: Number(r.seq), at: r.recorded_at.toISOString() });
      options.progress?.(Math.min(i + chunk, allowed.length), allowed.length, `Sent ${Math.min(i + chunk, allowed.length)} of ${allowed.length} changes`);
    }
    // A removal or correction the server refused only now (its lead demoted by another lead during this very sync): what
    // it caused may have gone before it in this transaction. Nothing of it is committed; the push starts again with
    // it refused before sending, so that they are held back with it.
    const late = refused.slice(refusedHere).filter((r) => r.target === 'interviews' && r.field !== '*');
    if (late.length) {
      for (const r of late) lateRefusals.set(r.opId, r.reason);
      await client.query('ROLLBACK');
      return 'again';
    }
    lap('send');
    newSeq = Number((await client.query(`SELECT coalesce(max(seq), 0) AS m FROM ${replica.schema}.ops`)).rows[0]!.m);
    checkCancelled(options, 'before your changes were sent; nothing was sent, they go with the next sync');
    options.interrupt?.('before-push-commit');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
  lap('commit');
  options.interrupt?.('after-push-commit');
  // Only the entries sent as they were: one changed again meanwhile has a new id and goes with the next push.
  db.transaction(() => {
    const del = db.prepare('DELETE FROM team_outbox WHERE op_id = ?');
    for (const e of entries) del.run(e.opId);
    recordRefused(db, refused);
    for (const { opId, op } of ops) {
      const r = recorded.get(opId);
      if (r && op.kind === 'set') noteFieldChange(db, { seq: r.seq, author: replica.member, at: r.at, op });
      if (r && op.kind === 'put' && (op.target === 'codings' || op.target === 'codes')) noteArrived(db, op.rowId, r.seq);
      if (r && op.kind === 'delete' && op.target === 'codes') forgetUncategorisedFields(db, op.rowId);
    }
    db.prepare('UPDATE team_replica SET last_seq = ? WHERE last_seq = ?').run(newSeq, lastSeq);
  })();
  lap('noted');
  // Only now are the others told (live.ts: their listeners pull at once), after the commit, so never for a push that
  // rolled back, and after this replica noted it: the sync is not left waiting for a core behind the replicas it woke
  // (on one machine, as in the bench) nor for a server busy sending them the push. Should this notice be lost (the
  // connection dropped just now), the others find the push at their next pull; the push itself stands.
  await client.query('SELECT pg_notify($1, $2)', [channelOf(replica.schema), String(newSeq)]).catch(() => {});
  lap('notify');
  return { pushed: allowed.length - (refused.length - refusedHere), refused: changesIn(refused) };
}

/**
 * Receives the team's operations only, on a connection already open and checked (live.ts's listening one): what a
 * notification of another member's push asks for. Nothing is sent; a failure leaves the replica as its last batch.
 */
export async function pullChanges(client: pg.Client, db: Db, file: string, options: SyncOptions = {}): Promise<{ pulled: number; applied: number; lastSeq: number }> {
  const replica = requireReplica(db, file);
  try {
    const p = await pull(client, db, replica, options);
    return { ...p, lastSeq: (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq };
  } catch (e) {
    if ((db.prepare('SELECT applying FROM team_replica').get() as { applying: number } | undefined)?.applying) setApplying(db, false);
    throw e;
  }
}

/** One sync: pull, push, and again while someone else pushed in between (bounded). */
export async function syncReplica(db: Db, file: string, secretUrl: string, options: SyncOptions = {}): Promise<SyncResult> {
  const replica = requireReplica(db, file);
  const url = parseServerUrl(secretUrl);
  const lap = lapsOf(options.timings);
  const client = await connect(url);
  lap('connect');
  try {
    const version = await checkProject(client, replica, url);
    const member = await memberOf(client, replica, url);
    // A schema set up by an older Dyad: the lead who owns it brings it up to date (4: a push checked as a set).
    if (version < LATEST_SERVER_VERSION && member.lead) await upgradeIfOwner(client, replica.schema, url.display);
    lap('check');
    let pulled = 0;
    let applied = 0;
    let pushed = 0;
    let refused = 0;
    const lateRefusals = new Map<string, string>();
    for (let attempt = 0; ; attempt++) {
      const p = await pull(client, db, replica, options, lap);
      pulled += p.pulled;
      applied += p.applied;
      const n = await push(client, db, replica, member, options, lateRefusals, lap);
      if (n !== 'behind' && n !== 'again') {
        pushed += n.pushed;
        refused += n.refused;
        break;
      }
      if (attempt >= 20) throw new DyadError('conflict', `The lab server ${url.display} is busy with other coders' pushes; sync again in a moment.`);
    }
    dropEmptyUncategorised(db);
    reopenUnsentChoices(db);
    db.prepare('UPDATE team_replica SET last_sync = ?').run(now());
    // Many operations since the base: a lead's replica that is exactly the server's becomes the base (base.ts).
    if (member.lead && options.republishAfter !== Infinity) await republishIfDue(client, db, requireReplica(db, file), url.display, options.republishAfter, options.progress);
    const lastSeq = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq;
    const pending = pendingCount(db);
    lap('finish');
    return { server: url.display, pulled, applied, pushed, refused, pending, lastSeq };
  } catch (e) {
    // A sync that fails leaves the replica as consistent as its last transaction; nothing stays half-applied.
    if ((db.prepare('SELECT applying FROM team_replica').get() as { applying: number } | undefined)?.applying) setApplying(db, false);
    throw e instanceof DyadError ? e : connectionError(e, url);
  } finally {
    // Not waited for: the sync's work is done, and the server closes its side on its own.
    void client.end().catch(() => {});
    lap('close');
  }
}
