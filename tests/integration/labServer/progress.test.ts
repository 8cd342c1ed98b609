/**
 * A long sync says how far it is and can be cancelled, leaving the replica consistent: the batches already received
 * stay with their sequence number, a push not yet committed is rolled back (nothing on the server, everything still
 * waiting here), and the next sync finishes the work. Prints the time of a sync of 1,000 operations each way.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { ApiEvent } from '../../../shared/api/define';
import { describeWithPostgres } from '../../helpers/postgres';
import { startLab, sync, withOpen, type Lab } from './fixture';

type Step = { done: number; total: number; message: string };

describeWithPostgres('a long sync reports progress and can be cancelled', () => {
  let lab: Lab;
  let ana: string;
  let ben: string;
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
    ben = await lab.member('ben');
  });
  afterAll(() => lab?.stop());

  const memoCount = (path: string) => withOpen(path, (p) => (p.db.prepare('SELECT count(*) AS n FROM memos').get() as { n: number }).n);
  const lastSeq = (path: string) => withOpen(path, (p) => (p.db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq);
  const serverOpsBy = async (role: string) => {
    const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await c.connect();
    try {
      return Number((await c.query(`SELECT count(*) AS n FROM ${lab.schema}.ops WHERE author = $1`, [role])).rows[0].n);
    } finally {
      await c.end();
    }
  };

  it('1,000 operations each way, with progress from 0 to all of them', async () => {
    await withOpen(lab.leadPath, (p) => {
      for (let i = 0; i < 1000; i++) C.createMemo(p.db, { targetKind: 'project', text: `Note ${i} on the alliance` });
    });
    const sent: Step[] = [];
    let t0 = performance.now();
    const pushed = await sync(lab.leadPath, { progress: (done, total, message) => sent.push({ done, total, message }) });
    const pushMs = performance.now() - t0;
    expect(pushed.pushed).toBe(1000);
    expect(sent[0]).toMatchObject({ done: 0, total: 1000 });
    expect(sent.at(-1)).toMatchObject({ done: 1000, total: 1000, message: 'Sent 1000 of 1000 changes' });

    const received: Step[] = [];
    t0 = performance.now();
    const pulled = await sync(ana, { batch: 250, progress: (done, total, message) => received.push({ done, total, message }) });
    const pullMs = performance.now() - t0;
    console.log(`sync of 1,000 operations: push ${pushMs.toFixed(0)} ms, pull ${pullMs.toFixed(0)} ms (batches of 250, ${received.length} progress reports)`);
    expect(pulled.pulled).toBeGreaterThanOrEqual(1000);
    expect(received.map((s) => s.done)).toEqual([...received.map((s) => s.done)].sort((a, b) => a - b));
    expect(received.at(-1)!.done).toBe(received.at(-1)!.total);
    expect(received.length).toBeGreaterThanOrEqual(5);
    expect(await memoCount(ana)).toBe(await memoCount(lab.leadPath));
  }, 120_000);

  it('a pull cancelled midway keeps the batches it saved, nothing half-applied, and the next sync brings the rest', async () => {
    const controller = new AbortController();
    const cut = sync(ben, {
      batch: 100,
      signal: controller.signal,
      progress: (done) => {
        if (done >= 300) controller.abort();
      },
    });
    await expect(cut).rejects.toMatchObject({ kind: 'cancelled' });
    // Three batches of 100 in their own transactions, with the sequence number they reached.
    const seq = await lastSeq(ben);
    const memos = await memoCount(ben);
    expect(memos).toBeGreaterThan(0);
    expect(memos).toBeLessThan(1000);
    const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await c.connect();
    const upTo = Number(
      (await c.query(`SELECT count(*) AS n FROM ${lab.schema}.ops WHERE seq <= $1 AND target = 'memos'`, [seq])).rows[0].n,
    );
    await c.end();
    expect(memos).toBe(upTo);
    expect(await withOpen(ben, (p) => (p.db.prepare('SELECT applying FROM team_replica').get() as { applying: number }).applying)).toBe(0);
    await sync(ben);
    expect(await memoCount(ben)).toBe(await memoCount(lab.leadPath));
  });

  it('a push cancelled before it commits sends nothing; the changes wait and go with the next sync', async () => {
    await withOpen(ana, (p) => {
      for (let i = 0; i < 1200; i++) C.createMemo(p.db, { targetKind: 'project', text: `Ana's thought ${i}` });
    });
    const controller = new AbortController();
    const cut = sync(ana, {
      signal: controller.signal,
      progress: (_done, _total, message) => {
        if (message.startsWith('Sent')) controller.abort();
      },
    });
    await expect(cut).rejects.toMatchObject({ kind: 'cancelled', message: expect.stringMatching(/nothing was sent/) });
    expect(await serverOpsBy('ana')).toBe(0);
    expect(await withOpen(ana, (p) => (p.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n)).toBe(1200);
    const r = await sync(ana);
    expect(r.pushed).toBe(1200);
    expect(await serverOpsBy('ana')).toBe(1200);
  });
});

describeWithPostgres("team.sync as a job: the app's progress events and its Cancel", () => {
  let lab: Lab;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
    await withOpen(lab.leadPath, (p) => {
      for (let i = 0; i < 600; i++) C.createMemo(p.db, { targetKind: 'project', text: `Note ${i}` });
    });
    await sync(lab.leadPath);
  });
  afterAll(() => lab?.stop());

  it("reports progress under the call's jobId, and jobs.cancel stops it with what was received kept", async () => {
    const { dispatch } = await import('../../../electron/api/dispatch');
    const { createHandlers } = await import('../../../electron/api/handlers');
    const { JobRegistry } = await import('../../../electron/api/context');
    const { Project } = await import('../../../electron/core/project');
    const project = Project.open(ana);
    try {
      const jobs = new JobRegistry();
      const events: ApiEvent[] = [];
      const r = await dispatch(createHandlers(), { project, jobs, emit: (e) => {
        events.push(e);
        // Cancelled as the researcher would press Cancel, once the first changes are in.
        if (e.type === 'progress' && e.done > 0) jobs.cancel('sync-1');
      } }, 'team.sync', { jobId: 'sync-1' });
      expect(r).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
      const progress = events.filter((e) => e.type === 'progress');
      expect(progress[0]).toMatchObject({ jobId: 'sync-1', done: 0 });
      const received = (project.db.prepare('SELECT count(*) AS n FROM memos').get() as { n: number }).n;
      expect(received).toBeGreaterThan(0);
      // The screen is told of what arrived before the cancel.
      expect(events.some((e) => e.type === 'changed' && e.what.includes('memos'))).toBe(true);
    } finally {
      project.close();
    }
    expect((await sync(ana)).pending).toBe(0);
    expect(await withOpen(ana, (p) => (p.db.prepare('SELECT count(*) AS n FROM memos').get() as { n: number }).n)).toBe(600);
  });
});
