/**
 * Server schema 4: a push's operations are checked as a set, once per INSERT, not one by one (at a lab's scale the
 * row-by-row lookups made most of a push's time on the server). The rules are those of privileges.test.ts, whatever
 * the mix of operations in one statement; a server set up by an older Dyad is brought up to date by its owner's sync.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';
import { rowByRowChecks } from './olderSchema';

describeWithPostgres('a push checked as a set on the lab server (server schema 4)', () => {
  let lab: Lab;
  let anaUrl: string;
  let ana: string;
  let ids: { ana: string; ben: string; benCoding: string; lea: string; shame: string };
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
  const admin = <T>(fn: (c: pg.Client) => Promise<T>) => as(lab.cluster.adminUrl, fn);
  const count = () => admin(async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${lab.schema}.ops`)).rows[0].n));
  const ownerOf = (rowId: string) => admin(async (c) => (await c.query(`SELECT coder_id FROM ${lab.schema}.owners WHERE row_id = $1`, [rowId])).rows.map((r) => r.coder_id));
  const version = () => admin(async (c) => (await c.query(`SELECT value FROM ${lab.schema}.meta WHERE key = 'schema_version'`)).rows[0].value);
  let at = 0;
  /** A coding's row as a replica sends it, each at a place of its own. */
  const row = (id: string, coderId: string) => ({ id, coder_id: coderId, interview_id: lab.study.clientId, code_id: ids.shame, start: ++at, end: at + 3, created_at: new Date().toISOString() });
  /** Several operations in ONE INSERT, as a push sends them; returns the authors recorded, in order. */
  const insertAll = (c: pg.Client, ops: { target: string; rowId: string; kind: string; owner?: string | null; payload: object }[]) =>
    c.query(
      `INSERT INTO ${lab.schema}.ops (op_id, target, row_id, kind, owner, payload)
       SELECT gen_random_uuid(), target, row_id, kind, owner, payload FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS t(target, row_id, kind, owner, payload, n) ORDER BY n
       RETURNING author, owner`,
      [ops.map((o) => o.target), ops.map((o) => o.rowId), ops.map((o) => o.kind), ops.map((o) => o.owner ?? null), ops.map((o) => JSON.stringify(o.payload))],
    );

  beforeAll(async () => {
    lab = await startLab();
    anaUrl = await lab.invite('ana');
    ana = await lab.join(anaUrl, 'ana.dyad');
    const ben = await lab.member('ben');
    const benCoding = await withOpen(ben, (p) => {
      const shame = C.findCodeByPath(p.db, null, 'Shame')!;
      return C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'I felt small'), codeId: shame.id }).coding.id;
    });
    await sync(ben);
    ids = {
      ana: await withOpen(ana, (p) => C.currentCoder(p.db)!.id),
      ben: await withOpen(ben, (p) => C.currentCoder(p.db)!.id),
      lea: await withOpen(lab.leadPath, (p) => C.currentCoder(p.db)!.id),
      shame: await withOpen(ana, (p) => C.findCodeByPath(p.db, null, 'Shame')!.id),
      benCoding,
    };
  });
  afterAll(() => lab?.stop());

  it('takes a coder\'s own codings and memos by the hundred in one statement, recording her as their maker', async () => {
    const before = await count();
    const mine = Array.from({ length: 300 }, () => crypto.randomUUID());
    await as(anaUrl, async (c) => {
      const r = await insertAll(c, [
        ...mine.map((id) => ({ target: 'codings', rowId: id, kind: 'put', payload: { row: row(id, ids.ana) } })),
        // Her own coding, made and removed within the same push.
        { target: 'codings', rowId: mine[0]!, kind: 'delete', owner: ids.ana, payload: {} },
      ]);
      expect(new Set(r.rows.map((x) => x.author))).toEqual(new Set(['ana']));
    });
    expect(await count()).toBe(before + 301);
    expect(await ownerOf(mine[299]!)).toEqual([ids.ana]);
  });

  it("refuses the whole statement when one operation in it breaks a rule, naming the first such in the order sent", async () => {
    const before = await count();
    const fresh = crypto.randomUUID();
    const own = { target: 'codings', rowId: fresh, kind: 'put', payload: { row: row(fresh, ids.ana) } };
    await as(anaUrl, async (c) => {
      // Ben's coding deleted, claimed as hers, or put under her name: among her own, the statement is refused.
      await expect(insertAll(c, [own, { target: 'codings', rowId: ids.benCoding, kind: 'delete', owner: ids.ana, payload: {} }])).rejects.toThrow(/only a lead changes another coder's codings/);
      await expect(insertAll(c, [own, { target: 'codings', rowId: ids.benCoding, kind: 'put', payload: { row: row(ids.benCoding, ids.ana) } }])).rejects.toThrow(/only a lead changes another coder's codings/);
      // A memo made as Ben's: refused though nobody has recorded it yet.
      const memo = crypto.randomUUID();
      await expect(insertAll(c, [own, { target: 'memos', rowId: memo, kind: 'put', payload: { row: { id: memo, coder_id: ids.ben } } }])).rejects.toThrow(/only a lead changes another coder's memos/);
      // The first broken rule in the order sent is the one named.
      const rename = { target: 'codes', rowId: ids.shame, kind: 'set', payload: { field: 'name', value: 'Guilt' } };
      const correction = { target: 'interviews', rowId: lab.study.clientId, kind: 'text', payload: { text: 'gone' } };
      await expect(insertAll(c, [own, rename, correction])).rejects.toThrow(/only a lead changes the codebook/);
      await expect(insertAll(c, [own, correction, rename])).rejects.toThrow(/only a lead corrects transcripts/);
      // Her own name, but not another coder's.
      await expect(insertAll(c, [{ target: 'coders', rowId: ids.ben, kind: 'put', payload: { row: { id: ids.ben, name: 'ana' } } }])).rejects.toThrow(/only a lead changes the codebook/);
    });
    expect(await count()).toBe(before);
    expect(await ownerOf(fresh)).toEqual([]);
  });

  it("lets a lead change anyone's work, and keeps a coding's first maker when it is put twice in one statement", async () => {
    const id = crypto.randomUUID();
    await as(lab.cluster.adminUrl, (c) =>
      insertAll(c, [
        { target: 'codings', rowId: id, kind: 'put', payload: { row: row(id, ids.ben) } },
        { target: 'codings', rowId: id, kind: 'put', payload: { row: row(id, ids.lea) } },
        { target: 'codings', rowId: ids.benCoding, kind: 'delete', owner: ids.ben, payload: {} },
      ]),
    );
    expect(await ownerOf(id)).toEqual([ids.ben]);
    // Ben's, whatever the lead's later put says: Ana still may not touch it.
    await as(anaUrl, async (c) => {
      await expect(insertAll(c, [{ target: 'codings', rowId: id, kind: 'delete', owner: ids.ana, payload: {} }])).rejects.toThrow(/only a lead changes another coder's codings/);
    });
  });

  it('a server of schema 3 (each operation checked alone) is brought up to date by its owner\'s sync, not by a coder\'s', async () => {
    // What server schema 3 had: the row-by-row check. Put back, as on a server set up by the Dyad before this one.
    await admin((c) => c.query(`${rowByRowChecks(lab.schema)} UPDATE ${lab.schema}.meta SET value = '3' WHERE key = 'schema_version';`));
    expect(await version()).toBe('3');
    await withOpen(ana, (p) => C.createMemo(p.db, { targetKind: 'project', text: 'Sent to a schema-3 server' }));
    expect(await sync(ana)).toMatchObject({ pushed: 1, pending: 0 });
    expect(await version()).toBe('3');
    await sync(lab.leadPath);
    expect(await version()).toBe('4');
    const triggers = await admin(async (c) =>
      (await c.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = '${lab.schema}.ops'::regclass AND NOT tgisinternal ORDER BY tgname`)).rows.map((r) => r.tgname),
    );
    expect(triggers).toEqual(['check_ops', 'stamp_op']);
    // The rules hold after the upgrade, and the replicas go on syncing.
    await as(anaUrl, async (c) => {
      await expect(insertAll(c, [{ target: 'codings', rowId: ids.benCoding, kind: 'delete', owner: ids.ben, payload: {} }])).rejects.toThrow(/only a lead changes another coder's codings/);
    });
    await withOpen(ana, (p) => C.createMemo(p.db, { targetKind: 'project', text: 'Sent to a schema-4 server' }));
    expect(await sync(ana)).toMatchObject({ pushed: 1, pending: 0 });
  });
});
