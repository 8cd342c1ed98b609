/**
 * The lab server (issue 15) against a throwaway local PostgreSQL: the synthetic study published, a coder joining
 * it, a sync that sends 1,000 new codings, and the lead's sync that receives them. Skipped, saying so, when
 * PostgreSQL is not installed. Simulated coders as separate processes (the 20-coder figure) are not here yet.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCoding, createCode, findCodeByPath } from '../../electron/core/coding';
import { Project } from '../../electron/core/project';
import { loadSecret } from '../../electron/labServer/connect';
import { inviteCoder } from '../../electron/labServer/members';
import { joinProject, publishProject } from '../../electron/labServer/publish';
import { syncReplica } from '../../electron/labServer/sync';
import { findPostgresBin, startCluster } from '../helpers/postgres';
import { rng } from '../helpers/rng';
import type { BenchContext } from './context';
import { time } from './report';

const OPS = 1_000;

async function withOpen<T>(path: string, fn: (p: Project) => Promise<T> | T): Promise<T> {
  const p = Project.open(path);
  try {
    return await fn(p);
  } finally {
    p.close();
  }
}

export async function benchTeamServer(ctx: BenchContext): Promise<void> {
  const { report } = ctx;
  report.section(`Lab server — the synthetic study on a local PostgreSQL, a sync of ${OPS.toLocaleString('en')} operations`);
  if (!findPostgresBin()) {
    console.log('  SKIPPED: PostgreSQL was not found (apt-get install postgresql)');
    return;
  }
  const cluster = await startCluster();
  try {
    const lead = join(ctx.dir, 'server-lead.dyad');
    copyFileSync(ctx.projectPath, lead);
    await withOpen(lead, (p) => {
      for (const name of ['Rupture', 'Repair', 'Withdrawal', 'Shame', 'Trust']) if (!findCodeByPath(p.db, null, name)) createCode(p.db, { name });
    });
    const published = await time(() => withOpen(lead, (p) => publishProject(p, cluster.adminUrl, { coder: 'Lea' })));
    report.add('publish the study (dyad team init)', published.ms, 'ms');
    const url = await withOpen(lead, async (p) => (await inviteCoder(p.db, 'lead', lead, 'ana')).joinUrl);
    const ana = join(ctx.dir, 'server-ana.dyad');
    const joined = await time(() => joinProject(url, ana));
    report.add('join: a replica from the server (dyad team join)', joined.ms, 'ms', 30_000);
    await withOpen(ana, (p) => {
      const random = rng(15);
      const interviews = p.db.prepare('SELECT id, length(text) AS n FROM interviews').all() as { id: string; n: number }[];
      const codes = (p.db.prepare('SELECT id FROM codes').all() as { id: string }[]).map((c) => c.id);
      let made = 0;
      while (made < OPS) {
        const iv = interviews[Math.floor(random() * interviews.length)]!;
        const start = Math.floor(random() * (iv.n - 400));
        const r = addCoding(p.db, { interviewId: iv.id, start, end: start + 20 + Math.floor(random() * 300), codeId: codes[Math.floor(random() * codes.length)]! });
        if (r.created) made++;
      }
    });
    const pushed = await time(() => withOpen(ana, (p) => syncReplica(p.db, ana, loadSecret(ana))));
    report.add(`sync sending ${pushed.value.pushed.toLocaleString('en')} operations`, pushed.ms, 'ms', 1000);
    const pulled = await time(() => withOpen(lead, (p) => syncReplica(p.db, lead, loadSecret(lead))));
    report.add(`sync receiving ${pulled.value.applied.toLocaleString('en')} operations`, pulled.ms, 'ms', 1000);
    const idle = await time(() => withOpen(ana, (p) => syncReplica(p.db, ana, loadSecret(ana))));
    report.add('sync with nothing new', idle.ms, 'ms');
  } finally {
    cluster.stop();
  }
}
