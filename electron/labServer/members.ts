/**
 * A team's members on the lab server: inviting a coder (a database role of their own, a random password given once
 * in the join URL), revoking one (the role can no longer log in and loses its grants at once), and the status of a
 * replica.
 */
import { DyadError } from '../../shared/domain/errors';
import { ensureCoder } from '../core/coding/coders';
import type { Db } from '../core/database';
import { connect, connectionError, loadSecret, newSecret, parseServerUrl, scramVerifier } from './connect';
import { refusedSummary, type RefusedSummary } from './refused';
import { pendingCount, requireReplica } from './replica';
import { ident } from './serverSchema';
import { checkProject, memberOf, syncReplica } from './sync';

/** Role names are the coder's login: lower-case letters, digits and _, starting with a letter. */
function roleName(name: string): string {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(name)) {
    throw new DyadError('invalid-input', `"${name}" cannot be a coder's login on the lab server: use lower-case letters, digits and _, starting with a letter (e.g. ana or ben_k).`);
  }
  return name;
}

async function asLead<T>(db: Db, file: string, path: string, work: (client: Awaited<ReturnType<typeof connect>>, schema: string) => Promise<T>): Promise<T> {
  const replica = requireReplica(db, file);
  const secret = loadSecret(path);
  const url = parseServerUrl(secret);
  const client = await connect(url);
  try {
    await checkProject(client, replica, url);
    const me = await memberOf(client, replica, url);
    if (!me.lead) throw new DyadError('forbidden', `Only a lead invites and revokes coders; ${me.role} is not a lead of this project.`);
    return await work(client, replica.schema);
  } catch (e) {
    throw e instanceof DyadError ? e : connectionError(e, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * `dyad team invite FILE --coder NAME [--lead]`: returns the join URL, the only place the password ever appears.
 * The server receives a SCRAM verifier, not the password.
 */
export async function inviteCoder(db: Db, file: string, path: string, name: string, options: { lead?: boolean } = {}): Promise<{ coder: string; joinUrl: string }> {
  const role = roleName(name);
  const replica = requireReplica(db, file);
  const coder = ensureCoder(db, name);
  const secret = newSecret();
  await asLead(db, file, path, async (client, schema) => {
    await client.query('BEGIN');
    try {
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rows.length > 0;
      const verifier = scramVerifier(secret);
      await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(role)} LOGIN NOINHERIT PASSWORD '${verifier}'`);
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${ident(role)}`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${ident(role)}`);
      await client.query(`GRANT INSERT ON ${schema}.ops TO ${ident(role)}`);
      await client.query(`GRANT USAGE ON SEQUENCE ${schema}.ops_seq_seq TO ${ident(role)}`);
      await client.query(
        `INSERT INTO ${schema}.members (role, coder_id, coder_name, lead) VALUES ($1, $2, $3, $4)
         ON CONFLICT (role) DO UPDATE SET coder_id = excluded.coder_id, coder_name = excluded.coder_name, lead = excluded.lead, revoked = false`,
        [role, coder.id, coder.name, options.lead ?? false],
      );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
  // The coder's row goes to the server now, so that joining finds it.
  await syncReplica(db, file, loadSecret(path));
  const lead = new URL(loadSecret(path));
  const join = new URL(lead.toString());
  join.username = encodeURIComponent(role);
  join.password = encodeURIComponent(secret);
  join.searchParams.set('project', replica.projectId);
  return { coder: coder.name, joinUrl: join.toString() };
}

/** `dyad team revoke FILE --coder NAME`: at once, the role cannot log in nor read or write the project. */
export async function revokeCoder(db: Db, file: string, path: string, name: string): Promise<{ coder: string }> {
  const role = roleName(name);
  await asLead(db, file, path, async (client, schema) => {
    const m = await client.query(`SELECT lead FROM ${schema}.members WHERE role = $1`, [role]);
    if (!m.rows.length) throw new DyadError('not-found', `${name} is not a member of this project.`);
    await client.query('BEGIN');
    try {
      await client.query(`UPDATE ${schema}.members SET revoked = true WHERE role = $1`, [role]);
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${ident(role)}`);
      await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${ident(role)}`);
      await client.query(`REVOKE ALL ON SCHEMA ${schema} FROM ${ident(role)}`);
      await client.query(`ALTER ROLE ${ident(role)} NOLOGIN`);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
  return { coder: name };
}

interface TeamStatus {
  server: string;
  projectId: string;
  member: string;
  lastSync: string | null;
  lastSeq: number;
  pending: number;
  refused: RefusedSummary;
  /** Null when the server could not be reached (then `offline` says why). */
  members: { coder: string; role: string; lead: boolean; revoked: boolean }[] | null;
  offline: string | null;
}

/** `dyad team status FILE --json`: what this replica knows, and the members when the server answers. */
export async function teamStatus(db: Db, file: string, path: string): Promise<TeamStatus> {
  const replica = requireReplica(db, file);
  const base = { server: replica.server, projectId: replica.projectId, member: replica.member, lastSync: replica.lastSync, lastSeq: replica.lastSeq, pending: pendingCount(db), refused: refusedSummary(db) };
  try {
    const url = parseServerUrl(loadSecret(path));
    const client = await connect(url, { timeoutMs: 5000 });
    try {
      await checkProject(client, replica, url);
      const r = await client.query(`SELECT role, coder_name, lead, revoked FROM ${replica.schema}.members ORDER BY lower(coder_name)`);
      const members = (r.rows as { role: string; coder_name: string; lead: boolean; revoked: boolean }[]).map((m) => ({ coder: m.coder_name, role: m.role, lead: m.lead, revoked: m.revoked }));
      return { ...base, members, offline: null };
    } finally {
      await client.end().catch(() => {});
    }
  } catch (e) {
    return { ...base, members: null, offline: e instanceof Error ? e.message : String(e) };
  }
}
