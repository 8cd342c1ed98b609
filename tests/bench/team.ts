/**
 * Team work over the synthetic study (issue "Team work"): two coders' copies with 50,000 codings each, merged
 * (preview with its review plan, then apply with backup and undo record); merging the same copy again; agreement
 * at character level over everything; building a consensus. Runs on copies of the foundation's study.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { undo } from '../../electron/core/coding';
import { ensureCoder } from '../../electron/core/coding/coders';
import { newId, now } from '../../electron/core/ids';
import { Project } from '../../electron/core/project';
import { agreementReport } from '../../electron/team/agreement';
import { buildConsensus } from '../../electron/team/consensus';
import { withBaseFile } from '../../electron/labServer/base';
import { cleanBaseCopy } from '../../electron/labServer/cleanBase';
import { applyMerge, MergeStore, previewMerge } from '../../electron/team/merge';
import type { MergeSummary } from '../../shared/merge';
import { rng } from '../helpers/rng';
import { atScale, type BenchContext } from './context';
import { PEAK_TARGET_MB, withMainThreadProbe } from './foundation';
import { measure } from './measure';
import { percentile, time } from './report';

type CodingRow = [string, string, string, string, number, number, string];

/**
 * The raw floor of a bulk write of codings: the same rows, into a copy of the same file (same schema, indexes and
 * triggers), by bare better-sqlite3, one prepared INSERT per row in one transaction, committed. Least of two.
 */
function rawCodingsInsert(from: string, scratch: string, rows: CodingRow[], before?: (db: Database.Database) => void): { ms: number; cpu: number } {
  const once = () => {
    copyFileSync(from, scratch);
    const db = new Database(scratch);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    before?.(db);
    const ins = db.prepare('INSERT INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    db.transaction(() => {
      for (const r of rows) ins.run(...r);
    })();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    db.close();
    for (const f of readdirSync(join(scratch, '..'))) if (f.startsWith(basename(scratch))) rmSync(join(scratch, '..', f), { force: true });
    return { ms, cpu: (c.user + c.system) / 1000 };
  };
  const [a, b] = [once(), once()];
  return { ms: Math.min(a.ms, b.ms), cpu: Math.min(a.cpu, b.cpu) };
}

/** The raw floor of an agreement: reading the compared codings' rows with bare better-sqlite3 (least of three). */
function rawCodingsRead(file: string, coderIds: string[]): { ms: number; cpu: number } {
  const db = new Database(file, { readonly: true });
  const read = db.prepare('SELECT id, interview_id, code_id, coder_id, start, "end" FROM codings WHERE coder_id IN (SELECT value FROM json_each(?))').raw();
  const times = [0, 1, 2].map(() => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    read.all(JSON.stringify(coderIds));
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  });
  db.close();
  return { ms: Math.min(...times.map((t) => t.ms)), cpu: Math.min(...times.map((t) => t.cpu)) };
}

const load = () => loadavg()[0]!.toFixed(1);

const CODINGS = 50_000;
const MERGE_RUNS = 3;
const THEMES = ['Rupture', 'Repair', 'Withdrawal', 'Shame', 'Feeling unseen', 'Trust', 'Bond', 'Goals', 'Countertransference', 'Uneasiness'];

/**
 * The shared start: a codebook of 10 themes with 4 sub-codes each. Each coder then codes the study on their own;
 * Bea's passages follow Ann's often enough (same passage, or shifted by a few words) for realistic agreement.
 */
function seedBase(path: string): { codes: string[] } {
  const p = Project.open(path, { noLock: true });
  const db = p.db;
  const codes = db.transaction(() => {
    const book = newId();
    db.prepare('INSERT INTO codebooks (id, name, created_at) VALUES (?, ?, ?)').run(book, 'Themes', now());
    const ins = db.prepare('INSERT INTO codes (id, codebook_id, parent_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const ids: string[] = [];
    THEMES.forEach((name, i) => {
      const id = newId();
      ins.run(id, book, null, name, i, now(), now());
      ids.push(id);
      for (let k = 0; k < 4; k++) {
        const sub = newId();
        ins.run(sub, book, id, `${name} ${k + 1}`, k, now(), now());
        ids.push(sub);
      }
    });
    ensureCoder(db, 'Ann');
    ensureCoder(db, 'Bea');
    return ids;
  })();
  p.close();
  return { codes };
}

interface Planned {
  interview: string;
  code: string;
  start: number;
  end: number;
}

function plannedCodings(interviews: { id: string; n: number }[], codes: string[], scale: number): { ann: Planned[]; bea: Planned[] } {
  const random = rng(11);
  const ann: Planned[] = [];
  const bea: Planned[] = [];
  for (let i = 0; i < scale; i++) {
    const iv = interviews[Math.floor(random() * interviews.length)]!;
    const start = Math.floor(random() * (iv.n - 700));
    const a = { interview: iv.id, code: codes[Math.floor(random() * codes.length)]!, start, end: start + 50 + Math.floor(random() * 600) };
    ann.push(a);
    const r = random();
    if (r < 0.5) bea.push(a);
    else if (r < 0.8) {
      const shift = Math.floor(random() * 60) - 30;
      bea.push({ ...a, start: Math.max(0, a.start + shift), end: a.end + shift });
    } else {
      const s = Math.floor(random() * (iv.n - 700));
      bea.push({ interview: iv.id, code: codes[Math.floor(random() * codes.length)]!, start: s, end: s + 50 + Math.floor(random() * 600) });
    }
  }
  return { ann, bea };
}

function code(path: string, coderName: string, planned: Planned[]): number {
  const p = Project.open(path, { noLock: true });
  const db = p.db;
  const coder = (db.prepare('SELECT id FROM coders WHERE name = ?').get(coderName) as { id: string }).id;
  const n = db.transaction(() => {
    const ins = db.prepare('INSERT OR IGNORE INTO codings (id, interview_id, code_id, coder_id, start, end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let count = 0;
    for (const c of planned) count += ins.run(newId(), c.interview, c.code, coder, c.start, c.end, now()).changes;
    return count;
  })();
  // A coder also renames a theme in their copy: the merge shows it as a conflict.
  if (coderName === 'Bea') db.prepare("UPDATE codes SET name = 'Trust in the therapist' WHERE name = 'Trust'").run();
  p.close();
  return n;
}

/** Two coders' copies of the study at `projectPath`, each coded with `scale` codings. */
export function prepareCopies(dir: string, projectPath: string, scale: number): { annPath: string; beaPath: string; codings: number } {
  const base = join(dir, 'team-base.dyad');
  copyFileSync(projectPath, base);
  const { codes } = seedBase(base);
  const annPath = join(dir, 'team-ann.dyad');
  const beaPath = join(dir, 'team-bea.dyad');
  copyFileSync(base, annPath);
  copyFileSync(base, beaPath);
  const probe = Project.open(base, { noLock: true });
  const interviews = probe.db.prepare('SELECT id, length(text) AS n FROM interviews ORDER BY id').all() as { id: string; n: number }[];
  probe.close();
  const planned = plannedCodings(interviews, codes, scale);
  return { annPath, beaPath, codings: code(annPath, 'Ann', planned.ann) + code(beaPath, 'Bea', planned.bea) };
}

export async function benchTeam(ctx: BenchContext): Promise<void> {
  const { report } = ctx;
  const scale = atScale(ctx, CODINGS, 5_000);
  report.section(`Team work — two coders' copies with ${scale.toLocaleString('en')} codings each`);
  const seeded = await time(() => prepareCopies(ctx.dir, ctx.projectPath, scale));
  const { annPath, beaPath } = seeded.value;
  report.add(`seed both copies (${seeded.value.codings.toLocaleString('en')} codings, SQL in one transaction each)`, seeded.ms, 'ms');

  // The merge is measured on fresh copies of Ann's file, a few times: the machine is shared, so the least time is
  // the figure (with the median and the CPU time beside it); the last copy goes on to the rest.
  const runs: { preview: number; apply: number; cpu: number; previewCpu: number; applyCpu: number; longest: number; peakMb: number }[] = [];
  let project: Project | null = null;
  let summary: MergeSummary | null = null;
  let undone: { ms: number; value: string | null } | null = null;
  for (let r = 0; r < MERGE_RUNS; r++) {
    if (project) {
      // Each copy and its backup take as much room as the study: the previous ones go.
      const done = basename(project.path);
      project.close();
      for (const f of readdirSync(ctx.dir)) if (f.startsWith(done)) rmSync(join(ctx.dir, f), { force: true });
    }
    const lead = join(ctx.dir, `team-lead-${r}.dyad`);
    copyFileSync(annPath, lead);
    project = Project.open(lead, { noLock: true });
    const store = new MergeStore();
    const cpu0 = process.cpuUsage();
    const preview = await withMainThreadProbe(() => measure(() => previewMerge(project!, store, beaPath)));
    const cpu1 = process.cpuUsage(cpu0);
    const applied = await withMainThreadProbe(() => measure(() => applyMerge(project!, store, preview.value.value.planId, {})));
    const cpu = process.cpuUsage(cpu0);
    const ms = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    runs.push({
      preview: preview.value.ms,
      apply: applied.value.ms,
      cpu: ms(cpu),
      previewCpu: ms(cpu1),
      applyCpu: ms(cpu) - ms(cpu1),
      longest: Math.max(preview.longestMs, applied.longestMs),
      peakMb: Math.max(preview.value.peakMb, applied.value.peakMb),
    });
    summary = preview.value.value.summary;
    // A copy that does not go on: Ctrl+Z takes the whole merge back.
    if (r === 0) undone = await time(() => undo(project!.db));
  }
  try {
    const s = summary!;
    const least = (k: 'preview' | 'apply' | 'cpu' | 'previewCpu' | 'applyCpu' | 'longest') => Math.min(...runs.map((x) => x[k]));
    report.add('load average (1 min) now', Number(load()), '');
    const totals = runs.map((x) => x.preview + x.apply);
    report.add(`preview: read both, plan (${s.codings.added.toLocaleString('en')} to add, ${s.conflicts.length} conflict), least of ${MERGE_RUNS}`, least('preview'), 'ms');
    report.add('  CPU time (least)', least('previewCpu'), 'ms');
    report.add('apply: backup, write in one undoable step, least', least('apply'), 'ms');
    report.add('  CPU time (least)', least('applyCpu'), 'ms');
    // The target (issue 17) is for the two together: what the researcher waits from choosing the file to merged.
    report.add('merge two copies: preview + apply (least of the sums)', Math.min(...totals), 'ms', 1000);
    report.add('merge two copies: median', percentile(totals, 50), 'ms');
    report.add('merge two copies: CPU time (least)', least('cpu'), 'ms');
    report.add('  longest main-thread step during the merge (least)', least('longest'), 'ms', 16);
    report.add('  peak memory during the merge (most)', Math.max(...runs.map((x) => x.peakMb)), 'MB', PEAK_TARGET_MB);
    // The floor: the codings the merge added, written by bare better-sqlite3 into a copy of Ann's file.
    const beaId = project!.db.prepare("SELECT id FROM coders WHERE name = 'Bea'").pluck().get() as string;
    const added = project!.db.prepare('SELECT id, interview_id, code_id, coder_id, start, "end", created_at FROM codings WHERE coder_id = ?').raw().all(beaId) as CodingRow[];
    const mergeFloor = rawCodingsInsert(annPath, join(ctx.dir, 'team-floor.dyad'), added);
    report.add(`raw floor: the ${added.length.toLocaleString('en')} codings added, bare better-sqlite3`, mergeFloor.ms, 'ms');
    report.add('  its CPU time', mergeFloor.cpu, 'ms');
    report.add('merge, Dyad/floor (wall, least of the sums)', Math.min(...totals) / mergeFloor.ms, '×');
    report.add('merge, Dyad/floor (CPU)', least('cpu') / mergeFloor.cpu, '×');
    report.add('project file after the merge', statSync(project!.path).size / 1e6, 'MB');
    const undoRows = project!.db.prepare("SELECT count(*) FROM undo_log WHERE step_id = (SELECT max(id) FROM undo_steps WHERE stack = 'undo')").pluck().get() as number;
    report.add('undo log rows the merge left (one range for its codings)', undoRows, 'rows');
    report.add(`undo the merge with the plain Undo ("${undone!.value}")`, undone!.ms, 'ms');

    const again = await time(() => previewMerge(project!, new MergeStore(), beaPath));
    report.add(`merge the same copy again: preview (nothing to do: ${again.value.summary.nothingToDo})`, again.ms, 'ms');

    // CPU time beside each wall time: on a shared machine it is the steadier of the two.
    const cpuOf = async <T>(fn: () => T) => {
      const c0 = process.cpuUsage();
      const r = await withMainThreadProbe(() => measure(fn));
      const c = process.cpuUsage(c0);
      return { ...r.value, cpu: (c.user + c.system) / 1000, longest: r.longestMs };
    };
    const agreement = await cpuOf(() => agreementReport(project!.db, { coders: ['Ann', 'Bea'], unit: 'char' }));
    const o = agreement.value.overall;
    report.add(
      `agreement by character over all (${agreement.value.codes.length} codes, ${(o.units / 1e6).toFixed(1)} M units, α ${o.alpha?.toFixed(2)})`,
      agreement.ms,
      'ms',
      1000,
    );
    report.add('  CPU time', agreement.cpu, 'ms', 1000);
    report.add('  longest main-thread step', agreement.longest, 'ms', 16);
    report.add('  peak memory', agreement.peakMb, 'MB', PEAK_TARGET_MB);
    const coderIds = agreement.value.coders.map((c) => c.id);
    const readFloor = rawCodingsRead(project!.path, coderIds);
    report.add('raw floor: read the codings compared, bare better-sqlite3', readFloor.ms, 'ms');
    report.add('  its CPU time', readFloor.cpu, 'ms');
    report.add('agreement by character, Dyad/floor (wall)', agreement.ms / readFloor.ms, '×');
    report.add('  … by CPU time', agreement.cpu / readFloor.cpu, '×');
    const turns = await cpuOf(() => agreementReport(project!.db, { coders: ['Ann', 'Bea'], unit: 'moment' }));
    report.add('agreement by recall moment over all', turns.ms, 'ms', 1000);
    report.add('  CPU time', turns.cpu, 'ms', 1000);
    report.add('  longest main-thread step', turns.longest, 'ms', 16);
    report.add('  peak memory', turns.peakMb, 'MB', PEAK_TARGET_MB);
    report.add('agreement by recall moment, Dyad/floor (wall)', turns.ms / readFloor.ms, '×');
    report.add('  … by CPU time', turns.cpu / readFloor.cpu, '×');
    // The consensus's floor starts from the same file as the consensus: a copy taken now.
    project!.db.pragma('wal_checkpoint(TRUNCATE)');
    const beforeConsensus = join(ctx.dir, 'team-before-consensus.dyad');
    copyFileSync(project!.path, beforeConsensus);
    const consensus = await cpuOf(() => buildConsensus(project!.db, { coders: ['Ann', 'Bea'] }));
    report.add(`build a consensus coder (${consensus.value.added.toLocaleString('en')} codings, ${consensus.value.pending.toLocaleString('en')} to settle)`, consensus.ms, 'ms', 1000);
    report.add('  CPU time', consensus.cpu, 'ms', 1000);
    report.add('  longest main-thread step', consensus.longest, 'ms', 16);
    const agreed = project!.db.prepare('SELECT id, interview_id, code_id, coder_id, start, "end", created_at FROM codings WHERE coder_id = ?').raw().all(consensus.value.coder.id) as CodingRow[];
    // Into the copy taken before, where the consensus coder is added first (not timed).
    const consensusCoder = consensus.value.coder;
    const consensusFloor = rawCodingsInsert(beforeConsensus, join(ctx.dir, 'team-floor.dyad'), agreed, (db) =>
      db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)').run(consensusCoder.id, consensusCoder.name, ''),
    );
    rmSync(beforeConsensus, { force: true });
    report.add('raw floor: the consensus codings, bare better-sqlite3 (with the agreement read)', consensusFloor.ms + readFloor.ms, 'ms');
    report.add('  its CPU time', consensusFloor.cpu + readFloor.cpu, 'ms');
    report.add('consensus, Dyad/floor (wall)', consensus.ms / (consensusFloor.ms + readFloor.ms), '×');
    report.add('  … by CPU time', consensus.cpu / (consensusFloor.cpu + readFloor.cpu), '×');
    await benchRepublish(ctx, project!);
  } finally {
    project!.close();
  }
}

/**
 * A lab lead's re-publish (issue 15, issue 17 item 4): the project copied into the published base and cleaned of the
 * replica's own (electron/labServer/base.ts), on the study as the team bench leaves it. As before (VACUUM INTO, then
 * the cleaning, all on the main thread) beside as now (copied in steps, cleaned in a worker thread): the longest step
 * the main thread took, which is how long the app froze.
 */
async function benchRepublish(ctx: BenchContext, project: Project): Promise<void> {
  const { report } = ctx;
  const size = statSync(project.path).size / 1048576;
  // The probe inside the measure: the garbage collection a measure starts with is not the re-publish's.
  const before = await measure(() =>
    withMainThreadProbe(async () => {
      const dir = mkdtempSync(join(ctx.dir, 'republish-'));
      try {
        project.db.prepare('VACUUM INTO ?').run(join(dir, 'base.dyad'));
        return cleanBaseCopy(join(dir, 'base.dyad'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
  );
  const now = await measure(() => withMainThreadProbe(() => withBaseFile(project.db, async (copy) => statSync(copy.path).size / 1048576)));
  report.add(`re-publish a lab project of ${size.toFixed(0)} MB: the base file as before (VACUUM INTO and cleaning on the main thread)`, before.ms, 'ms');
  report.add('  longest main-thread step (the app frozen)', before.value.longestMs, 'ms', 16);
  report.add(`re-publish now: copied in steps, cleaned in a worker thread (a base of ${now.value.value.toFixed(0)} MB)`, now.ms, 'ms');
  report.add('  longest main-thread step', now.value.longestMs, 'ms', 16);
  report.add('  … the main thread’s CPU time in that step (the rest: waiting for a core or the disk)', now.value.longestCpuMs, 'ms', 16);
  report.add('  main-thread step, 99th percentile (event-loop delay)', now.value.p99Ms, 'ms', 16);
}
