/**
 * The local side of a replica: which server and project it belongs to (team_replica, migrations/0100), and its
 * outbox of changes not yet on the server turned into operations, with the rows' values as they are now.
 */
import type { CodeField, NewInterview, Op, OpTarget } from '../../shared/labServer/ops';
import { DyadError } from '../../shared/domain/errors';
import type { Db } from '../core/database';
import { stmt } from './statements';

/** What receiving the team's operations may change here (the 'changed' event after a pull that applied some). */
export const SYNCED_CHANGES = ['codebooks', 'codings', 'memos', 'coders', 'interviews', 'dyads', 'search', 'undo', 'team'];

export interface ReplicaState {
  projectId: string;
  server: string;
  schema: string;
  member: string;
  lastSeq: number;
  lastSync: string | null;
}

export function readReplica(db: Db): ReplicaState | null {
  const r = db.prepare('SELECT project_id, server, schema_name, member, last_seq, last_sync FROM team_replica WHERE id = 1').get() as
    | { project_id: string; server: string; schema_name: string; member: string; last_seq: number; last_sync: string | null }
    | undefined;
  return r ? { projectId: r.project_id, server: r.server, schema: r.schema_name, member: r.member, lastSeq: r.last_seq, lastSync: r.last_sync } : null;
}

export function requireReplica(db: Db, file: string): ReplicaState {
  const r = readReplica(db);
  if (!r) throw new DyadError('invalid-input', `${file} is not on a lab server: publish it with dyad team init, or join a team's project with dyad team join.`);
  return r;
}

export function writeReplica(db: Db, r: Omit<ReplicaState, 'lastSync'>): void {
  db.prepare('INSERT INTO team_replica (id, project_id, server, schema_name, member, last_seq) VALUES (1, ?, ?, ?, ?, ?)').run(
    r.projectId,
    r.server,
    r.schema,
    r.member,
    r.lastSeq,
  );
}

interface OutboxEntry {
  seq: number;
  opId: string;
  target: OpTarget;
  rowId: string;
  field: string;
  base: string | null;
  after: string | null;
  seen: number | null;
}

export const pendingCount = (db: Db): number => (db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n;

export function outbox(db: Db): OutboxEntry[] {
  return db.prepare('SELECT seq, op_id AS opId, target, row_id AS rowId, field, base, after, seen FROM team_outbox ORDER BY seq').all() as OutboxEntry[];
}

/**
 * The operation an outbox entry stands for, read now: the row as it is (put), its deletion when it is gone, one
 * field of a code, or an interview's text. Null when there is nothing left to send (a field of a deleted code: the
 * deletion is its own entry). `ownCoderId` is whose deletion a coder sends (the server checks it).
 */
export function opOf(db: Db, e: OutboxEntry, ownCoderId: string | null): Op | null {
  if (e.target === 'interviews' && e.field === '*') return newInterviewOp(db, e.rowId);
  // Removed (migrations/0130): sent while it is still gone; one imported here and never sent is unknown to the others.
  if (e.target === 'interviews' && e.field === 'removed') {
    return db.prepare('SELECT 1 FROM interviews WHERE id = ?').get(e.rowId) ? null : { kind: 'delete', target: 'interviews', rowId: e.rowId, owner: null };
  }
  // A correction of an interview not yet sent goes inside it, with the text as it is now.
  if (e.target === 'interviews' && db.prepare("SELECT 1 FROM team_outbox WHERE target = 'interviews' AND row_id = ? AND field = '*'").get(e.rowId)) return null;
  if (e.target === 'interviews') {
    if (e.after === null) return null;
    // Read when pushing, after the pull that rebased it on everything the server had (rebase.ts).
    const seen = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq;
    return { kind: 'text', target: 'interviews', rowId: e.rowId, text: e.after, seen };
  }
  // A code's deletion made here, the code made again since (deletedCodes.ts's uncategorised code): sent as made.
  if (e.target === 'codes' && e.field === 'removed') return { kind: 'delete', target: 'codes', rowId: e.rowId, owner: null, ...(e.seen === null ? {} : { seen: e.seen }) };
  if (e.field !== '*') {
    if (e.target !== 'codes') return null;
    const field = e.field as CodeField;
    const r = db.prepare(`SELECT "${field}" AS v, json_quote("${field}") AS now FROM codes WHERE id = ?`).get(e.rowId) as { v: unknown; now: string } | undefined;
    // Changed back to what it was (an undo): nothing to send.
    if (!r || r.now === e.base) return null;
    return { kind: 'set', target: 'codes', rowId: e.rowId, field, value: r.v, ...(e.seen === null ? {} : { seen: e.seen }) };
  }
  // Prepared once: a push reads a thousand rows this way.
  const row = stmt(db, `SELECT * FROM ${e.target} WHERE id = ?`).get(e.rowId) as Record<string, unknown> | undefined;
  if (row) return { kind: 'put', target: e.target, rowId: e.rowId, row };
  // Turns and moments go only with their interview, never one by one.
  if (e.target === 'turns' || e.target === 'moments') return null;
  const seen = e.target === 'codes' && e.seen !== null ? { seen: e.seen } : {};
  return { kind: 'delete', target: e.target, rowId: e.rowId, owner: e.target === 'codings' || e.target === 'memos' ? ownCoderId : null, ...seen };
}

/**
 * An interview imported after publishing, whole (migrations/0110): null when it was removed again before being
 * sent. Where its recording lies on this machine is not sent: the path means nothing on another.
 */
function newInterviewOp(db: Db, id: string): Op | null {
  const interview = db.prepare('SELECT * FROM interviews WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!interview) return null;
  const session = db.prepare('SELECT * FROM sessions WHERE id = ?').get(interview.session_id) as Record<string, unknown>;
  const dyad = db.prepare('SELECT * FROM dyads WHERE id = ?').get(session.dyad_id) as Record<string, unknown>;
  const row: NewInterview = {
    dyad,
    session: { ...session, recording_path: null },
    interview: 'audio_path' in interview ? { ...interview, audio_path: null } : interview,
    turns: db.prepare('SELECT * FROM turns WHERE interview_id = ? ORDER BY seq').all(id) as Record<string, unknown>[],
    moments: db.prepare('SELECT * FROM moments WHERE interview_id = ? ORDER BY "offset", id').all(id) as Record<string, unknown>[],
  };
  return { kind: 'put', target: 'interviews', rowId: id, row };
}

/** While others' operations are applied, the outbox triggers stay quiet. */
export function setApplying(db: Db, on: boolean): void {
  db.prepare('UPDATE team_replica SET applying = ?').run(on ? 1 : 0);
}
