/**
 * Exports of a coded study: 10,000 excerpts (five themes, two coders, memos on one in ten) to Word and Excel, the
 * targets of issue 17 being 1.5 s each; the other formats and a dialogue for comparison. Each export starts from a
 * project just opened (nothing read yet), as a researcher's first export does; wall time, CPU time and peak memory
 * are printed, as the machine the bench runs on is shared. Runs on a copy of the
 * foundation's synthetic study so the codings added here do not change what the other benchmarks measure.
 */
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newId, now } from '../../electron/core/ids';
import { Project } from '../../electron/core/project';
import { buildExcerptDocument } from '../../electron/export/gather';
import { exportDialogue, exportExcerpts } from '../../electron/export/run';
import { getExportSettings, setExportSettings } from '../../electron/export/settings';
import { exportQdpx } from '../../electron/refi/exportQdpx';
import { automaticAssignments, commitQdpxImport, fileNamePattern } from '../../electron/refi/importQdpx';
import { readQdpx } from '../../electron/refi/readQdpx';
import type { BenchContext } from './context';
import { PEAK_TARGET_MB } from './foundation';
import { how, measure } from './measure';
import { rng } from './synthetic';

export const EXCERPTS = 10_000;
const THEMES = ['Rupture', 'Withdrawal', 'Shame', 'Repair', 'Trust'];

/** Adds THEMES and EXCERPTS codings of 150–600 characters spread over every interview; returns the code ids. */
export function codeStudy(project: Project): string[] {
  const db = project.db;
  const random = rng(42);
  const interviews = db.prepare('SELECT id, length(text) AS n FROM interviews ORDER BY id').all() as { id: string; n: number }[];
  return db.transaction(() => {
    const coders = ['Ana', 'Ben'].map((name) => {
      const id = newId();
      db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now());
      return id;
    });
    const book = newId();
    db.prepare('INSERT INTO codebooks (id, name, created_at) VALUES (?, ?, ?)').run(book, 'Codebook', now());
    const codes = THEMES.map((name, position) => {
      const id = newId();
      db.prepare(
        'INSERT INTO codes (id, codebook_id, parent_id, name, definition, position, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)',
      ).run(id, book, name, `What counts as ${name.toLowerCase()} in this study.`, position, now(), now());
      return id;
    });
    const coding = db.prepare('INSERT OR IGNORE INTO codings (id, interview_id, code_id, coder_id, start, end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const memo = db.prepare("INSERT INTO memos (id, target_kind, target_id, coder_id, title, text, created_at, updated_at) VALUES (?, 'coding', ?, ?, '', ?, ?, ?)");
    let made = 0;
    while (made < EXCERPTS) {
      const iv = interviews[Math.floor(random() * interviews.length)]!;
      const length = 150 + Math.floor(random() * 450);
      const start = Math.floor(random() * Math.max(1, iv.n - length));
      const id = newId();
      const coder = coders[made % 2]!;
      const r = coding.run(id, iv.id, codes[made % codes.length]!, coder, start, Math.min(iv.n, start + length), now());
      if (!r.changes) continue;
      if (made % 10 === 0) memo.run(newId(), id, coder, 'Compare with the other side of this moment; the tone shifts here.', now(), now());
      made++;
    }
    return codes;
  })();
}

/** Opens the bench's copy afresh: each export is measured from a project with nothing read yet. */
async function withOpen<T>(path: string, fn: (project: Project) => Promise<T> | T): Promise<T> {
  const project = Project.open(path, { noLock: true });
  try {
    return await fn(project);
  } finally {
    project.close();
  }
}

export async function benchExport(ctx: BenchContext): Promise<void> {
  const { report, dir } = ctx;
  report.section(`Export — ${EXCERPTS.toLocaleString('en')} excerpts (${THEMES.length} themes) of the synthetic study`);
  const copy = join(dir, 'export-study.dyad');
  copyFileSync(ctx.projectPath, copy);
  const codeIds = await withOpen(copy, (project) => {
    setExportSettings(project.db, { deidentify: [{ name: 'mother', replacement: '[parent]' }, { name: 'father', replacement: '[parent]' }] });
    return codeStudy(project);
  });

  await withOpen(copy, async (project) => {
    const tolerance = project.settings().alignToleranceSeconds;
    const settings = getExportSettings(project.db);
    const gather = await measure(() => buildExcerptDocument(project.db, tolerance, settings, { codeIds, includeMemos: true }));
    const count = gather.value.sections.reduce((n, s) => n + s.excerpts.length, 0);
    report.add(`gather, attribute, de-identify ${count} excerpts, first (${how(gather)})`, gather.ms, 'ms');
    const again = await measure(() => buildExcerptDocument(project.db, tolerance, settings, { codeIds, includeMemos: true }));
    report.add(`  again, transcripts kept (${how(again)})`, again.ms, 'ms');
  });

  for (const [format, target] of [
    ['docx', 1500],
    ['xlsx', 1500],
    ['csv', undefined],
    ['md', undefined],
    ['html', undefined],
  ] as const) {
    await withOpen(copy, async (project) => {
      const path = join(dir, `excerpts.${format}`);
      const r = await measure(() => exportExcerpts(project.db, project.settings().alignToleranceSeconds, { format, codeIds, includeMemos: true, path }));
      const mb = statSync(path).size / 1024 / 1024;
      report.add(`export ${r.value.excerptCount} excerpts to ${format} (${mb.toFixed(1)} MB), wall`, r.ms, 'ms', target);
      report.add(`  CPU (peak ${r.peakMb.toFixed(0)} MB, load ${r.load.toFixed(1)})`, r.cpuMs, 'ms', target);
    });
  }

  await withOpen(copy, async (project) => {
    const path = join(dir, 'dialogue.docx');
    const d = await measure(() => exportDialogue(project.db, project.settings().alignToleranceSeconds, { format: 'docx', codeIds: [codeIds[0]!], path }));
    report.add(`dialogue of one theme to docx (${d.value.excerptCount} excerpts; ${how(d)})`, d.ms, 'ms');
  });
}

/** Codings per interview for the REFI-QDA round trip: 400 interviews × 250 is the 100,000. */
const QDPX_CODINGS_PER_INTERVIEW = 250;
const QDPX_EXPORT_TARGET_S = 2;
const QDPX_IMPORT_TARGET_S = 4;

/** Adds QDPX_CODINGS_PER_INTERVIEW codings of 50–800 characters to every interview, by two coders over five codes. */
function codeEveryInterview(project: Project): number {
  const db = project.db;
  const random = rng(7);
  const interviews = db.prepare('SELECT id, length(text) AS n FROM interviews ORDER BY id').all() as { id: string; n: number }[];
  return db.transaction(() => {
    const coders = ['Cleo', 'Dev'].map((name) => {
      const id = newId();
      db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now());
      return id;
    });
    const book = newId();
    db.prepare('INSERT INTO codebooks (id, name, created_at) VALUES (?, ?, ?)').run(book, 'Round trip', now());
    const codes = THEMES.map((name, position) => {
      const id = newId();
      db.prepare('INSERT INTO codes (id, codebook_id, parent_id, name, position, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?)').run(id, book, name, position, now(), now());
      return id;
    });
    const coding = db.prepare('INSERT OR IGNORE INTO codings (id, interview_id, code_id, coder_id, start, end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let made = 0;
    for (const iv of interviews) {
      for (let k = 0; k < QDPX_CODINGS_PER_INTERVIEW; k++) {
        const length = 50 + Math.floor(random() * 750);
        const start = Math.floor(random() * Math.max(1, iv.n - length));
        made += coding.run(newId(), iv.id, codes[k % codes.length]!, coders[k % 2]!, start, Math.min(iv.n, start + length), now()).changes;
      }
    }
    return made;
  })();
}


/**
 * The REFI-QDA round trip of the whole study: export to .qdpx (issue 17: 2 s), then read it back and write it
 * into an empty project (4 s), each under 1 GB. Wall-clock time with the process's CPU time and peak memory beside it.
 */
export async function benchQdpxRoundTrip(ctx: BenchContext): Promise<void> {
  const { report, dir } = ctx;
  const copy = join(dir, 'qdpx-study.dyad');
  copyFileSync(ctx.projectPath, copy);
  const source = Project.open(copy, { noLock: true });
  const target = Project.open(join(dir, 'qdpx-target.dyad'), { create: true });
  try {
    const codings = codeEveryInterview(source);
    const interviews = source.db.prepare('SELECT count(*) FROM interviews').pluck().get() as number;
    report.section(`REFI-QDA round trip — ${interviews} interviews, ${codings.toLocaleString('en')} codings: .dyad → .qdpx → .dyad`);
    const file = join(dir, 'study.qdpx');
    const exported = await measure(() => exportQdpx(source.db, file));
    const read = await measure(() => readQdpx(file));
    const written = await measure(() => commitQdpxImport(target.db, read.value, automaticAssignments(read.value, fileNamePattern(target.db))));
    const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
    report.add(`export to .qdpx (${mb} MB), wall`, exported.ms / 1000, 's', QDPX_EXPORT_TARGET_S);
    report.add(`  CPU (load ${exported.load.toFixed(1)})`, exported.cpuMs / 1000, 's', QDPX_EXPORT_TARGET_S);
    report.add('  peak memory', exported.peakMb, 'MB', PEAK_TARGET_MB);
    report.add('import: read the .qdpx, wall', read.ms / 1000, 's');
    report.add(`  CPU (load ${read.load.toFixed(1)})`, read.cpuMs / 1000, 's');
    report.add('  peak memory', read.peakMb, 'MB', PEAK_TARGET_MB);
    report.add(`import: write ${written.value.codings.toLocaleString('en')} codings and ${written.value.interviewIds.length} interviews, wall`, written.ms / 1000, 's');
    report.add(`  CPU (load ${written.load.toFixed(1)})`, written.cpuMs / 1000, 's');
    report.add('  peak memory', written.peakMb, 'MB', PEAK_TARGET_MB);
    report.add('import total, wall', (read.ms + written.ms) / 1000, 's', QDPX_IMPORT_TARGET_S);
    report.add('import total, CPU', (read.cpuMs + written.cpuMs) / 1000, 's', QDPX_IMPORT_TARGET_S);
    report.add('round trip total, wall', (exported.ms + read.ms + written.ms) / 1000, 's');
  } finally {
    source.close();
    target.close();
  }
}
