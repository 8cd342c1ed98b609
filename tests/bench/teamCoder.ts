/**
 * One simulated coder for the lab-server bench (teamServer.ts), in a process of its own: its own replica, its own
 * login and connections, live updates listening as in the app. The bench tells it what to do over the IPC channel:
 * join, listen, code passages and write memos, sync, and report when another coder's coding has arrived.
 */
import { loadavg } from 'node:os';
import { addCoding } from '../../electron/core/coding/codings';
import { createMemo } from '../../electron/core/coding/memos';
import { Project } from '../../electron/core/project';
import { loadSecret } from '../../electron/labServer/connect';
import { LiveUpdates } from '../../electron/labServer/live';
import { joinProject } from '../../electron/labServer/publish';
import { syncReplica, type SyncTimings } from '../../electron/labServer/sync';
import { rng } from '../helpers/rng';

export type CoderCommand =
  | { do: 'join'; url: string; file: string }
  | { do: 'listen' }
  | { do: 'work'; codings: number; memos: number; seed: number }
  | { do: 'sync' }
  | { do: 'expect'; codingId: string }
  | { do: 'stop' };

export type CoderReply =
  | { done: 'join'; ms: number; cpuMs: number; load: number; applied: number }
  | { done: 'listen' }
  | { done: 'work'; lastCodingId: string; made: number }
  | { done: 'sync'; ms: number; cpuMs: number; load: number; pushed: number; startedAt: number; timings: SyncTimings }
  | { done: 'expect' }
  | { seen: string; at: number }
  | { done: 'stop' }
  | { failed: string };

const send = (m: CoderReply) => process.send!(m);
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

let file = '';
let project: Project | null = null;
let live: LiveUpdates | null = null;
const expected = new Set<string>();

function checkExpected(): void {
  if (!project || !expected.size) return;
  for (const id of expected) {
    if (project.db.prepare('SELECT 1 FROM codings WHERE id = ?').get(id)) {
      expected.delete(id);
      send({ seen: id, at: Date.now() });
    }
  }
}

async function run(c: CoderCommand): Promise<void> {
  switch (c.do) {
    case 'join': {
      file = c.file;
      const c0 = cpuNow();
      const t0 = performance.now();
      const r = await joinProject(c.url, c.file);
      send({ done: 'join', ms: performance.now() - t0, cpuMs: cpuNow() - c0, load: loadavg()[0]!, applied: r.sync.applied });
      project = Project.open(file);
      return;
    }
    case 'listen': {
      live = new LiveUpdates(project!, () => {}, { onPulled: () => checkExpected() });
      live.start();
      while (live.state !== 'listening') await new Promise((r) => setTimeout(r, 20));
      send({ done: 'listen' });
      return;
    }
    case 'work': {
      // What a coder does in a sitting: passages coded with the codebook's codes, a few memos on them.
      const db = project!.db;
      const random = rng(c.seed);
      const interviews = db.prepare('SELECT id, length(text) AS n FROM interviews').all() as { id: string; n: number }[];
      const codes = (db.prepare('SELECT id FROM codes').all() as { id: string }[]).map((r) => r.id);
      let last = '';
      let made = 0;
      await project!.writes.run(() => {
        while (made < c.codings) {
          const iv = interviews[Math.floor(random() * interviews.length)]!;
          const start = Math.floor(random() * Math.max(1, iv.n - 400));
          const r = addCoding(db, { interviewId: iv.id, start, end: Math.min(iv.n, start + 20 + Math.floor(random() * 300)), codeId: codes[Math.floor(random() * codes.length)]! });
          if (!r.created) continue;
          made++;
          last = r.coding.id;
          if (made <= c.memos) createMemo(db, { targetKind: 'coding', targetId: r.coding.id, title: 'Why here', text: 'The client looks away as the therapist names the rupture.' });
        }
      });
      send({ done: 'work', lastCodingId: last, made });
      return;
    }
    case 'sync': {
      const c0 = cpuNow();
      const startedAt = Date.now();
      const t0 = performance.now();
      const timings: SyncTimings = {};
      const r = await project!.writes.run(() => syncReplica(project!.db, file, loadSecret(file), { timings }));
      send({ done: 'sync', ms: performance.now() - t0, cpuMs: cpuNow() - c0, load: loadavg()[0]!, pushed: r.pushed, startedAt, timings });
      return;
    }
    case 'expect':
      expected.add(c.codingId);
      send({ done: 'expect' });
      checkExpected();
      return;
    case 'stop':
      await live?.stop();
      project?.close();
      send({ done: 'stop' });
      process.exit(0);
  }
}

process.on('message', (c: CoderCommand) => {
  run(c).catch((e: unknown) => send({ failed: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }));
});
