/**
 * Removing an interview after publishing: a lead's removal reaches everyone, the interview's codings (a coder's
 * offline ones too) and memos going with it; the lead's undo of it is a new operation that brings it back for
 * everyone; a coder cannot remove one, neither through Dyad nor by writing to the server directly.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { removeInterview } from '../../../electron/core/removeInterview';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

/** The interviews a replica holds, and the codings of each (by its file name). */
const holdings = (db: Db) => ({
  interviews: (db.prepare('SELECT source_name FROM interviews ORDER BY source_name').all() as { source_name: string }[]).map((r) => r.source_name),
  codings: (
    db.prepare('SELECT i.source_name AS file, count(*) AS n FROM codings g JOIN interviews i ON i.id = g.interview_id GROUP BY i.source_name ORDER BY i.source_name').all() as {
      file: string;
      n: number;
    }[]
  ).map((r) => `${r.file}: ${r.n}`),
  orphanCodings: (db.prepare('SELECT count(*) AS n FROM codings WHERE interview_id NOT IN (SELECT id FROM interviews)').get() as { n: number }).n,
  turns: (db.prepare('SELECT count(*) AS n FROM turns').get() as { n: number }).n,
});

describeWithPostgres('removing an interview after publishing', () => {
  let lab: Lab;
  let anaUrl: string;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    anaUrl = await lab.invite('ana');
    ana = await lab.join(anaUrl, 'ana.dyad');
  });
  afterAll(() => lab?.stop());

  const schema = () => lab.schema;
  const codeBy = (p: { db: Db }, interviewId: string, words: string, code: string) =>
    C.addCoding(p.db, { interviewId, ...spanOf(p.db, interviewId, words), codeId: C.findCodeByPath(p.db, null, code)!.id });

  it("reaches the coder, taking the interview's codings with it, her offline one too; the lead's undo brings it back for everyone", async () => {
    const { clientId, therapistId } = lab.study;
    await withOpen(ana, (p) => {
      codeBy(p, therapistId, 'I pressed harder', 'Rupture');
      codeBy(p, clientId, 'I felt small', 'Shame');
    });
    await sync(ana);
    await sync(lab.leadPath);
    // Ana codes the therapist's interview again, offline, while the lead removes it.
    await withOpen(ana, (p) => codeBy(p, therapistId, 'let the silence be', 'Trust'));
    const removed = await withOpen(lab.leadPath, (p) => removeInterview(p.db, therapistId));
    expect(removed).toMatchObject({ codings: 1, sessionRemoved: false });
    await sync(lab.leadPath);
    await sync(ana);
    await sync(lab.leadPath);

    const gone = { interviews: ['D07_S1_client.txt'], codings: ['D07_S1_client.txt: 1'], orphanCodings: 0 };
    expect(await withOpen(ana, (p) => holdings(p.db))).toMatchObject(gone);
    expect(await withOpen(lab.leadPath, (p) => holdings(p.db))).toMatchObject(gone);
    expect(await withOpen(ana, (p) => (p.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n)).toBe(0);

    // The lead's undo: a new operation; the interview comes back whole, with the coding it had when removed.
    await withOpen(lab.leadPath, (p) => expect(C.undo(p.db)).toMatch(/Delete interview D07_S1_therapist/));
    await sync(lab.leadPath);
    await sync(ana);
    const back = { interviews: ['D07_S1_client.txt', 'D07_S1_therapist.txt'], codings: ['D07_S1_client.txt: 1', 'D07_S1_therapist.txt: 1'], orphanCodings: 0 };
    const lead = await withOpen(lab.leadPath, (p) => holdings(p.db));
    expect(lead).toMatchObject(back);
    expect(await withOpen(ana, (p) => holdings(p.db))).toEqual(lead);
  });

  it('a coder cannot remove an interview: Dyad refuses before sending, and the server refuses it written directly', async () => {
    // Her coding of the client's interview (the first test's), and a memo on it: the removal takes both here.
    await withOpen(ana, (p) => {
      const coding = p.db.prepare('SELECT id FROM codings WHERE interview_id = ?').get(lab.study.clientId) as { id: string };
      C.createMemo(p.db, { targetKind: 'coding', targetId: coding.id, title: 'why small', text: 'she shrinks when the therapist presses' });
    });
    await sync(ana);
    await sync(lab.leadPath);
    const before = await withOpen(lab.leadPath, (p) => ({ ...holdings(p.db), memos: p.db.prepare("SELECT title FROM memos WHERE title = 'why small'").all() }));
    expect(before).toMatchObject({ codings: ['D07_S1_client.txt: 1', 'D07_S1_therapist.txt: 1'], memos: [{ title: 'why small' }] });

    const url = new URL(anaUrl);
    url.searchParams.delete('project');
    const asAna = async (sql: string) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };
    const seqBefore = Number((await asAna(`SELECT coalesce(max(seq), 0) AS m FROM ${schema()}.ops`))[0]!.m);

    await withOpen(ana, (p) => removeInterview(p.db, lab.study.clientId));
    // Refused before sending and kept with the reason (refused.test.ts); the interview stays on the server, and so do
    // her coding and memo on it: their deletions, caused by the removal, are held back with it and never sent.
    expect(await sync(ana)).toMatchObject({ pushed: 0, refused: 1, pending: 0 });
    expect(await withOpen(ana, (p) => p.db.prepare('SELECT what, reason FROM team_refused WHERE part_of IS NULL').all())).toEqual([
      { what: 'the removal of an interview', reason: 'only a lead removes interviews; ana is not a lead of this project' },
    ]);
    expect(await withOpen(ana, (p) => p.db.prepare('SELECT what, reason FROM team_refused WHERE part_of IS NOT NULL ORDER BY what').all())).toEqual([
      { what: 'the deletion of a coding', reason: 'held back with the refused removal of its interview' },
      { what: 'the deletion of a memo', reason: 'held back with the refused removal of its interview' },
    ]);
    await sync(lab.leadPath);
    expect(await withOpen(lab.leadPath, (p) => ({ ...holdings(p.db), memos: p.db.prepare("SELECT title FROM memos WHERE title = 'why small'").all() }))).toEqual(before);

    // Nothing of the removal reached the server under her name (read with her own credentials).
    expect(await asAna(`SELECT kind, target FROM ${schema()}.ops WHERE author = 'ana' AND seq > ${seqBefore}`)).toEqual([]);
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      const before = Number((await c.query(`SELECT count(*) AS n FROM ${schema()}.ops`)).rows[0].n);
      await expect(
        c.query(`INSERT INTO ${schema()}.ops (op_id, target, row_id, kind, payload) VALUES (gen_random_uuid(), 'interviews', $1, 'delete', '{}')`, [lab.study.clientId]),
      ).rejects.toMatchObject({ code: '42501' });
      expect(Number((await c.query(`SELECT count(*) AS n FROM ${schema()}.ops`)).rows[0].n)).toBe(before);
    } finally {
      await c.end();
    }
    await sync(lab.leadPath);
    expect(await withOpen(lab.leadPath, (p) => holdings(p.db).interviews)).toContain('D07_S1_client.txt');
  });
});
