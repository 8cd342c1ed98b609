/**
 * Full-text search over the synthetic study, beside the floor measured in the same run: the same FTS5 MATCH
 * expressions (Dyad's translation of each query) run with bare better-sqlite3 on the same file — the count and
 * one page of 50 in the same order, with the text of each hit — so "Dyad/floor" is what Dyad adds (query
 * translation, scope, highlights, snippets, turn and recall-moment lookups). 1,000 queries of varied length:
 * words, two or three words, "phrases", prefix*, NEAR( ), OR and -exclusion, drawn from the study's vocabulary.
 *
 * Dyad answers from its word index beside FTS5 (electron/core/analysis/wordIndex.ts), built on the first search:
 * its build time and size are printed, and each query's first page is compared with FTS5's own bm25 order.
 */
import { loadavg } from 'node:os';
import Database from 'better-sqlite3';
import { searchText, type SearchOrder } from '../../electron/core/analysis/search';
import { wordIndex } from '../../electron/core/analysis/wordIndex';
import { Project } from '../../electron/core/project';
import { parseSearchQuery } from '../../shared/analysis/query';
import type { BenchContext } from './context';
import { percentile } from './report';
import { rng } from './synthetic';

const WORDS = 'trust shame silence looked away rupture repair felt noticed voice tone mother afraid quiet eyes room pause tense relief warm distant stuck sorry angry hopeful'.split(' ');
const QUERIES = 1000;

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Deterministic queries of one to four terms, in every shape the search box accepts. */
function queries(): string[] {
  const random = rng(17);
  const w = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const shapes = [
    () => w(),
    () => `${w()} ${w()}`,
    () => `${w()} ${w()} ${w()}`,
    () => `"${w()} ${w()}"`,
    () => `${w().slice(0, 4)}*`,
    () => `NEAR(${w()} ${w()}, 5)`,
    () => `${w()} OR ${w()}`,
    () => `${w()} -${w()}`,
    () => `"${w()} ${w()}" ${w()} -${w()}`,
  ];
  return Array.from({ length: QUERIES }, (_, i) => shapes[i % shapes.length]!());
}

export async function benchSearch(ctx: BenchContext): Promise<void> {
  const { report } = ctx;
  report.section(`Full-text search — ${QUERIES.toLocaleString('en')} queries of varied length, page of 50, beside bare better-sqlite3`);
  const project = Project.open(ctx.projectPath, { noLock: true, readOnly: true });
  const raw = new Database(ctx.projectPath, { readonly: true });
  try {
    const qs = queries();
    const turns = raw.prepare('SELECT count(*) FROM turns_fts').pluck().get() as number;
    const words = raw.prepare('SELECT sum(length(text) - length(replace(text, \' \', \'\')) + 1) FROM interviews').pluck().get() as number;
    let c0 = cpuMs();
    let t0 = performance.now();
    const ix = wordIndex(project.db);
    report.add('build the word index (after the first search; wall)', performance.now() - t0, 'ms', 1000);
    report.add('  CPU time', cpuMs() - c0, 'ms');
    if (ix) {
      const bytes = ix.docs.byteLength + ix.tf.byteLength + ix.posStart.byteLength + ix.positions.byteLength + ix.rowids.byteLength * 3;
      report.add(`  in memory (${ix.terms.size.toLocaleString('en')} words; unsure: ${ix.unsure.size})`, bytes / 1e6, 'MB');
      report.add('  per million words', bytes / 1e6 / (words / 1e6), 'MB');
    }
    // The first page of each query beside FTS5's own bm25 order, hits of equal bm25 taken as a set.
    {
      const ranked = raw.prepare('SELECT turn_id, rank FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rank LIMIT 50').raw();
      let same = 0;
      for (const q of queries()) {
        const ref = ranked.all(parseSearchQuery(q).fts) as [string, number][];
        const mine = searchText(project.db, { query: q, limit: 50 }).hits.map((h) => h.turnId);
        if (sameTiers(ref, mine)) same++;
      }
      report.add(`  first pages as FTS5's bm25 orders them (ties aside), of ${QUERIES.toLocaleString('en')}`, same, '');
    }
    for (const order of ['relevance', 'reading'] as SearchOrder[]) {
      const by = order === 'relevance' ? 'rank' : 'rowid';
      const count = raw.prepare('SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?').pluck();
      const page = raw.prepare(`SELECT rowid, turn_id, interview_id, text FROM turns_fts WHERE turns_fts MATCH ? ORDER BY ${by} LIMIT 50`).raw();
      const fts = qs.map((q) => parseSearchQuery(q).fts);
      const floor: number[] = [];
      const dyad: number[] = [];
      // CPU time of each query too: on a loaded machine the wall time is mostly waiting for a core.
      const floorCpu: number[] = [];
      const dyadCpu: number[] = [];
      let hits = 0;
      // Interleaved, so a burst of load on the shared machine weighs on both alike.
      for (let i = 0; i < qs.length; i++) {
        c0 = cpuMs();
        t0 = performance.now();
        count.get(fts[i]);
        page.all(fts[i]);
        floor.push(performance.now() - t0);
        floorCpu.push(cpuMs() - c0);
        c0 = cpuMs();
        t0 = performance.now();
        hits += searchText(project.db, { query: qs[i]!, limit: 50, order }).total;
        dyad.push(performance.now() - t0);
        dyadCpu.push(cpuMs() - c0);
      }
      const p95 = percentile(dyad, 95);
      const f95 = percentile(floor, 95);
      report.add(`search, ${order} order (p95; ${Math.round(hits / qs.length).toLocaleString('en')} hits/query of ${turns.toLocaleString('en')} turns)`, p95, 'ms', 2);
      report.add(`  raw floor: same MATCH, count + page, bare better-sqlite3 (p95)`, f95, 'ms');
      report.add(`  Dyad/floor (p95; median ${(percentile(dyad, 50) / percentile(floor, 50)).toFixed(2)})`, p95 / f95, '×');
      report.add('  CPU time, Dyad (p95)', percentile(dyadCpu, 95), 'ms');
      report.add('  CPU time, raw floor (p95)', percentile(floorCpu, 95), 'ms');
      report.add(`  Dyad/floor, CPU (p95; median ${(percentile(dyadCpu, 50) / percentile(floorCpu, 50)).toFixed(2)})`, percentile(dyadCpu, 95) / percentile(floorCpu, 95), '×');
    }
    report.add('  load average (1 min) meanwhile', loadavg()[0]!, '');
  } finally {
    raw.close();
    project.close();
  }
}

/**
 * Whether a page lists FTS5's hits in FTS5's order, hits of equal bm25 (to 1e-9) in any order among themselves;
 * the last tie may be cut by the page's end differently on each side, so only its size counts there.
 */
function sameTiers(ref: [string, number][], mine: string[]): boolean {
  if (ref.length !== mine.length) return false;
  for (let i = 0; i < ref.length; ) {
    let j = i + 1;
    while (j < ref.length && Math.abs(ref[j]![1] - ref[i]![1]) <= 1e-9 * Math.abs(ref[i]![1])) j++;
    if (j < ref.length) {
      const tie = new Set(ref.slice(i, j).map((r) => r[0]));
      if (!mine.slice(i, j).every((m) => tie.has(m))) return false;
    }
    i = j;
  }
  return true;
}
