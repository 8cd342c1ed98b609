import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { basename, join } from 'node:path';
import { alignSession } from '../../electron/core/alignment';
import { commitStaged, stageFiles, type StagedFile } from '../../electron/core/importer';
import { Project } from '../../electron/core/project';
import { callApi } from '../helpers/api';
import type { BenchContext } from './context';
import { measure } from './measure';
import { time } from './report';
import { writeSyntheticStudy, type StudyShape } from './synthetic';

/** Peak memory of any single operation (issue 17). */
export const PEAK_TARGET_MB = 1024;

/**
 * The study's transcripts, written once per shape into the system's temporary folder and reused by later runs
 * (the large study's 1,600 files take a while to write; the generator is seeded, so the files are the same).
 */
function cachedStudy(shape: StudyShape): { files: string[]; cached: boolean } {
  const folder = join(tmpdir(), `dyad-bench-study-${shape.dyads}x${shape.sessions}x${shape.words}-${shape.seed ?? 42}`);
  const list = () => readdirSync(folder).filter((f) => f.endsWith('.txt')).sort().map((f) => join(folder, f));
  if (existsSync(folder)) return { files: list(), cached: true };
  // Written aside and moved in whole: a run stopped halfway leaves no half study to be reused.
  const partial = `${folder}.partial-${process.pid}`;
  writeSyntheticStudy(partial, shape);
  renameSync(partial, folder);
  return { files: list(), cached: false };
}

/** Import of the whole synthetic study, opening the project, aligning a session. */
export async function benchFoundation(ctx: BenchContext): Promise<void> {
  const { report, shape, dir } = ctx;
  report.section(`Foundation — synthetic study: ${shape.dyads} dyads × ${shape.sessions} sessions × 2 interviews × ${shape.words} words`);
  const gen = await time(() => cachedStudy(shape));
  const files = gen.value.files;
  report.add(gen.value.cached ? 'list the transcripts written by an earlier run' : 'generate transcripts', gen.ms, 'ms');
  const file = ctx.projectPath;
  const project = Project.open(file, { create: true });
  const sources = files.map((f) => ({ name: basename(f), bytes: readFileSync(f) }));
  // The workers start once per process (from the sources here, through tsx: far slower than the bundles' own).
  const warm = await time(() => stageFiles(sources.slice(0, 4), project.settings()));
  report.add('start the import workers (from the sources, through tsx)', warm.ms, 'ms');
  const stage = await withMainThreadProbe(() => measure(() => stageFiles(sources, project.settings())));
  const items = stage.value.value.map((s) => ({ index: s.index, ...s.proposed!, speakerRoles: s.speakerRoles }));
  const commit = await withMainThreadProbe(() => measure(() => commitStaged(project, stage.value.value, items)));
  const staged = stage.value.value;
  const words = staged.reduce((n, s) => n + s.wordCount, 0);
  const importMs = stage.value.ms + commit.value.ms;
  report.add(`read + parse ${files.length} files (${(words / 1e6).toFixed(2)} M words), in workers`, stage.value.ms, 'ms');
  report.add('write interviews, turns, moments, search index', commit.value.ms, 'ms');
  report.add('import the whole study (parse + write + index)', importMs, 'ms', 1500);
  report.add('  CPU time (parse in workers + write)', stage.value.cpuMs + commit.value.cpuMs, 'ms');
  // The files' bytes are held by the bench before and after: the peak is what parsing and writing add to them.
  report.add(`  peak memory while parsing (from ${stage.value.startMb.toFixed(0)} MB before)`, stage.value.peakMb, 'MB', PEAK_TARGET_MB);
  report.add(`  peak memory while writing (from ${commit.value.startMb.toFixed(0)} MB before)`, commit.value.peakMb, 'MB', PEAK_TARGET_MB);
  report.add('  longest main-thread step while parsing (wall)', stage.longestMs, 'ms', 16);
  report.add('  longest main-thread step while writing (wall)', commit.longestMs, 'ms', 16);
  report.add('  … the same, the main thread’s CPU time in that step', commit.longestCpuMs, 'ms', 16);
  report.add('  event-loop delay p99 while writing', commit.p99Ms, 'ms');
  project.close();
  // The floor: the same rows, written by bare better-sqlite3 into the same schema, no parsing and no checks.
  const floor = Math.min(rawInsertMs(join(dir, 'floor-1.dyad'), staged), rawInsertMs(join(dir, 'floor-2.dyad'), staged));
  report.add('raw floor: the same rows + FTS5, bare better-sqlite3', floor, 'ms');
  report.add('import, Dyad/floor', importMs / floor, '×', 1.5 / 1.05);
  // What a study costs on disk (issue 17): transcripts, turns, moments and the search index, closed (WAL folded in).
  const mb = statSync(file).size / 1048576;
  report.add(`project file after the import (${(words / 1e6).toFixed(2)} M words)`, mb, 'MB');
  report.add('  per million words', mb / (words / 1e6), 'MB');
  // What `dyad compact` (Settings ▸ Project file) gives back on a fresh import: the search index's parts merged into
  // one. Measured on a copy: the later sections read the file as the import left it.
  const compacted = join(dir, 'compacted.dyad');
  copyFileSync(file, compacted);
  const c = Project.open(compacted);
  const { disk } = await callApi(c, 'project.info', {});
  const done = await callApi(c, 'project.compact', {});
  c.close();
  report.add(`  free pages in it, offered for compacting: ${disk.worthCompacting ? 'yes' : 'no'}`, disk.reclaimableBytes / 1048576, 'MB');
  report.add('  compacted (search index merged, free pages dropped), per million words', done.after / 1048576 / (words / 1e6), 'MB');
  report.add('  compacting it', done.ms, 'ms');

  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    const o = await time(() => Project.open(file));
    o.value.close();
    opens.push(o.ms);
  }
  report.add('open the project (median of 5)', opens.sort((a, b) => a - b)[2]!, 'ms', 200);

  const p = Project.open(file);
  const sessionId = (p.db.prepare('SELECT id FROM sessions LIMIT 1').get() as { id: string }).id;
  alignSession(p.db, sessionId, 15); // warm statement cache
  const al = await time(() => alignSession(p.db, sessionId, 15));
  report.add(`align a session (${al.value.rows.length} rows)`, al.ms, 'ms');
  p.close();
}

/**
 * This thread's CPU time in ms: Linux's /proc/thread-self/schedstat (nanoseconds on a core), so that work done
 * meanwhile in worker threads (the import's parsing, a re-publish's cleaning) is not counted as the main thread's;
 * elsewhere the process's CPU time, all threads.
 */
const threadCpuMs: () => number = (() => {
  try {
    readFileSync('/proc/thread-self/schedstat', 'utf8');
    return () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return () => {
      const c = process.cpuUsage();
      return (c.user + c.system) / 1000;
    };
  }
})();

/**
 * The longest step the main thread took while `work` ran, seen by a 1 ms timer (its wall time, and the main
 * thread's CPU time in that step: on a loaded machine the wall time also counts the time the thread waited for a
 * core), and Node's event-loop delay histogram.
 */
export async function withMainThreadProbe<T>(work: () => Promise<T>): Promise<{ value: T; longestMs: number; longestCpuMs: number; p99Ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let longestMs = 0;
  let longestCpuMs = 0;
  const tick = () => {
    const t = performance.now();
    const c = threadCpuMs();
    longestMs = Math.max(longestMs, t - last);
    longestCpuMs = Math.max(longestCpuMs, c - lastCpu);
    last = t;
    lastCpu = c;
  };
  const timer = setInterval(tick, 1);
  try {
    const value = await work();
    tick();
    return { value, longestMs, longestCpuMs, p99Ms: histogram.percentile(99) / 1e6 };
  } finally {
    clearInterval(timer);
    histogram.disable();
  }
}

/** Writes the staged study's rows (interviews, turns, their search index, moments) with bare better-sqlite3. */
function rawInsertMs(file: string, staged: StagedFile[]): number {
  Project.open(file, { create: true }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const dyad = randomUUID();
  db.prepare("INSERT INTO dyads (id, name, created_at) VALUES (?, 'floor', '')").run(dyad);
  const rows = staged.map((s, n) => ({ s, session: randomUUID(), n, id: randomUUID(), turns: s.parsed!.turns.map(() => randomUUID()) }));
  const session = db.prepare('INSERT INTO sessions (id, dyad_id, number) VALUES (?, ?, ?)');
  const interview = db.prepare("INSERT INTO interviews (id, session_id, role, source_name, text, word_count, imported_at) VALUES (?, ?, 'client', ?, ?, ?, '')");
  const turn = db.prepare("INSERT INTO turns (id, interview_id, seq, speaker, speaker_role, start, end, interview_time) VALUES (?, ?, ?, ?, 'unknown', ?, ?, ?)");
  const fts = db.prepare('INSERT INTO turns_fts (text, turn_id, interview_id) VALUES (?, ?, ?)');
  const moment = db.prepare('INSERT INTO moments (id, interview_id, session_time, offset, label) VALUES (?, ?, ?, ?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (const r of rows) {
      const p = r.s.parsed!;
      session.run(r.session, dyad, r.n + 1);
      interview.run(r.id, r.session, r.s.name, p.text, r.s.wordCount);
      p.turns.forEach((t, seq) => {
        turn.run(r.turns[seq], r.id, seq, t.speaker, t.start, t.end, t.interviewTime);
        fts.run(p.text.slice(t.start, t.end), r.turns[seq], r.id);
      });
      for (const m of p.moments) moment.run(randomUUID(), r.id, m.sessionTime, m.offset, m.label);
    }
  })();
  db.pragma('wal_checkpoint(PASSIVE)');
  const ms = performance.now() - t0;
  db.close();
  return ms;
}
