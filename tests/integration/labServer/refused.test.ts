/**
 * An operation the server refuses for good no longer holds back the replica's later changes: it is kept as refused
 * with the reason (status, `dyad team status --json`), and the changes after it go. A connection lost in the middle
 * of a push is not a refusal: nothing is marked, and the next sync sends the same operations in the same order.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { teamStatus } from '../../../electron/labServer/members';
import { dyadJson } from '../../helpers/cli';
import { describeWithPostgres } from '../../helpers/postgres';
import { readableCodings, spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('operations the lab server refuses', () => {
  let lab: Lab;
  let ana: string;
  let ben: string;
  let schema: string;
  const asAdmin = async (sql: string) => {
    const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await c.connect();
    try {
      return (await c.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  };
  const code = (path: string, words: string, codeName: string) =>
    withOpen(path, (p) => C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, words), codeId: C.findCodeByPath(p.db, null, codeName)!.id }).coding.id);
  const refusedHere = (path: string) => withOpen(path, (p) => p.db.prepare('SELECT what, reason FROM team_refused ORDER BY refused_at').all());
  const outboxOf = (path: string) => withOpen(path, (p) => p.db.prepare('SELECT target FROM team_outbox ORDER BY seq').all());

  beforeAll(async () => {
    lab = await startLab();
    schema = lab.schema;
    ana = await lab.member('ana');
    ben = await lab.member('ben', true);
  });
  afterAll(() => lab?.stop());

  it('a lead who lost the right: the rename is refused and kept with the reason, the coding after it reaches the team', async () => {
    await withOpen(ben, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Shame')!.id, { name: 'Shame (self)' }));
    await code(ben, 'I felt small', 'Trust');
    await asAdmin(`UPDATE ${schema}.members SET lead = false WHERE role = 'ben'`);

    const r = await sync(ben);
    expect(r).toMatchObject({ pushed: 1, refused: 1, pending: 0 });
    expect(await refusedHere(ben)).toEqual([{ what: 'the name of a code', reason: 'only a lead changes the codebook; ben is not a lead of this project' }]);
    await sync(lab.leadPath);
    const lead = await withOpen(lab.leadPath, (p) => ({ codings: readableCodings(p.db), shame: !!C.findCodeByPath(p.db, null, 'Shame') }));
    expect(lead.codings.some((c) => c.includes('I felt small | Trust | ben'))).toBe(true);
    expect(lead.shame).toBe(true);

    // Later changes are not held back.
    await code(ben, 'I felt small', 'Shame (self)');
    await code(ben, 'I felt small', 'Rupture');
    expect(await sync(ben)).toMatchObject({ pushed: 2, refused: 0, pending: 0 });
    await sync(lab.leadPath);
    expect((await withOpen(lab.leadPath, (p) => readableCodings(p.db))).some((c) => c.includes('I felt small | Rupture | ben'))).toBe(true);
  });

  it('a value the server can never store: refused by PostgreSQL with its reason, shown by dyad team status --json', async () => {
    // A NUL character (pasted from a PDF, say) is fine in the replica, and never accepted in PostgreSQL's jsonb.
    await withOpen(ana, (p) => C.createMemo(p.db, { targetKind: 'interview', targetId: lab.study.clientId, title: 'pasted', text: 'before\u0000after' }));
    await code(ana, 'I felt small', 'Shame');
    const r = await sync(ana);
    expect(r).toMatchObject({ pushed: 1, refused: 1, pending: 0 });
    const [refused] = (await refusedHere(ana)) as { what: string; reason: string }[];
    expect(refused!.what).toBe('a memo');
    expect(refused!.reason).toMatch(/unsupported Unicode escape sequence/);
    await sync(lab.leadPath);
    expect((await withOpen(lab.leadPath, (p) => readableCodings(p.db))).some((c) => c.includes('I felt small | Shame | ana'))).toBe(true);
    expect(await withOpen(lab.leadPath, (p) => p.db.prepare("SELECT count(*) AS n FROM memos WHERE title = 'pasted'").get())).toEqual({ n: 0 });
    // Kept in ana's replica as written.
    expect(await withOpen(ana, (p) => p.db.prepare("SELECT count(*) AS n FROM memos WHERE title = 'pasted'").get())).toEqual({ n: 1 });

    const status = await withOpen(ana, (p) => teamStatus(p.db, 'ana.dyad', ana));
    expect(status.refused).toMatchObject({ count: 1, latest: [{ what: 'a memo', reason: expect.stringMatching(/unsupported Unicode escape sequence/) }] });
    const json = (await dyadJson('team', 'status', ana)) as { refused: { count: number; latest: { what: string; reason: string }[] } };
    expect(json.refused.count).toBe(1);
    expect(json.refused.latest[0]!.reason).toMatch(/unsupported Unicode escape sequence/);
  });

  it('a connection lost during a push is no refusal: nothing is marked, and the next sync sends the same operations in order', async () => {
    // The server cuts ana's connection in the middle of her push (as a restart or a network drop would).
    await asAdmin(`CREATE FUNCTION ${schema}.cut_off() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF session_user = 'ana' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$;
      CREATE TRIGGER cut_off BEFORE INSERT ON ${schema}.ops FOR EACH ROW EXECUTE FUNCTION ${schema}.cut_off();`);
    const made = [await code(ana, 'I could not look at her', 'Trust'), await code(ana, 'I could not look at her', 'Rupture'), await code(ana, 'like a child caught out', 'Shame')];
    const before = Number((await asAdmin(`SELECT max(seq) AS m FROM ${schema}.ops`))[0]!.m);
    try {
      await expect(sync(ana)).rejects.toMatchObject({ kind: 'io' });
    } finally {
      await asAdmin(`DROP TRIGGER cut_off ON ${schema}.ops; DROP FUNCTION ${schema}.cut_off()`);
    }
    expect(await outboxOf(ana)).toEqual([{ target: 'codings' }, { target: 'codings' }, { target: 'codings' }]);
    expect(await refusedHere(ana)).toHaveLength(1); // the memo of the test before, nothing new
    expect(Number((await asAdmin(`SELECT max(seq) AS m FROM ${schema}.ops`))[0]!.m)).toBe(before);

    expect(await sync(ana)).toMatchObject({ pushed: 3, refused: 0, pending: 0 });
    const sent = await asAdmin(`SELECT row_id FROM ${schema}.ops WHERE seq > ${before} ORDER BY seq`);
    expect(sent.map((r) => r.row_id)).toEqual(made);
  });
});
