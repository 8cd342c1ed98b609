/**
 * Removing an interview after publishing: a lead's removal reaches everyone, the interview's codings (a coder's
 * offline ones too) and memos going with it; the lead's undo of it is a new operation that brings it back for
 * everyone; a coder cannot remove one, neither through Dyad nor by writing to the server directly.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { interviewUsage, removeInterview } from '../../../electron/core/removeInterview';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { discardRefused } from '../../../electron/labServer/discard';
import { loadSecret } from '../../../electron/labServer/connect';
import { projectOf, serverProject, startLab, sync, withOpen, type Lab } from './fixture';

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

  it('a lead demoted by another lead during the very sync that sends her removal: refused mid-push, the deletions it caused are held back with it', async () => {
    const { clientId, therapistId } = lab.study;
    const dee = await lab.member('dee', true);
    // On the server before: Dee's coding of the client's interview with her memo on it, and Eve's coding there.
    const hers = await withOpen(dee, (p) => {
      const c = codeBy(p, clientId, 'like a child caught out', 'Shame').coding.id;
      C.createMemo(p.db, { targetKind: 'coding', targetId: c, title: 'caught out', text: 'the shame of being seen' });
      return c;
    });
    const eve = await lab.member('eve');
    await withOpen(eve, (p) => codeBy(p, clientId, 'I could not look at her', 'Trust'));
    await sync(eve);
    await sync(dee);
    const leadHolds = async () => {
      await sync(lab.leadPath);
      return withOpen(lab.leadPath, (p) => ({ ...holdings(p.db), memos: p.db.prepare("SELECT title FROM memos WHERE title = 'caught out'").all() }));
    };
    const before = await leadHolds();
    expect(before.memos).toEqual([{ title: 'caught out' }]);
    await sync(dee);
    const onClient = await withOpen(dee, (p) => p.db.prepare('SELECT count(*) FROM codings WHERE interview_id = ?').pluck().get(clientId) as number);
    const memosOn = await withOpen(dee, (p) => interviewUsage(p.db, clientId).memos);
    expect([onClient, memosOn]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(onClient).toBeGreaterThanOrEqual(2);

    // Offline: a coding of the therapist's interview, then the client's interview removed (its codings and memo with it).
    await withOpen(dee, (p) => codeBy(p, therapistId, 'I pressed harder', 'Trust'));
    await withOpen(dee, (p) => removeInterview(p.db, clientId));
    // Another lead demotes her while her push is under way: after this sync's check of her rights, before the server
    // takes her operations (a separate connection that commits at once).
    let demoted = false;
    const r = await sync(dee, {
      progress: (_done, _total, message) => {
        if (demoted || !message.startsWith('Sending')) return;
        demoted = true;
        const sql = `UPDATE ${schema()}.members SET lead = false WHERE role = 'dee'`;
        execFileSync(process.execPath, ['-e', 'const pg = require("pg"); const c = new pg.Client({ connectionString: process.argv[1] }); c.connect().then(() => c.query(process.argv[2])).then(() => c.end())', lab.cluster.adminUrl, sql]);
      },
    });
    expect(demoted).toBe(true);
    // The coding before the removal went; the removal was refused by the server, with its deletions held back.
    expect(r).toMatchObject({ pushed: 1, refused: 1, pending: 0 });
    expect(await withOpen(dee, (p) => p.db.prepare('SELECT what, reason FROM team_refused WHERE part_of IS NULL').all())).toEqual([
      { what: 'the removal of an interview', reason: expect.stringMatching(/lead/) },
    ]);
    // Eve's coding's deletion too: refused on their own, they would come back before their interview.
    expect(await withOpen(dee, (p) => p.db.prepare('SELECT what FROM team_refused WHERE part_of IS NOT NULL ORDER BY what').pluck().all())).toEqual([
      ...Array<string>(onClient).fill('the deletion of a coding'),
      ...Array<string>(memosOn).fill('the deletion of a memo'),
    ]);
    const therapistCodings = (h: { codings: string[] }) => h.codings.filter((c) => c.startsWith('D07_S1_therapist'));
    const after = await leadHolds();
    expect(after).toEqual({ ...before, codings: expect.any(Array) });
    expect(after.codings.filter((c) => c.startsWith('D07_S1_client'))).toEqual([`D07_S1_client.txt: ${onClient}`]);
    expect(therapistCodings(after)).not.toEqual(therapistCodings(before));
    expect(await withOpen(lab.leadPath, (p) => p.db.prepare('SELECT count(*) FROM codings WHERE id = ?').pluck().get(hers))).toBe(1);

    // Taking the server's value back: the interview returns with both codings and the memo, as the server has them.
    await withOpen(dee, (p) => discardRefused(p.db, 'dee.dyad', loadSecret(dee), { all: true }));
    expect(await sync(dee)).toMatchObject({ pushed: 0, refused: 0, pending: 0 });
    expect(await projectOf(dee)).toEqual(await serverProject(lab, dee));
  });
});
