/**
 * `npm run bench`: builds a synthetic study and measures the work researchers wait for. Prints figures and their
 * ratio to the targets of the issues; never fails on time. BENCH_SCALE=small runs a quick version; BENCH_SCALE=large
 * a study four times the full one (1,600 interviews, 400,000 codings), each figure beside the last full run's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, BenchScale } from './context';
import { benchCli } from './cli';
import { benchCoding } from './coding';
import { benchExport, benchQdpxRoundTrip } from './export';
import { benchFoundation } from './foundation';
import { benchPlay } from './play';
import { benchScreen } from './screen';
import { benchSearch } from './search';
import { benchTeam } from './team';
import { benchTeamServer } from './teamServer';
import { peakRssMb, readBaseline, Report } from './report';

const scales: Record<BenchScale, BenchContext['shape']> = {
  small: { dyads: 5, sessions: 2, words: 2000 },
  full: { dyads: 50, sessions: 4, words: 10000 },
  // Four times the dyads, each as in the full study: the first 50 are the full study's own (same seed).
  large: { dyads: 200, sessions: 4, words: 10000 },
};
const asked = process.env.BENCH_SCALE ?? 'full';
if (!(asked in scales)) throw new Error(`BENCH_SCALE=${asked}: the scales are ${Object.keys(scales).join(', ')}`);
const scale = asked as BenchScale;
/** Each run keeps its figures here (git ignores the folder); a large run reads the last full one's. */
const results = (s: BenchScale) => join(import.meta.dirname, 'out', `last-${s}.json`);
const baseline = scale === 'large' ? readBaseline(results('full')) : null;
const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-'));
const ctx: BenchContext = { report: new Report(baseline ?? undefined), scale, shape: scales[scale], dir, projectPath: join(dir, 'study.dyad') };
const only = process.argv.slice(2);

/** Issue 17: 4× the study may cost at most 4.4× for every operation. */
const LINEAR_LIMIT = 4.4;

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
  console.log(`Dyad benchmarks (${scale} scale) on ${process.platform}/${process.arch}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`);
  if (scale === 'large') {
    console.log(
      baseline
        ? `Each figure beside the full run of ${baseline.at} as [N× full] (${results('full')})`
        : `No full run to compare with yet (${results('full')}): run \`npm run bench\` with the same names first`,
    );
  }
  for (const [name, run] of benches) {
    // The foundation bench builds the study the others work on; `npm run bench cli` and `play` need none.
    const needed =
      only.includes(name) || (name === 'foundation' && only.some((n) => n !== 'cli' && n !== 'play')) || (name === 'qdpx' && only.includes('export'));
    if (only.length && !needed) continue;
    await run(ctx);
  }
  ctx.report.add('peak memory (resident)', peakRssMb(), 'MB');
  if (scale === 'large') linearity(ctx.report);
  ctx.report.save(results(scale), scale, loadavg()[0]!);
} finally {
  // BENCH_KEEP=1 leaves the run's files (the study, its copies, the .qdpx) for profiling one operation on them.
  if (process.env.BENCH_KEEP) console.log(`\nThe run's files are kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/** The operations over the bound at 4× the study, the worst first. */
function linearity(report: Report): void {
  // Times (ms, s) only: sizes per million words should stay near 1×, and a memory figure has its own target.
  const costs = report.ratios().filter((r) => r.figure.unit === 'ms' || r.figure.unit === 's');
  if (!costs.length) return;
  const over = costs.filter((r) => r.ratio > LINEAR_LIMIT).sort((a, b) => b.ratio - a.ratio);
  report.section(`Linearity — ${costs.length} timed figures beside the full run; over ${LINEAR_LIMIT}× for 4× the study: ${over.length}`);
  for (const r of over) {
    const name = r.figure.parent ? `${r.figure.parent} — ${r.figure.name.trim()}` : r.figure.name;
    console.log(`  ${r.ratio.toFixed(2).padStart(6)}×  ${name} (${r.before.value.toFixed(0)} → ${r.figure.value.toFixed(0)} ${r.figure.unit})`);
  }
}
