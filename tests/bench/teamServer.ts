/**
 * The lab server (issue 15) at a lab's scale, against a throwaway local PostgreSQL: the synthetic study (400
 * interviews at full scale) published with 20 coders and 1,000,000 codings, the coders simulated as processes of
 * their own (teamCoder.ts: each its own replica, login and connections, live updates on, coding and writing memos).
 * Measured: each coder joining (a replica of the whole project), a sync sending 1,000 new operations, and how soon
 * a coder's change is in the others' replicas (LISTEN/NOTIFY). Skipped, saying so, when PostgreSQL is not installed.
 *
 * The codings are real rows the product reads: most are in the project the lead publishes (written in one SQLite
 * transaction before `team init`, as a project coded before it went to the server), a tenth are coders' operations
 * on the server (multi-row INSERTs by each coder's own role, through the server's checks), which every join
 * receives and applies. BENCH_SCALE=small, or BENCH_SERVER_CODERS / BENCH_SERVER_CODINGS, choose a smaller run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureCoder } from '../../electron/core/coding/coders';
import { createCode, findCodeByPath } from '../../electron/core/coding';
import { Project } from '../../electron/core/project';
import { inviteCoder } from '../../electron/labServer/members';
import { REPUBLISH_AFTER } from '../../electron/labServer/base';
import { loadSecret } from '../../electron/labServer/connect';
import { publishProject } from '../../electron/labServer/publish';
import { syncReplica, type SyncTimings } from '../../electron/labServer/sync';
import { findPostgresBin, startCluster } from '../helpers/postgres';
import { rng } from '../helpers/rng';
import type { BenchContext } from './context';
import { withMainThreadProbe } from './foundation';
import { how, measure } from './measure';
import { percentile } from './report';
import type { CoderCommand, CoderReply } from './teamCoder';

type Reply<D> = Extract<CoderReply, { done: D }>;

const small = process.env.BENCH_SCALE === 'small';
const CODERS = Number(process.env.BENCH_SERVER_CODERS ?? (small ? 4 : 20));
const CODINGS = Number(process.env.BENCH_SERVER_CODINGS ?? (small ? 20_000 : 1_000_000));
/** The share of the codings that are operations on the server, pulled by every join. */
const ON_SERVER = Math.round(CODINGS / 10);
const OPS = 1_000;
const CODES = ['Rupture', 'Repair', 'Withdrawal', 'Confrontation', 'Shame', 'Trust', 'Alliance', 'Silence', 'Humour', 'Anger'];

async function withOpen<T>(path: string, fn: (p: Project) => Promise<T> | T): Promise<T> {
  const p = Project.open(path);
  try {
    return await fn(p);
  } finally {
    p.close();
  }
}

interface Span {
  interviewId: string;
  codeId: string;
  coderId: string;
  start: number;
  end: number;
}

/** Random passages over the study, `n` of them, each coder's own (the same seed gives the same passages). */
function* passages(interviews: { id: string; n: number }[], codes: string[], coders: string[], seed: number): Generator<Span> {
  const random = rng(seed);
  for (;;) {
    const iv = interviews[Math.floor(random() * interviews.length)]!;
    const start = Math.floor(random() * Math.max(1, iv.n - 400));
    yield { interviewId: iv.id, codeId: codes[Math.floor(random() * codes.length)]!, coderId: coders[Math.floor(random() * coders.length)]!, start, end: start + 20 + Math.floor(random() * 300) };
  }
}

/** A simulated coder: a child process, and its replies in order. */
class Coder {
  private readonly child: ChildProcess;
  private readonly waiting: ((r: CoderReply) => void)[] = [];
  readonly seen = new Map<string, number>();
  constructor(readonly name: string) {
    this.child = fork(join(import.meta.dirname, 'teamCoder.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: CoderReply) => {
      if ('seen' in m) return void this.seen.set(m.seen, m.at);
      if ('failed' in m) console.error(`  coder ${name} failed: ${m.failed}`);
      this.waiting.shift()?.(m);
    });
  }
  ask<K extends CoderReply>(c: CoderCommand): Promise<K> {
    return new Promise((resolve, reject) => {
      this.waiting.push((m) => ('failed' in m ? reject(new Error(`${this.name}: ${m.failed}`)) : resolve(m as K)));
      this.child.send(c);
    });
  }
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const phases = (t: SyncTimings) =>
  Object.entries(t)
    .map(([phase, ms]) => `${phase} ${ms!.toFixed(0)} ms`)
    .join(', ');

export async function benchTeamServer(ctx: BenchContext): Promise<void> {
  const { report } = ctx;
  report.section(
    `Lab server — ${CODERS} coders as processes, ${CODINGS.toLocaleString('en')} codings, the synthetic study on a local PostgreSQL`,
  );
  if (!findPostgresBin()) {
    console.log('  SKIPPED: PostgreSQL was not found (apt-get install postgresql)');
    return;
  }
  const began = performance.now();
  const cluster = await startCluster();
  const coders: Coder[] = [];
  try {
    const lead = join(ctx.dir, 'server-lead.dyad');
    copyFileSync(ctx.projectPath, lead);
    const names = Array.from({ length: CODERS }, (_, i) => `coder${String(i + 1).padStart(2, '0')}`);
    // Set-up: the codebook, the coders, and the codings already in the project when the lead publishes it.
    const seeded = await measure(() =>
      withOpen(lead, (p) => {
        const db = p.db;
        const codes = CODES.map((name) => findCodeByPath(p.db, null, name)?.id ?? createCode(db, { name }).id);
        const coderIds = names.map((n) => ensureCoder(db, n).id);
        const interviews = db.prepare('SELECT id, length(text) AS n FROM interviews').all() as { id: string; n: number }[];
        const insert = db.prepare('INSERT OR IGNORE INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const at = new Date().toISOString();
        let n = (db.prepare('SELECT count(*) AS n FROM codings').get() as { n: number }).n;
        // The set-up is not what is measured: 900,000 random ids inserted as drawn sent each into a different page
        // of the primary key's index and took 29 min at full scale. In the ids' order, with a page cache that
        // holds the indexes, the same rows go in within a minute or two.
        db.pragma('cache_size = -1048576');
        const fill = (seed: number) => {
          const rows: [string, Span][] = [];
          const wanted = CODINGS - ON_SERVER - n;
          for (const s of passages(interviews, codes, coderIds, seed)) {
            if (rows.length >= wanted * 1.02 + 100) break;
            rows.push([randomUUID(), s]);
          }
          rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
          db.transaction(() => {
            for (const [id, s] of rows) {
              if (n >= CODINGS - ON_SERVER) break;
              n += insert.run(id, s.interviewId, s.codeId, s.coderId, s.start, s.end, at).changes;
            }
          })();
        };
        // A passage drawn twice (the same coder, code and place) is ignored by the unique index: draw again until full.
        for (let round = 0; round < 5 && n < CODINGS - ON_SERVER; round++) fill(7 + round);
        db.exec('DELETE FROM undo_log; DELETE FROM undo_steps');
        return { interviews, codes, coderIds };
      }),
    );
    report.add(`set-up: ${(CODINGS - ON_SERVER).toLocaleString('en')} codings in the lead's project (one transaction)`, seeded.ms, 'ms');
    const { interviews, codes, coderIds } = seeded.value;
    const published = await measure(() => withOpen(lead, (p) => publishProject(p, cluster.adminUrl, { coder: 'Lea' })));
    report.add(`publish the study, ${interviews.length} interviews (dyad team init; ${how(published)})`, published.ms, 'ms');
    report.add('  the published project (the base every join receives)', statSync(lead).size / 1048576, 'MB');
    const urls: string[] = [];
    const invited = await measure(() =>
      withOpen(lead, async (p) => {
        for (const n of names) urls.push((await inviteCoder(p.db, 'lead', lead, n)).joinUrl);
      }),
    );
    report.add(`invite ${CODERS} coders (dyad team invite, each)`, invited.ms / CODERS, 'ms');

    // Set-up: the coders' work since publishing, as operations on the server, sent by each coder's own role.
    const loaded = await measure(async () => {
      const perCoder = Math.ceil(ON_SERVER / CODERS);
      const schema = `dyad_${new URL(urls[0]!).searchParams.get('project')!.replace(/-/g, '')}`;
      const at = new Date().toISOString();
      for (let c = 0; c < CODERS; c++) {
        const client = new pg.Client({ connectionString: urls[c]!.replace(/[?&]project=[^&]*/, '') });
        await client.connect();
        try {
          const gen = passages(interviews, codes, [coderIds[c]!], 1000 + c);
          for (let done = 0; done < perCoder; ) {
            const part = Array.from({ length: Math.min(5000, perCoder - done) }, () => ({ id: randomUUID(), ...gen.next().value! }));
            await client.query(
              `INSERT INTO ${schema}.ops (op_id, target, row_id, kind, payload) SELECT gen_random_uuid(), 'codings', id, 'put', jsonb_build_object('row', r)
               FROM unnest($1::text[], $2::jsonb[]) AS t(id, r)`,
              [part.map((s) => s.id), part.map((s) => JSON.stringify({ id: s.id, interview_id: s.interviewId, code_id: s.codeId, coder_id: s.coderId, start: s.start, end: s.end, created_at: at }))],
            );
            done += part.length;
          }
        } finally {
          await client.end();
        }
      }
    });
    report.add(`set-up: ${ON_SERVER.toLocaleString('en')} codings as the coders' operations on the server (multi-row INSERT)`, loaded.ms, 'ms');

    // The lead syncs, as at the end of such a day: past REPUBLISH_AFTER operations since the base, the lead's replica
    // (everything pushed, nothing refused) becomes the base, and the joins below start from it (base.ts).
    // The probe inside the measure: the garbage collection a measure starts with is not the sync's.
    const leadSync = await measure(() => withMainThreadProbe(() => withOpen(lead, (p) => syncReplica(p.db, lead, loadSecret(lead)))));
    const rebased = ON_SERVER > REPUBLISH_AFTER;
    report.add(`the lead's sync receiving them${rebased ? ', then publishing the base again' : ''} (${how(leadSync)})`, leadSync.ms, 'ms');
    // The app goes on during a sync: the base is copied in steps and cleaned in a worker (issue 17, item 4).
    report.add('  longest main-thread step during it (the operations applied, the re-publish)', leadSync.value.longestMs, 'ms', 16);
    report.add('  … the main thread’s CPU time in that step', leadSync.value.longestCpuMs, 'ms', 16);

    // Joining: one coder at a time, the others already listening (what a lab's first morning looks like, in turn).
    const joins: { ms: number; cpuMs: number; load: number }[] = [];
    for (let i = 0; i < CODERS; i++) {
      const coder = new Coder(names[i]!);
      coders.push(coder);
      const joined = await coder.ask<Reply<'join'>>({ do: 'join', url: urls[i]!, file: join(ctx.dir, `server-${names[i]}.dyad`) });
      joins.push(joined);
      // A full run takes long on a loaded machine: each join as it ends, before the figures.
      process.stderr.write(`  (${names[i]} joined in ${sec(joined.ms)}, CPU ${sec(joined.cpuMs)}, load ${joined.load.toFixed(1)}, ${joined.applied} operations applied)\n`);
      await coder.ask({ do: 'listen' });
    }
    const joinMs = joins.map((j) => j.ms);
    const slowest = joins.reduce((a, b) => (b.ms > a.ms ? b : a));
    report.add(`join: a replica of the whole project, median of ${CODERS} coders`, percentile(joinMs, 50), 'ms', 30_000);
    report.add(`  the slowest join (CPU ${sec(slowest.cpuMs)}, load ${slowest.load.toFixed(1)})`, slowest.ms, 'ms', 30_000);

    // A sync of 1,000 new operations: a coder codes 1,000 passages (memos on a few) and syncs; the others, listening,
    // receive them at once. Five coders in turn.
    const syncs: Reply<'sync'>[] = [];
    const received: number[] = [];
    for (let round = 0; round < Math.min(5, CODERS); round++) {
      const author = coders[round]!;
      const work = await author.ask<Reply<'work'>>({ do: 'work', codings: OPS - 3, memos: 3, seed: 50 + round });
      const others = coders.filter((c) => c !== author);
      await Promise.all(others.map((c) => c.ask({ do: 'expect', codingId: work.lastCodingId })));
      const s = await author.ask<Reply<'sync'>>({ do: 'sync' });
      syncs.push(s);
      process.stderr.write(`  (${author.name}'s sync of ${s.pushed}: ${sec(s.ms)}, load ${s.load.toFixed(1)}; ${phases(s.timings)})\n`);
      received.push(...(await seenBy(others, work.lastCodingId, s.startedAt)));
    }
    const syncMs = syncs.map((s) => s.ms);
    const worst = syncs.reduce((a, b) => (b.ms > a.ms ? b : a));
    report.add(`sync sending ${syncs[0]!.pushed.toLocaleString('en')} operations, median of ${syncs.length}`, percentile(syncMs, 50), 'ms', 1000);
    report.add(`  the slowest (CPU ${worst.cpuMs.toFixed(0)} ms, load ${worst.load.toFixed(1)})`, worst.ms, 'ms', 1000);
    // Where the slowest one's time went (sync.ts's phases): on the server, and after its commit.
    const t = worst.timings;
    report.add('    of which on the server: the lock, sending, the commit', (t.lock ?? 0) + (t.send ?? 0) + (t.commit ?? 0), 'ms');
    report.add('    … and after the commit: noting it here, telling the others, the end', (t.noted ?? 0) + (t.notify ?? 0) + (t.finish ?? 0) + (t.close ?? 0), 'ms');
    report.add(`  in the other ${CODERS - 1} replicas, from the sync's start: median`, percentile(received, 50), 'ms');
    report.add('  … and the last of them', Math.max(...received), 'ms');

    // A change seen by the others: one coding, pushed; each other coder's live connection pulls it.
    const live: number[] = [];
    for (let round = 0; round < Math.min(10, CODERS); round++) {
      const author = coders[(round * 7) % CODERS]!;
      const work = await author.ask<Reply<'work'>>({ do: 'work', codings: 1, memos: 0, seed: 500 + round });
      const others = coders.filter((c) => c !== author);
      await Promise.all(others.map((c) => c.ask({ do: 'expect', codingId: work.lastCodingId })));
      const s = await author.ask<Reply<'sync'>>({ do: 'sync' });
      live.push(...(await seenBy(others, work.lastCodingId, s.startedAt)));
    }
    report.add(`a coding seen by the ${CODERS - 1} others (live), median over ${live.length}`, percentile(live, 50), 'ms', 1000);
    report.add(`  the slowest (load ${loadavg()[0]!.toFixed(1)})`, Math.max(...live), 'ms', 1000);
    report.add('the whole lab-server bench, set-up included', (performance.now() - began) / 1000, 's');
  } finally {
    await Promise.all(coders.map((c) => c.ask({ do: 'stop' }).catch(() => {})));
    coders.forEach((c) => c.kill());
    cluster.stop();
  }
}

/** How long after `from` each coder had the coding, waiting up to 60 s for the last of them. */
async function seenBy(coders: Coder[], codingId: string, from: number): Promise<number[]> {
  const deadline = Date.now() + 60_000;
  while (coders.some((c) => !c.seen.has(codingId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const missing = coders.filter((c) => !c.seen.has(codingId));
  if (missing.length) throw new Error(`${missing.map((c) => c.name).join(', ')} never received coding ${codingId}`);
  return coders.map((c) => c.seen.get(codingId)! - from);
}
