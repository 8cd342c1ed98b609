/**
 * Publishing a project to the lab server (`dyad team init`) and making a replica of it (`dyad team join`).
 *
 * Publishing puts a clean copy of the project (no undo history, no current coder) into the project's own schema as
 * the base every replica starts from, with the publishing lead as the first member; from then on, changes travel
 * as operations (sync.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { DyadError } from '../../shared/domain/errors';
import { currentCoder, ensureCoder, setCurrentCoder } from '../core/coding/coders';
import { Project } from '../core/project';
import { downloadBase, withBaseFile, writeBase } from './base';
import { connect, connectionError, parseServerUrl, saveSecret, secretPath } from './connect';
import { readReplica, writeReplica } from './replica';
import { migrateServer, schemaNameOf, serverVersion } from './serverSchema';
import { checkProject, memberOf, syncReplica, type SyncResult } from './sync';

export interface Published {
  projectId: string;
  schema: string;
  server: string;
  lead: string;
}

/** `dyad team init FILE --server URL`: the URL is the lead's (the role the lab's IT created, allowed to create roles). */
export async function publishProject(project: Project, serverUrl: string, options: { coder?: string } = {}): Promise<Published> {
  const db = project.db;
  const existing = readReplica(db);
  if (existing) throw new DyadError('conflict', `${project.name} is already on the lab server ${existing.server} (project ${existing.projectId}).`);
  const url = parseServerUrl(serverUrl);
  const client = await connect(url);
  try {
    const lead = options.coder ? ensureCoder(db, options.coder) : (currentCoder(db) ?? ensureCoder(db, url.user));
    const projectId = randomUUID();
    const schema = schemaNameOf(projectId);
    if ((await serverVersion(client, schema)) !== 0) throw new DyadError('conflict', `The lab server ${url.display} already has ${schema}.`);
    // The base is written from the disk a part at a time: a lab's project is hundreds of MB.
    await withBaseFile(db, async (base) => {
      await client.query('BEGIN');
      try {
        await migrateServer(client, schema, url.display);
        await client.query(`INSERT INTO ${schema}.meta (key, value) VALUES ('project_id', $1), ('project_name', $2)`, [projectId, project.name]);
        await writeBase(client, schema, base.path, 0);
        await client.query(`INSERT INTO ${schema}.members (role, coder_id, coder_name, lead) VALUES ($1, $2, $3, true)`, [url.user, lead.id, lead.name]);
        // Who made the codings and memos already there: a coder may later change only their own.
        for (const target of ['codings', 'memos'] as const) {
          const rows = db.prepare(`SELECT id, coder_id FROM ${target}`).all() as { id: string; coder_id: string | null }[];
          for (let i = 0; i < rows.length; i += 5000) {
            const part = rows.slice(i, i + 5000);
            await client.query(`INSERT INTO ${schema}.owners (target, row_id, coder_id) SELECT $1, * FROM unnest($2::text[], $3::text[])`, [
              target,
              part.map((r) => r.id),
              part.map((r) => r.coder_id),
            ]);
          }
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
    db.transaction(() => {
      writeReplica(db, { projectId, server: url.display, schema, member: url.user, lastSeq: 0 });
      setCurrentCoder(db, lead.name);
    })();
    saveSecret(project.path, serverUrl);
    return { projectId, schema, server: url.display, lead: lead.name };
  } catch (e) {
    throw e instanceof DyadError ? e : connectionError(e, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `dyad team join URL OUT.dyad`: a new replica from the server's base and every operation since. */
export async function joinProject(joinUrl: string, outPath: string): Promise<{ projectId: string; coder: string; sync: SyncResult }> {
  const url = parseServerUrl(joinUrl);
  if (!url.projectId) throw new DyadError('invalid-input', 'The join URL names no project (…?project=ID); use the whole URL your lead gave you.');
  if (existsSync(outPath)) throw new DyadError('conflict', `${outPath} already exists; give a new file name for the replica.`);
  const schema = schemaNameOf(url.projectId);
  const replica = { projectId: url.projectId, server: url.display, schema, member: url.user, lastSeq: 0, lastSync: null };
  const client = await connect(url);
  let member;
  try {
    const version = await checkProject(client, replica, url);
    member = await memberOf(client, replica, url);
    // A join starts at the operation the base stands at (a lead may have published it again since: base.ts).
    replica.lastSeq = await downloadBase(client, schema, version, outPath, url.display);
  } catch (e) {
    throw e instanceof DyadError ? e : connectionError(e, url);
  } finally {
    await client.end().catch(() => {});
  }
  try {
    const project = Project.open(outPath);
    try {
      const db = project.db;
      db.transaction(() => writeReplica(db, replica))();
      saveSecret(outPath, joinUrl);
      const sync = await syncReplica(db, outPath, joinUrl);
      // The coder's row comes with the lead's operations; made here (and pushed) if the lead has not synced since.
      db.prepare('INSERT OR IGNORE INTO coders (id, name, created_at) VALUES (?, ?, ?)').run(member.coderId, member.coderName, new Date().toISOString());
      setCurrentCoder(db, member.coderName);
      return { projectId: url.projectId, coder: member.coderName, sync };
    } finally {
      project.close();
    }
  } catch (e) {
    rmSync(outPath, { force: true });
    rmSync(secretPath(outPath), { force: true });
    throw e;
  }
}
