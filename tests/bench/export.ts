/**
 * Exports of a coded study: 10,000 excerpts (five themes, two coders, memos on one in ten) to Word and Excel, the
 * issue's targets being under 5 s each; the other formats and a dialogue for comparison. Runs on a copy of the
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
import { time } from './report';
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

export async function benchExport(ctx: BenchContext): Promise<void> {
  const { report, dir } = ctx;
  report.section(`Export — ${EXCERPTS.toLocaleString('en')} excerpts (${THEMES.length} themes) of the synthetic study`);
  const copy = join(dir, 'export-study.dyad');
  copyFileSync(ctx.projectPath, copy);
  const project = Project.open(copy, { noLock: true });
  try {
    const codeIds = codeStudy(project);
    setExportSettings(project.db, { deidentify: [{ name: 'mother', replacement: '[parent]' }, { name: 'father', replacement: '[parent]' }] });
    const tolerance = project.settings().alignToleranceSeconds;
    const settings = getExportSettings(project.db);

    const gather = await time(() => buildExcerptDocument(project.db, tolerance, settings, { codeIds, includeMemos: true }));
    const count = gather.value.sections.reduce((n, s) => n + s.excerpts.length, 0);
    report.add(`gather, attribute, de-identify ${count} excerpts`, gather.ms, 'ms');

    for (const [format, target] of [
      ['docx', 5000],
      ['xlsx', 5000],
      ['csv', undefined],
      ['md', undefined],
      ['html', undefined],
    ] as const) {
      const path = join(dir, `excerpts.${format}`);
      const r = await time(() => exportExcerpts(project.db, tolerance, { format, codeIds, includeMemos: true, path }));
      const mb = statSync(path).size / 1024 / 1024;
      report.add(`export ${r.value.excerptCount} excerpts to ${format} (${mb.toFixed(1)} MB)`, r.ms, 'ms', target);
    }

    const dialoguePath = join(dir, 'dialogue.docx');
    const d = await time(() => exportDialogue(project.db, tolerance, { format: 'docx', codeIds: [codeIds[0]!], path: dialoguePath }));
    report.add(`dialogue of one theme to docx (${d.value.excerptCount} excerpts)`, d.ms, 'ms');
  } finally {
    project.close();
  }
  await benchQdpxRoundTrip(ctx);
}

/** Codings per interview for the REFI-QDA round trip: 400 interviews × 250 is the 100,000. */
const QDPX_CODINGS_PER_INTERVIEW = 250;
const QDPX_TARGET_MS = 20_000;

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

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/**
 * The REFI-QDA round trip of the whole study (issue 5: under 20 s): export to .qdpx, then read it back and write
 * it into an empty project. Wall-clock time with the process's CPU time beside it (the two part on a busy machine).
 */
async function benchQdpxRoundTrip(ctx: BenchContext): Promise<void> {
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
    const c0 = cpuMs();
    const exported = await time(() => exportQdpx(source.db, file));
    const c1 = cpuMs();
    const read = await time(() => readQdpx(file));
    const c2 = cpuMs();
    const written = await time(() => commitQdpxImport(target.db, read.value, automaticAssignments(read.value, fileNamePattern(target.db))));
    const c3 = cpuMs();
    const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
    report.add(`export to .qdpx (${mb} MB), wall`, exported.ms / 1000, 's');
    report.add('  CPU', (c1 - c0) / 1000, 's');
    report.add('import: read the .qdpx, wall', read.ms / 1000, 's');
    report.add('  CPU', (c2 - c1) / 1000, 's');
    report.add(`import: write ${written.value.codings.toLocaleString('en')} codings and ${written.value.interviewIds.length} interviews, wall`, written.ms / 1000, 's');
    report.add('  CPU', (c3 - c2) / 1000, 's');
    report.add('import total, wall', (read.ms + written.ms) / 1000, 's');
    report.add('round trip total, wall', (exported.ms + read.ms + written.ms) / 1000, 's', QDPX_TARGET_MS / 1000);
    report.add('round trip total, CPU', (c3 - c0) / 1000, 's', QDPX_TARGET_MS / 1000);
  } finally {
    source.close();
    target.close();
  }
}
