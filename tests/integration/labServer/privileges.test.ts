/**
 * Least privilege, checked in the database with a coder's own credentials: what Dyad would never send is tried by
 * hand, and PostgreSQL refuses it. Then revocation, a server that is down, a replica of another project, and a
 * server schema from a newer Dyad: each refused with a clear message, the replica unchanged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { secretPath } from '../../../electron/labServer/connect';
import { revokeCoder } from '../../../electron/labServer/members';
import { publishProject } from '../../../electron/labServer/publish';
import { readSnapshot } from '../../../electron/snapshot/read';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

const dump = (path: string) =>
  withOpen(path, (p) => ({ snapshot: readSnapshot(p.db), outbox: p.db.prepare('SELECT * FROM team_outbox ORDER BY seq').all(), replica: p.db.prepare('SELECT * FROM team_replica').get() }));

describeWithPostgres('least privilege on the lab server', () => {
  let lab: Lab;
  let ana: string;
  let ben: string;
  let anaUrl: string;
  let benUrl: string;
  let schema: string;
  let ids: { ana: string; ben: string; benCoding: string };
  const as = async <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const u = new URL(url);
    u.searchParams.delete('project');
    const c = new pg.Client({ connectionString: u.toString() });
    c.on('error', () => {});
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => {});
    }
  };
  const count = () => as(lab.cluster.adminUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${schema}.ops`)).rows[0].n));

  beforeAll(async () => {
    lab = await startLab();
    schema = lab.schema;
    anaUrl = await lab.invite('ana');
    benUrl = await lab.invite('ben');
    ana = await lab.join(anaUrl, 'ana.dyad');
    ben = await lab.join(benUrl, 'ben.dyad');
    const code = (path: string) =>
      withOpen(path, (p) => {
        const shame = C.findCodeByPath(p.db, null, 'Shame')!;
        return C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'I felt small'), codeId: shame.id }).coding.id;
      });
    await code(ana);
    const benCoding = await code(ben);
    await sync(ana);
    await sync(ben);
    await sync(ana);
    ids = {
      ana: await withOpen(ana, (p) => C.currentCoder(p.db)!.id),
      ben: await withOpen(ben, (p) => C.currentCoder(p.db)!.id),
      benCoding,
    };
  });
  afterAll(() => lab?.stop());

  const insertOp = (c: pg.Client, target: string, rowId: string, kind: string, owner: string | null, payload: object) =>
    c.query(`INSERT INTO ${schema}.ops (op_id, target, row_id, kind, owner, payload) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`, [target, rowId, kind, owner, JSON.stringify(payload)]);

  it('a coder cannot delete or alter recorded operations, nor the members, nor the schema', async () => {
    await as(anaUrl, async (c) => {
      await expect(c.query(`DELETE FROM ${schema}.ops WHERE author = 'ben'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`UPDATE ${schema}.ops SET payload = '{}' WHERE author = 'ben'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`UPDATE ${schema}.members SET lead = true WHERE role = 'ana'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`DROP TABLE ${schema}.ops`)).rejects.toThrow(/must be owner/);
      await expect(c.query(`CREATE TABLE ${schema}.mine (x int)`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`DELETE FROM ${schema}.owners`)).rejects.toThrow(/permission denied/);
    });
  });

  it("a coder cannot delete or change another coder's coding, even claiming it as theirs", async () => {
    const before = await count();
    await as(anaUrl, async (c) => {
      await expect(insertOp(c, 'codings', ids.benCoding, 'delete', ids.ben, {})).rejects.toThrow(/only a lead changes another coder's codings/);
      await expect(insertOp(c, 'codings', ids.benCoding, 'delete', ids.ana, {})).rejects.toThrow(/only a lead changes another coder's codings/);
      const row = { id: ids.benCoding, coder_id: ids.ana, interview_id: lab.study.clientId, start: 0, end: 3 };
      await expect(insertOp(c, 'codings', ids.benCoding, 'put', null, { row })).rejects.toThrow(/only a lead changes another coder's codings/);
    });
    expect(await count()).toBe(before);
  });

  it('a coder cannot change the codebook or correct a transcript, and cannot push in another name', async () => {
    await as(anaUrl, async (c) => {
      const shame = await withOpen(ana, (p) => C.findCodeByPath(p.db, null, 'Shame')!.id);
      await expect(insertOp(c, 'codes', shame, 'set', null, { field: 'name', value: 'Guilt' })).rejects.toThrow(/only a lead changes the codebook/);
      await expect(insertOp(c, 'interviews', lab.study.clientId, 'text', null, { text: 'gone' })).rejects.toThrow(/only a lead corrects transcripts/);
      // An author given by hand is replaced by the role that connected.
      const memo = { id: '7a0c4b7e-2d1f-4e4a-9a55-0c2b1d3e4f50', coder_id: ids.ana, target_kind: 'project', target_id: '', title: '', text: 'mine', created_at: 'x', updated_at: 'x' };
      await c.query(`INSERT INTO ${schema}.ops (op_id, author, target, row_id, kind, payload) VALUES (gen_random_uuid(), 'ben', 'memos', $1, 'put', $2)`, [memo.id, JSON.stringify({ row: memo })]);
      expect((await c.query(`SELECT author FROM ${schema}.ops WHERE row_id = $1`, [memo.id])).rows).toEqual([{ author: 'ana' }]);
    });
    // Ana's replica takes it like one from her other machine (the same member may have two replicas).
    await sync(ana);
  });

  it("a coder's replica refuses to push a codebook change before sending anything, and says why", async () => {
    await withOpen(ana, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Trust')!.id, { name: 'Distrust' }));
    const before = await count();
    // Kept as refused with the reason, so that it holds back nothing after it (refused.test.ts).
    expect(await sync(ana)).toMatchObject({ pushed: 0, refused: 1 });
    expect(await withOpen(ana, (p) => p.db.prepare('SELECT what, reason FROM team_refused').all())).toEqual([
      { what: 'the name of a code', reason: 'only a lead changes the codebook; ana is not a lead of this project' },
    ]);
    expect(await count()).toBe(before);
    // Put back by undo: an undo is a change like any other, and leaves nothing to push.
    await withOpen(ana, (p) => C.undo(p.db));
    await sync(ana);
  });

  it("a coder cannot read another project's schema on the same server", async () => {
    const other = lab.study.copy('other.dyad');
    const published = await withOpen(other, (p) => publishProject(p, lab.cluster.adminUrl));
    await as(anaUrl, async (c) => {
      await expect(c.query(`SELECT * FROM ${published.schema}.ops`)).rejects.toThrow(/permission denied for schema/);
      await expect(c.query(`SELECT file FROM ${published.schema}.base`)).rejects.toThrow(/permission denied for schema/);
    });
    // A replica pointed at another project's schema is refused, nothing changed.
    const before = await dump(lab.leadPath);
    await withOpen(lab.leadPath, (p) => p.db.prepare('UPDATE team_replica SET schema_name = ?').run(published.schema));
    await expect(sync(lab.leadPath)).rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(/holds another project/) });
    await withOpen(lab.leadPath, (p) => p.db.prepare('UPDATE team_replica SET schema_name = ?').run(schema));
    expect(await dump(lab.leadPath)).toEqual(before);
  });

  it('a server schema from a newer Dyad is refused, nothing changed on either side', async () => {
    await as(lab.cluster.adminUrl, (c) => c.query(`UPDATE ${schema}.meta SET value = '99' WHERE key = 'schema_version'`));
    const before = await dump(ana);
    const ops = await count();
    try {
      await expect(sync(ana)).rejects.toMatchObject({ kind: 'newer-version', message: expect.stringMatching(/newer Dyad \(server schema version 99; this Dyad knows up to 4\)/) });
    } finally {
      await as(lab.cluster.adminUrl, (c) => c.query(`UPDATE ${schema}.meta SET value = '4' WHERE key = 'schema_version'`));
    }
    expect(await dump(ana)).toEqual(before);
    expect(await count()).toBe(ops);
  });

  it('a server that is down: the sync fails naming the server, local work goes on and syncs later', async () => {
    const secret = readFileSync(secretPath(ana), 'utf8');
    const down = new URL(secret.trim());
    down.port = '1';
    writeFileSync(secretPath(ana), down.toString());
    try {
      await withOpen(ana, (p) => C.createMemo(p.db, { targetKind: 'project', text: 'Written while the server was down' }));
      await expect(sync(ana)).rejects.toMatchObject({ kind: 'io', message: expect.stringMatching(/Could not reach the lab server ana@127\.0\.0\.1:1\/lab .*Your work here is kept/) });
      expect((await dump(ana)).outbox).toHaveLength(1);
    } finally {
      writeFileSync(secretPath(ana), secret);
    }
    expect(await sync(ana)).toMatchObject({ pushed: 1, pending: 0 });
  });

  it('a revoked coder is refused at once, even on a connection opened before, and their replica is left as it was', async () => {
    const c = new pg.Client({ connectionString: benUrl.replace(/\?project=.*/, '') });
    c.on('error', () => {});
    await c.connect();
    try {
      await withOpen(lab.leadPath, (p) => revokeCoder(p.db, 'lead.dyad', lab.leadPath, 'ben'));
      await expect(c.query(`SELECT count(*) FROM ${schema}.ops`)).rejects.toThrow(/permission denied/);
      await expect(insertOp(c, 'memos', 'x', 'delete', ids.ben, {})).rejects.toThrow(/permission denied/);
    } finally {
      await c.end().catch(() => {});
    }
    await withOpen(ben, (p) => C.createMemo(p.db, { targetKind: 'project', text: 'After revocation' }));
    const before = await dump(ben);
    await expect(sync(ben)).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringMatching(/refused ben: the password is wrong or this coder's access was revoked/) });
    expect(await dump(ben)).toEqual(before);
  });
});
