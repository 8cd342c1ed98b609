/**
 * Live updates: a replica open with a listener (as in the app or under `dyad serve`) receives another coder's push
 * without syncing itself, tells its windows through 'changed' events, and keeps listening across a restart of the
 * server. The delay from the push to the coding being in the other replica is printed; only its arrival is asserted
 * (the machine is shared), with a generous wait.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/define';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { LiveUpdates } from '../../../electron/labServer/live';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

/** Polls until `ready` answers true (every 5 ms); returns the time since `since` (default: now). */
async function waitFor(ready: () => boolean, timeoutMs: number, what: string, since = performance.now()): Promise<number> {
  const t0 = performance.now();
  while (!ready()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - since;
}

describeWithPostgres("live updates: another coder's push arrives without a sync", () => {
  let lab: Lab;
  let ana: string;
  let ben: string;
  let benProject: Project;
  let live: LiveUpdates;
  const events: ApiEvent[] = [];
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
    ben = await lab.member('ben');
    benProject = Project.open(ben);
    live = new LiveUpdates(benProject, (e) => events.push(e), { retryDelay: () => 200 });
    live.start();
    await waitFor(() => live.state === 'listening', 20_000, 'the listener to connect');
  });
  afterAll(async () => {
    await live?.stop();
    benProject?.close();
    lab?.stop();
  });

  const codingOnBen = (id: string) => () => !!benProject.db.prepare('SELECT 1 FROM codings WHERE id = ?').get(id);

  /** Ana codes a passage and syncs; the time is when her push was committed on the server. */
  async function anaCodes(words: string): Promise<{ id: string; pushedAt: number }> {
    const id = await withOpen(ana, (p) => {
      const shame = C.findCodeByPath(p.db, null, 'Shame')!;
      return C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, words), codeId: shame.id }).coding.id;
    });
    let pushedAt = 0;
    await sync(ana, { interrupt: (at) => void (at === 'after-push-commit' && (pushedAt = performance.now())) });
    return { id, pushedAt };
  }

  it("Ben's replica has Ana's coding once she pushed it, and its windows are told to refresh the codings", async () => {
    events.length = 0;
    const { id, pushedAt } = await anaCodes('I felt small');
    const ms = await waitFor(codingOnBen(id), 15_000, "Ana's coding on Ben's replica", pushedAt);
    console.log(`live update: Ana's coding on Ben's replica ${ms.toFixed(0)} ms after her push was committed`);
    expect(benProject.db.prepare('SELECT c.name FROM codings g JOIN coders c ON c.id = g.coder_id WHERE g.id = ?').get(id)).toEqual({ name: 'ana' });
    await waitFor(() => events.some((e) => e.type === 'changed' && e.what.includes('codings')), 5000, "a 'changed' event naming the codings");
    // Nothing waits to be sent, and a sync of Ben's brings nothing more: the listener moved the sequence on.
    expect((benProject.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n).toBe(0);
  });

  it('keeps listening after the server restarts, and catches up', async () => {
    const before = live.connections;
    lab.cluster.restart();
    const { id, pushedAt } = await (async () => {
      // Ana retries as a coder would while the server comes back.
      for (let i = 0; ; i++) {
        try {
          return await anaCodes('like a child caught out');
        } catch (e) {
          if (i > 50) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    })();
    const ms = await waitFor(codingOnBen(id), 30_000, "Ana's coding on Ben's replica after the restart", pushedAt);
    console.log(`live update after a server restart: ${ms.toFixed(0)} ms after Ana's push was committed`);
    await waitFor(() => live.state === 'listening', 30_000, 'the listener to be back');
    expect(live.connections).toBeGreaterThan(before);
    const again = await anaCodes('Relief, honestly');
    const ms2 = await waitFor(codingOnBen(again.id), 15_000, 'the next coding', again.pushedAt);
    console.log(`live update, the next push after the restart: ${ms2.toFixed(0)} ms`);
  });

  it("a change made on Ben's replica while it listens is pushed without a sync, and reaches Ana's", async () => {
    const id = benProject.writes.run(() => {
      const trust = C.findCodeByPath(benProject.db, null, 'Trust')!;
      return C.addCoding(benProject.db, { interviewId: lab.study.therapistId, ...spanOf(benProject.db, lab.study.therapistId, 'let the silence be'), codeId: trust.id }).coding.id;
    });
    live.localChange();
    const codingId = await id;
    await waitFor(() => (benProject.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n === 0, 15_000, "Ben's change to be sent");
    await sync(ana);
    expect(await withOpen(ana, (p) => p.db.prepare('SELECT 1 AS there FROM codings WHERE id = ?').get(codingId))).toEqual({ there: 1 });
  });
});

describeWithPostgres('dyad serve listens on a replica it serves', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(() => lab?.stop());

  it("team.status says the page receives the team's changes live, and a lead's memo arrives without a sync", async () => {
    const { startServer } = await import('../../../electron/server/server');
    const cara = await lab.member('cara');
    const project = Project.open(cara);
    const server = await startServer({ project, staticDir: lab.study.path('no-ui'), warmAnalysis: false });
    try {
      const status = async () => {
        const r = await fetch(`http://127.0.0.1:${server.port}/api/call/team.status`, { method: 'POST', headers: { 'x-dyad-token': server.token, 'content-type': 'application/json' }, body: '{}' });
        return ((await r.json()) as { value: { live?: string } }).value;
      };
      const t0 = performance.now();
      while ((await status()).live !== 'listening') {
        if (performance.now() - t0 > 20_000) throw new Error('never listening');
        await new Promise((r) => setTimeout(r, 50));
      }
      await withOpen(lab.leadPath, (p) => C.createMemo(p.db, { targetKind: 'project', text: 'Read the codebook before Monday' }));
      await sync(lab.leadPath);
      await waitFor(() => !!project.db.prepare("SELECT 1 FROM memos WHERE text = 'Read the codebook before Monday'").get(), 15_000, "the lead's memo");
    } finally {
      await server.close();
      project.close();
    }
  });
});
