/** `dyad merge` and `dyad agreement`: team work through merge.preview/apply and agreement.report/export. */
import type { Output } from '../../../shared/api/contract';
import type { MergeSummary } from '../../../shared/merge';
import { UsageError } from '../io';
import { printWarnings, warningsOf, withProject } from '../project';
import { command, json } from '../spec';

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

export const cmdMerge = command({
  summary: "merge a coder's copy (.dyad), a .qdpx or a .qdc codebook, with a backup first; undoable",
  usage: ['dyad merge INTO FROM [--dry-run] [--codebook NAME] [--json]'],
  args: [
    ['INTO', 'the project to merge into (.dyad)'],
    ['FROM', 'a coder’s copy (.dyad), a REFI-QDA project (.qdpx) or a codebook (.qdc)'],
  ],
  options: {
    'dry-run': { type: 'boolean', help: 'show what merging would do; write nothing' },
    codebook: { type: 'string', arg: 'NAME', help: 'for a .qdc: the codebook to merge it into' },
    ...json,
  },
  notes: ['Codes are matched by id, then by name under the same parent; every coding is kept. Conflicts take their first option.'],
  examples: ['dyad merge study.dyad bea.dyad --dry-run', 'dyad merge study.dyad bea.dyad'],
  async run({ values, positionals: [into, from, ...more] }, io) {
    if (!into || !from || more.length) throw new UsageError('give INTO and FROM');
    return withProject(into, async (p) => {
      const codebookId = values.codebook ? (await p.call('names.resolve', { codebook: values.codebook })).codebookId : undefined;
      const dryRun = values['dry-run'] ?? false;
      const preview = await p.call('merge.preview', { path: from, codebookId });
      const applied: Output<'merge.apply'> | null = dryRun ? null : await p.call('merge.apply', { planId: preview.planId, choices: {} });
      if (values.json) {
        io.out(
          JSON.stringify(
            {
              file: preview.file,
              kind: preview.kind,
              dryRun,
              summary: preview.summary,
              fileWarnings: preview.fileWarnings,
              applied: applied && { changed: applied.changed, backupPath: applied.backupPath, undoLabel: applied.undoLabel },
            },
            null,
            2,
          ),
        );
        return 0;
      }
      printWarnings(io, warningsOf(preview.file, preview.fileWarnings));
      const lines = [`${dryRun ? 'Would merge' : 'Merging'} ${preview.file} into ${p.name}:`, ...describe(preview.summary)];
      if (preview.summary.nothingToDo) lines.push(`Nothing to merge: everything in ${preview.file} is already in ${p.name}.`);
      else if (dryRun) lines.push('Dry run: nothing was written.');
      else if (applied?.changed) lines.push(`Merged. The project as it was is kept in ${applied.backupPath}; in Dyad, Undo "${applied.undoLabel}" takes the merge back.`);
      io.out(lines.join('\n'));
      return 0;
    });
  },
});

const UNITS = { char: 'character', turn: 'speaker turn', moment: 'recall moment' } as const;
type Unit = keyof typeof UNITS;
type Report = Output<'agreement.report'>;

const fmt = (x: number | null, pct = false) => (x === null ? '—' : pct ? `${(x * 100).toFixed(1)} %` : x.toFixed(3));

function table(r: Report): string[] {
  const rows = [
    ['Code', 'Units', 'Agreement', 'Kappa', 'Alpha', 'Disagreements'],
    ...r.codes.map((c) => [c.path, String(c.units), fmt(c.percent, true), fmt(c.kappa), fmt(c.alpha), String(c.disagreements)]),
    ['All codes (pooled)', String(r.overall.units), fmt(r.overall.percent, true), fmt(r.overall.kappa), fmt(r.overall.alpha), String(r.overall.disagreements)],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

export const cmdAgreement = command({
  summary: "percent agreement, Cohen's kappa and Krippendorff's alpha per code and overall",
  usage: ['dyad agreement FILE --coders A,B[,C] [--unit char|turn|moment] [--code PATH]… [--json] [--export PATH.csv|.xlsx|.docx]'],
  args: [['FILE', 'the project file (.dyad)']],
  options: {
    coders: { type: 'string', arg: 'A,B', help: 'two or more coders, by name, separated by commas' },
    unit: { type: 'string', arg: 'UNIT', help: 'compare by char (default), speaker turn or recall moment' },
    code: { type: 'string', multiple: true, arg: 'PATH', help: 'only this code (default: every code the coders applied)' },
    export: { type: 'string', arg: 'PATH', help: 'write the report as .csv, .xlsx or .docx' },
    ...json,
  },
  examples: ['dyad agreement study.dyad --coders Ana,Ben', 'dyad agreement study.dyad --coders Ana,Ben --unit turn --export agreement.xlsx'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || !values.coders) throw new UsageError('give FILE and --coders A,B');
    const unit = (values.unit ?? 'char') as Unit;
    if (!(unit in UNITS)) throw new UsageError('--unit is char, turn or moment');
    const coders = values.coders.split(',').map((c) => c.trim()).filter(Boolean);
    if (coders.length < 2) throw new UsageError('--coders names two or more coders, separated by commas');
    return withProject(file, async (p) => {
      const codeIds = values.code ? await Promise.all(values.code.map(async (path) => (await p.call('codes.resolvePath', { path })).code.id)) : undefined;
      const query = { coders, unit, codeIds };
      if (values.export) {
        const written = await p.call('agreement.export', { ...query, path: values.export });
        if (!values.json) io.out(`Wrote ${written.path}`);
      }
      if (values.export && !values.json) return 0;
      const report = await p.call('agreement.report', query);
      if (values.json) {
        io.out(JSON.stringify(report, null, 2));
        return 0;
      }
      const left = report.interviews.leftOut;
      io.out(
        [
          `${report.title} — by ${UNITS[unit]}, ${report.interviews.compared} interview${report.interviews.compared === 1 ? '' : 's'} compared`,
          ...(left.length ? [`Left out (coded by fewer than two of them): ${left.map((l) => l.sourceName).join(', ')}`] : []),
          '',
          ...table(report),
        ].join('\n'),
      );
      return 0;
    }, { readOnly: true });
  },
});
