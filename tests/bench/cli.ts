/**
 * Start-up of the `dyad` command line, as a researcher's script feels it: `dyad --help` and `dyad list` on an empty
 * project, against a bare `node -e 0` on the same machine at the same moment (runs interleaved, median of 7).
 * Target (issue 10): list within 4× node, --help faster still.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { appRoot } from '../../electron/core/paths';
import type { BenchContext } from './context';
import { percentile } from './report';

const RUNS = 7;

function wall(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

export async function benchCli(ctx: BenchContext): Promise<void> {
  const { report, dir } = ctx;
  const bin = join(appRoot(), 'bin', 'dyad.js');
  const empty = join(dir, 'empty.dyad');
  report.section('Command line start-up (median of 7, interleaved with a bare node -e 0)');
  // The bundle is rebuilt here when the sources changed since `npm install`, as a fresh checkout would have it.
  const build = spawnSync(process.execPath, [join(appRoot(), 'scripts', 'build.mjs'), '--cli-only'], { encoding: 'utf8' });
  if (build.status !== 0) console.log(`  (the bundle could not be built: ${build.stderr.trim()})`);
  wall([bin, 'new', empty]);
  const node: number[] = [];
  const help: number[] = [];
  const list: number[] = [];
  const fromSources: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(wall(['-e', '0']));
    help.push(wall([bin, '--help']));
    list.push(wall([bin, 'list', empty]));
  }
  for (let i = 0; i < 3; i++) fromSources.push(wall([bin, 'list', empty], { ...process.env, DYAD_CLI: 'sources' }));
  const n = percentile(node, 50);
  report.add('node -e 0', n, 'ms');
  report.add('dyad --help', percentile(help, 50), 'ms');
  report.add('dyad list (empty project)', percentile(list, 50), 'ms');
  report.add('dyad --help ÷ node -e 0', percentile(help, 50) / n, '×', 4);
  report.add('dyad list ÷ node -e 0', percentile(list, 50) / n, '×', 4);
  report.add('dyad list from the sources (tsx, median of 3) ÷ node', percentile(fromSources, 50) / n, '×');
}
