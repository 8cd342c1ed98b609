import { parseArgs } from 'node:util';
import { DyadError } from '../../../shared/api/errors';
import type { MergeSummary } from '../../../shared/merge';
import { resolveCodePath } from '../../core/coding';
import { agreementReport, UNIT_WORDS, type AgreementReport } from '../../core/team/agreement';
import { exportReport } from '../../core/team/agreementExport';
import { mergeFile } from '../../core/team/merge';
import type { AgreementUnit } from '../../core/team/scope';
import { type CliIo, UsageError } from '../io';
import { withProjectAsync } from './basic';

const MERGE_USAGE = 'dyad merge INTO FROM [--dry-run] [--codebook NAME] [--json]   (FROM: a coder’s .dyad, a .qdpx or a .qdc)';

function describe(s: MergeSummary): string[] {
  const out: string[] = [];
  const list = (xs: string[]) => (xs.length ? `: ${xs.slice(0, 8).join(', ')}${xs.length > 8 ? `, … (${xs.length})` : ''}` : '');
  out.push(`  coders: ${s.coders.added.length} added${list(s.coders.added)}; ${s.coders.matched} matched`);
  out.push(
    `  codes: ${s.codes.added.length} added${list(s.codes.added.map((c) => c.path))}; ${s.codes.matchedById} matched by id, ${s.codes.matchedByName.length} by name${list(s.codes.matchedByName.map((c) => c.path))}`,
  );
  if (s.codes.updated.length) out.push(`  codes changed here: ${s.codes.updated.map((u) => `${u.path} (${u.fields.join(', ')})`).join('; ')}`);
  out.push(
    `  interviews: ${s.interviews.added.length} added${list(s.interviews.added.map((i) => `${i.sourceName} → dyad ${i.dyad}, session ${i.session}, ${i.role}`))}; ${s.interviews.matchedById} matched by id, ${s.interviews.matchedByText} by text`,
  );
  if (s.interviews.skipped.length) out.push(`  left out: ${s.interviews.skipped.map((i) => `${i.sourceName} (${i.codings} codings)`).join(', ')}`);
  out.push(`  codings: ${s.codings.added} added${list(s.codings.byCoder.map((c) => `${c.added} by ${c.coder}`))}; ${s.codings.alreadyThere} already here`);
  out.push(`  memos: ${s.memos.added} added, ${s.memos.matched} already here, ${s.memos.updated} updated`);
  if (s.links.added || s.links.alreadyThere || s.links.skipped) {
    out.push(`  moment links drawn by hand: ${s.links.added} added, ${s.links.alreadyThere} already here${s.links.skipped ? `, ${s.links.skipped} left out (see the notes)` : ''}`);
  }
  if (s.dyads.added.length || s.dyads.updated.length) out.push(`  dyads: ${s.dyads.added.length} added${list(s.dyads.added)}; attributes changed for ${s.dyads.updated.length}`);
  if (s.sessions.recordings) out.push(`  session recordings: ${s.sessions.recordings} filled in where this project had none`);
  if (s.conflicts.length) {
    out.push(`  ${s.conflicts.length} conflict${s.conflicts.length === 1 ? '' : 's'} (the command line takes the first option; review them in Dyad to choose):`);
    for (const c of s.conflicts) out.push(`    - ${c.description} → ${c.options.find((o) => o.id === c.defaultOption)?.label ?? c.defaultOption}`);
  }
  for (const w of s.warnings) out.push(`  note: ${w}`);
  return out;
}

/** `dyad merge`: merges another coder's copy, a REFI-QDA project or a codebook into INTO, with the default choices. */
export async function cmdMerge(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, codebook: { type: 'string' } },
  });
  const [into, from] = positionals;
  if (!into || !from || positionals.length > 2) throw new UsageError(MERGE_USAGE);
  return withProjectAsync(into, async (project) => {
    let codebookId: string | undefined;
    if (values.codebook) {
      const row = project.db.prepare('SELECT id FROM codebooks WHERE id = ? OR name = ? COLLATE NOCASE').get(values.codebook, values.codebook) as { id: string } | undefined;
      if (!row) throw new DyadError('not-found', `${into} has no codebook "${values.codebook}".`);
      codebookId = row.id;
    }
    const dryRun = values['dry-run'] ?? false;
    const { preview, applied } = await mergeFile(project, from, { dryRun, codebookId });
    if (values.json) {
      io.out(JSON.stringify({ file: preview.file, kind: preview.kind, dryRun, summary: preview.summary, fileWarnings: preview.fileWarnings, applied: applied && { changed: applied.changed, backupPath: applied.backupPath, undoLabel: applied.undoLabel } }, null, 2));
      return 0;
    }
    const lines = [`${dryRun ? 'Would merge' : 'Merging'} ${preview.file} into ${project.name}:`, ...describe(preview.summary), ...preview.fileWarnings.map((w) => `  file: ${w}`)];
    if (preview.summary.nothingToDo) lines.push(`Nothing to merge: everything in ${preview.file} is already in ${project.name}.`);
    else if (dryRun) lines.push('Dry run: nothing was written.');
    else if (applied?.changed) lines.push(`Merged. The project as it was is kept in ${applied.backupPath}; in Dyad, Undo "${applied.undoLabel}" takes the merge back.`);
    io.out(lines.join('\n'));
    return 0;
  });
}

const AGREEMENT_USAGE = 'dyad agreement FILE --coders A,B[,C] [--unit char|turn|moment] [--code PATH]… [--json] [--export PATH.csv|.xlsx|.docx]';

const fmt = (x: number | null, pct = false) => (x === null ? '—' : pct ? `${(x * 100).toFixed(1)} %` : x.toFixed(3));

function table(r: AgreementReport): string[] {
  const rows = [
    ['Code', 'Units', 'Agreement', 'Kappa', 'Alpha', 'Disagreements'],
    ...r.codes.map((c) => [c.path, String(c.units), fmt(c.percent, true), fmt(c.kappa), fmt(c.alpha), String(c.disagreements)]),
    ['All codes (pooled)', String(r.overall.units), fmt(r.overall.percent, true), fmt(r.overall.kappa), fmt(r.overall.alpha), String(r.overall.disagreements)],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

/** `dyad agreement`: the agreement report, printed, as JSON, or written as a file. */
export async function cmdAgreement(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      coders: { type: 'string' },
      unit: { type: 'string' },
      code: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      export: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.coders) throw new UsageError(AGREEMENT_USAGE);
  const unit = (values.unit ?? 'char') as AgreementUnit;
  if (!['char', 'turn', 'moment'].includes(unit)) throw new UsageError(`--unit is char, turn or moment (${AGREEMENT_USAGE})`);
  const coders = values.coders.split(',').map((c) => c.trim()).filter(Boolean);
  if (coders.length < 2) throw new UsageError(`--coders names two or more coders, separated by commas (${AGREEMENT_USAGE})`);
  return withProjectAsync(file, async (project) => {
    const codeIds = values.code?.map((p) => resolveCodePath(project.db, null, p).id);
    const report = agreementReport(project.db, { coders, unit, codeIds });
    if (values.export) {
      const written = await exportReport(report, { path: values.export });
      if (!values.json) io.out(`Wrote ${written.path}`);
    }
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    if (values.export) return 0;
    const left = report.interviews.leftOut;
    io.out(
      [
        `${report.title} — by ${UNIT_WORDS[unit]}, ${report.interviews.compared} interview${report.interviews.compared === 1 ? '' : 's'} compared`,
        ...(left.length ? [`Left out (coded by fewer than two of them): ${left.map((l) => l.sourceName).join(', ')}`] : []),
        '',
        ...table(report),
      ].join('\n'),
    );
    return 0;
  });
}
