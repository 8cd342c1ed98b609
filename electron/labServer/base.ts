/**
 * The published project on the lab server: the clean copy of the project every join starts from, and the operation
 * it stands at.
 *
 * A lab's project is hundreds of MB (a million codings). It is kept in parts of 8 MB (server schema 3), each stored
 * uncompressed, so that PostgreSQL reads a part without unpacking anything before it; a join reads each part as
 * base64 (a third more than the bytes, where bytea's own text form, hex, is twice them) and writes it to the file as
 * it arrives, so the whole project is never in memory. Not in binary: node-postgres 8 decodes every value it receives
 * as UTF-8 text, binary results included, which garbles arbitrary bytes. A schema-2 server, not yet moved to parts,
 * is read from its single value in slices of the same size.
 *
 * Every operation since the base is applied by each join; when many have piled up (a lab's day of coding), a lead
 * whose replica is exactly the server's (everything pushed, nothing refused) publishes it again as the base,
 * standing at the operation it has reached, so a join starts there (republishIfDue).
 */
import { closeSync, existsSync, linkSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type pg from 'pg';
import { Worker } from 'node:worker_threads';
import { DyadError, type DyadErrorValue } from '../../shared/domain/errors';
import { copyInSteps } from '../core/copyInSteps';
import type { Db } from '../core/database';
import { makeScratchDir, removeScratchDir, tempPathBeside, trackTempFile } from '../core/scratch';
import { workerScript } from '../core/workerScript';
import type { CleanRequest } from './baseWorker';
import { cleanBaseCopy, type CopyFacts } from './cleanBase';
import { pendingCount, type ReplicaState } from './replica';
import { BASE_PART, migrateServer, serverVersion } from './serverSchema';

/** The published project as a file, and what the copy of the replica it was made from was (cleanBase.ts). */
export interface BaseCopy extends CopyFacts {
  path: string;
}

/**
 * The project as a clean file (no undo history, no current coder, nothing of this replica's own: its place on the
 * server, its outbox, the changes the server refused it) in a private scratch folder; `use` gets it, and the
 * folder goes however `use` ends. What every replica shares (the review of two leads' changes, when each coding
 * arrived) stays: the operations after the base build on it. Read from the copy itself, one consistent moment,
 * whatever live updates or the researcher do to the replica meanwhile.
 *
 * Hundreds of MB at a lab's scale, and the app goes on meanwhile: the copy is taken a step per turn of the event
 * loop (copyInSteps), and cleaned in a worker thread with its own connection to it.
 */
export async function withBaseFile<T>(db: Db, use: (copy: BaseCopy) => Promise<T>): Promise<T> {
  const dir = makeScratchDir('team-base');
  try {
    const path = `${dir}/base.dyad`;
    await copyInSteps(db, path);
    const facts = await cleanOffThread(path);
    return await use({ path, ...facts });
  } finally {
    // Removing a file of hundreds of MB took the thread 0.6 s here (73 ms of it CPU): in Node's thread pool instead.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    removeScratchDir(dir);
  }
}

/**
 * cleanBaseCopy in a worker thread of its own (one re-publish, one worker: rare, and a few tens of milliseconds to
 * start). A worker that cannot start at all (its code missing from a build) leaves the cleaning to this thread, as
 * the import does with its files.
 */
function cleanOffThread(path: string): Promise<CopyFacts> {
  const here = () => cleanBaseCopy(path);
  let worker: Worker;
  try {
    const script = workerScript('base-worker', import.meta.url, './baseWorker.ts');
    worker = new Worker(script.code, { eval: script.eval });
  } catch {
    return Promise.resolve().then(here);
  }
  return new Promise<CopyFacts>((resolve, reject) => {
    let online = false;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      fn();
    };
    worker.on('online', () => (online = true));
    worker.once('message', (m: { ok: true; facts: CopyFacts } | { ok: false; error: DyadErrorValue }) =>
      settle(() => (m.ok ? resolve(m.facts) : reject(new DyadError(m.error.kind, `The project could not be prepared for publishing: ${m.error.message}`)))),
    );
    const gone = (why: string) =>
      settle(() => {
        if (!online) {
          try {
            resolve(here());
          } catch (e) {
            reject(e);
          }
        } else reject(new DyadError('internal', `The project could not be prepared for publishing: ${why}`));
      });
    worker.on('error', (e) => gone(e.message));
    worker.on('exit', (code) => gone(`the worker stopped (exit ${code})`));
    const request: CleanRequest = { path };
    worker.postMessage(request);
  });
}

/**
 * Puts the file at `path` on the server as the base standing at operation `seq`, replacing the one there, in the
 * caller's transaction (a join reading meanwhile sees the old base whole, or the new one). Read from the disk a
 * part at a time.
 */
export async function writeBase(client: pg.Client, schema: string, path: string, seq: number): Promise<void> {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    await client.query(`DELETE FROM ${schema}.base_parts`);
    const part = Buffer.allocUnsafe(BASE_PART);
    for (let n = 0; n * BASE_PART < size; n++) {
      const got = readSync(fd, part, 0, BASE_PART, n * BASE_PART);
      await client.query(`INSERT INTO ${schema}.base_parts (part, bytes) VALUES ($1, $2)`, [n, part.subarray(0, got)]);
    }
  } finally {
    closeSync(fd);
  }
  await client.query(
    `INSERT INTO ${schema}.base (id, size, seq) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET size = excluded.size, seq = excluded.seq, file = NULL, published_at = now()`,
    [size, seq],
  );
}

/** Bytes sent as base64 (PostgreSQL breaks its lines every 76 characters; Node's decoder skips the breaks). */
const asBase64 = (client: pg.Client, expression: string, rest: string, values: unknown[]) =>
  client.query(`SELECT encode(${expression}, 'base64') AS b64 ${rest}`, values).then((r) => (r.rows.length ? Buffer.from(r.rows[0].b64 as string, 'base64') : null));

const incomplete = (server: string) =>
  new DyadError('not-found', `The published project on ${server} is incomplete (a part of it is missing); ask your lead to sync, then join again. No file was made.`);

/**
 * Writes the published project into a new file at `outPath`; returns the operation it stands at. It is written to
 * a hidden file beside `outPath` first (removed however the join ends, swept after a crash) and put in place only
 * whole: an interrupted join leaves no file. `version` is the server schema's (2: one value, 3: parts).
 */
export async function downloadBase(client: pg.Client, schema: string, version: number, outPath: string, server: string): Promise<number> {
  const temp = tempPathBeside(outPath);
  const untrack = trackTempFile(temp);
  let fd: number | null = openSync(temp, 'wx', 0o600);
  try {
    // One snapshot: a lead re-publishing meanwhile does not mix two bases.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let seq = 0;
    let written = 0;
    let size: number;
    const write = (bytes: Buffer) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd!, bytes, at, bytes.length - at, written + at);
      written += bytes.length;
    };
    try {
      if (version >= 3) {
        const r = await client.query(`SELECT size, seq FROM ${schema}.base WHERE id = 1`);
        if (!r.rows.length) throw incomplete(server);
        size = Number(r.rows[0].size);
        seq = Number(r.rows[0].seq);
        for (let n = 0; n * BASE_PART < size; n++) {
          const bytes = await asBase64(client, 'bytes', `FROM ${schema}.base_parts WHERE part = $1`, [n]);
          if (!bytes) throw incomplete(server);
          write(bytes);
        }
      } else {
        size = Number((await client.query(`SELECT length(file) AS n FROM ${schema}.base WHERE id = 1`)).rows[0]?.n ?? 0);
        for (let from = 0; from < size; from += BASE_PART) {
          const bytes = await asBase64(client, 'substring(file FROM $1 FOR $2)', `FROM ${schema}.base WHERE id = 1`, [from + 1, BASE_PART]);
          if (!bytes) throw incomplete(server);
          write(bytes);
        }
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
    if (written !== size || size === 0) throw incomplete(server);
    closeSync(fd);
    fd = null;
    const taken = () => new DyadError('conflict', `${outPath} already exists; give a new file name for the replica.`);
    try {
      // A link, not a rename: it never replaces a file made there meanwhile.
      linkSync(temp, outPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw taken();
      // A drive without hard links (FAT, some network shares): renamed, after looking.
      if (existsSync(outPath)) throw taken();
      renameSync(temp, outPath);
    }
    return seq;
  } finally {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    untrack();
  }
}

/** Operations since the base after which a lead's sync publishes the base again. */
export const REPUBLISH_AFTER = 20_000;

/**
 * Publishes this replica as the new base when more than `after` operations have piled up since the base, so that a
 * join applies only those after it. Only when the replica is exactly the project the others have at the operation
 * it reached: nothing waiting to be sent, nothing the server refused (kept here as made, never on the server), no
 * review choice not yet sent. Only a member allowed to write the base (the schema's owner: the lead who published)
 * does it; a schema-2 server is moved to parts then.
 * Returns whether it re-published.
 */
export async function republishIfDue(
  client: pg.Client,
  db: Db,
  replica: ReplicaState,
  server: string,
  after = REPUBLISH_AFTER,
  progress?: (done: number, total: number, message: string) => void,
): Promise<boolean> {
  if (pendingCount(db) || (db.prepare('SELECT count(*) AS n FROM team_refused').get() as { n: number }).n) return false;
  if (db.prepare('SELECT 1 FROM team_conflicts WHERE resolved_seq = -1').get()) return false;
  const owns = await client.query("SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS may FROM pg_class c WHERE c.oid = to_regclass($1)", [`${replica.schema}.base`]);
  if (!owns.rows[0]?.may) return false;
  const lastSeq = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq;
  const version = await serverVersion(client, replica.schema);
  const baseSeq = version >= 3 ? Number((await client.query(`SELECT seq FROM ${replica.schema}.base WHERE id = 1`)).rows[0]?.seq ?? 0) : 0;
  const since = Number((await client.query(`SELECT count(*) AS n FROM ${replica.schema}.ops WHERE seq > $1 AND seq <= $2`, [baseSeq, lastSeq])).rows[0]!.n);
  if (since <= after) return false;
  progress?.(0, 1, `Publishing the project again for new members (${since} changes since it was last published)`);
  return withBaseFile(db, async (copy) => {
    // An edit of the researcher's made meanwhile: published at a later sync instead. (A live update's pull made
    // meanwhile is fine: the copy stands at its own last operation.)
    if (copy.ownChanges) return false;
    await client.query('BEGIN');
    try {
      // One re-publisher at a time (the same lead on two machines); pushes go on meanwhile: the copy stands at its
      // own last operation, whatever comes after it.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${replica.schema}.base`]);
      await migrateServer(client, replica.schema, server);
      const current = Number((await client.query(`SELECT seq FROM ${replica.schema}.base WHERE id = 1`)).rows[0]?.seq ?? 0);
      if (current >= copy.seq) {
        await client.query('ROLLBACK');
        return false;
      }
      await writeBase(client, replica.schema, copy.path, copy.seq);
      await client.query('COMMIT');
      return true;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
}
