/**
 * Reaching the lab server: join URLs, the secret kept beside a replica, connections with clear errors, and SCRAM
 * password verifiers made here so that a new coder's password never travels to the server (nor into its logs).
 *
 * The secret (the URL with its password) is written to `<project>.team-secret`, readable by the user only (0600):
 * never into the .dyad file, so exports, backups of the project and merges never carry it, and never logged.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { DyadError } from '../../shared/domain/errors';

export interface ServerUrl {
  /** For pg: the URL without Dyad's own `project` parameter (sslmode and the others are kept, and honoured). */
  connectionString: string;
  /** For messages and the replica: user@host:port/database, no password. */
  display: string;
  user: string;
  projectId: string | null;
}

export function parseServerUrl(url: string): ServerUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DyadError('invalid-input', 'The server address is not a URL; it looks like postgres://NAME:SECRET@host:5432/database?project=ID.');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new DyadError('invalid-input', `The server address must start with postgres://, not ${u.protocol}//.`);
  }
  if (!u.username) throw new DyadError('invalid-input', 'The server address names no user (postgres://NAME:SECRET@host/database).');
  const projectId = u.searchParams.get('project');
  u.searchParams.delete('project');
  const display = `${decodeURIComponent(u.username)}@${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  return { connectionString: u.toString(), display, user: decodeURIComponent(u.username), projectId };
}

export const secretPath = (projectPath: string): string => `${projectPath}.team-secret`;

export function saveSecret(projectPath: string, url: string): void {
  const path = secretPath(projectPath);
  writeFileSync(path, `${url}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // an older file keeps its mode otherwise
}

export function loadSecret(projectPath: string): string {
  const path = secretPath(projectPath);
  if (!existsSync(path)) {
    throw new DyadError('not-found', `The lab server's secret for this replica is missing (${path}). Join again with the URL your lead gave you.`);
  }
  return readFileSync(path, 'utf8').trim();
}

/** Connects, turning pg's failures into messages that name the server and say what to do. */
export async function connect(url: ServerUrl, options: { timeoutMs?: number } = {}): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url.connectionString, connectionTimeoutMillis: options.timeoutMs ?? 10_000 });
  // A connection that breaks later surfaces on the query that is under way; this keeps it from crashing the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw connectionError(e, url);
  }
  return client;
}

export function connectionError(e: unknown, url: ServerUrl): DyadError {
  if (e instanceof DyadError) return e;
  const err = e as { code?: string; message?: string };
  const where = url.display;
  if (err.code === '28P01' || err.code === '28000') {
    return new DyadError('forbidden', `The lab server ${where} refused ${url.user}: the password is wrong or this coder's access was revoked. Ask your lead for a new invitation.`);
  }
  if (err.code === '42501') return new DyadError('forbidden', `The lab server ${where} refused: ${(err.message ?? '').replace(/^dyad: /, '')}.`);
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'ETIMEDOUT' || err.code === 'ECONNRESET' || /timeout|terminated|Connection/i.test(err.message ?? '')) {
    return new DyadError('io', `Could not reach the lab server ${where} (${err.code ?? err.message}). Your work here is kept; sync again when the server is back.`);
  }
  return new DyadError('internal', `The lab server ${where} answered: ${err.message ?? String(e)}`);
}

/** A random secret for a new coder: 24 bytes, URL-safe. */
export const newSecret = (): string => randomBytes(24).toString('base64url');

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, as PostgreSQL writes it): given to
 * CREATE ROLE … PASSWORD, the server keeps it as is, so the password itself is never sent.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
