/**
 * `npm run bench`: builds a synthetic study and measures the work researchers wait for. Prints figures and their
 * ratio to the targets of the issues; never fails on time. BENCH_SCALE=small runs a quick version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './context';
import { benchCli } from './cli';
import { benchCoding } from './coding';
import { benchExport, benchQdpxRoundTrip } from './export';
import { benchFoundation } from './foundation';
import { benchPlay } from './play';
import { benchScreen } from './screen';
import { benchSearch } from './search';
import { benchTeam } from './team';
import { benchTeamServer } from './teamServer';
import { peakRssMb, Report } from './report';

const small = process.env.BENCH_SCALE === 'small';
const shape = small ? { dyads: 5, sessions: 2, words: 2000 } : { dyads: 50, sessions: 4, words: 10000 };
const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-'));
const ctx: BenchContext = { report: new Report(), shape, dir, projectPath: join(dir, 'study.dyad') };
const only = process.argv.slice(2);

const benches: [string, (c: BenchContext) => Promise<void>][] = [
  // First, before the synthetic study loads the machine: start-up needs no study.
  ['cli', benchCli],
  // Play works on the demo study and a recording of its own.
  ['play', benchPlay],
  ['foundation', benchFoundation],
  ['search', benchSearch],
  ['coding', benchCoding],
  // After coding: the sessions on screen carry the study's 100,000 codings (the bench works on a copy).
  ['screen', benchScreen],
  ['export', benchExport],
  // The REFI-QDA round trip: `npm run bench qdpx` alone, `export` runs it too.
  ['qdpx', benchQdpxRoundTrip],
  ['team', benchTeam],
  ['team-server', benchTeamServer],
];

try {
  console.log(`Dyad benchmarks (${small ? 'small' : 'full'} scale) on ${process.platform}/${process.arch}, Node ${process.version}`);
  for (const [name, run] of benches) {
    // The foundation bench builds the study the others work on; `npm run bench cli` and `play` need none.
    const needed =
      only.includes(name) || (name === 'foundation' && only.some((n) => n !== 'cli' && n !== 'play')) || (name === 'qdpx' && only.includes('export'));
    if (only.length && !needed) continue;
    await run(ctx);
  }
  ctx.report.add('peak memory (resident)', peakRssMb(), 'MB');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
