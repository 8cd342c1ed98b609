/**
 * `dyad qdpx`: the whole project to or from REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder), through the same
 * preview and assignment calls as the app's import dialog. A source whose dyad, session and role neither Dyad's
 * data nor its name tells is assigned with --assign or left out with --skip; one left without either is refused
 * by name, and nothing is written.
 */
import { resolve } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import { ROLES, type Role } from '../../../shared/domain/types';
import { UsageError } from '../io';
import { printWarnings, warningsOf, withProject } from '../project';
import { command, json, plural } from '../spec';

interface Placement {
  dyad: string;
  session: number;
  role: Role;
}

/** "Dyad 7 - session 2 - client=7/2/client" → the source's name and where it goes. */
function parseAssign(text: string): { source: string; place: Placement } {
  const eq = text.lastIndexOf('=');
  const parts = eq > 0 ? text.slice(eq + 1).split('/') : [];
  const role = parts.pop()?.trim().toLowerCase() as Role | undefined;
  const session = Number(parts.pop());
  const dyad = parts.join('/').trim();
  if (eq <= 0 || !dyad || !Number.isInteger(session) || session < 1 || !role || !ROLES.includes(role)) {
    throw new UsageError(`--assign takes "SOURCE NAME=DYAD/SESSION/ROLE", ROLE one of ${ROLES.join(', ')} (got "${text}")`);
  }
  return { source: text.slice(0, eq).trim(), place: { dyad, session, role } };
}

const placeText = (p: Placement | null) => (p ? `dyad ${p.dyad}, session ${p.session}, ${p.role}` : 'none');

export const cmdQdpx = command({
  summary: 'REFI-QDA project exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder',
  usage: [
    'dyad qdpx FILE --export PATH.qdpx [--json]',
    'dyad qdpx FILE --import PATH.qdpx [--dry-run] [--assign "SOURCE NAME=DYAD/SESSION/ROLE"]… [--skip "SOURCE NAME"]… [--json]',
  ],
  args: [['FILE', 'the project file (.dyad)']],
  options: {
    export: { type: 'string', arg: 'PATH', help: 'write the whole project as a .qdpx' },
    import: { type: 'string', arg: 'PATH', help: "add a .qdpx written by any tool: its sources, codes, codings and memos" },
    'dry-run': { type: 'boolean', help: 'import: show each source with its words, codings and proposed place, and the warnings; write nothing' },
    assign: { type: 'string', multiple: true, arg: 'SOURCE=D/S/R', help: 'import: put a source in dyad D, session S, role R (client, therapist, other)' },
    skip: { type: 'string', multiple: true, arg: 'SOURCE', help: 'import: leave a source out' },
    ...json,
  },
  notes: [
    "On import, each source's place comes from --assign, else from Dyad's own data in the file, else from its name by the",
    "project's file-name pattern. A source with none of them (and no --skip) is refused by name; nothing is written.",
  ],
  examples: [
    'dyad qdpx study.dyad --export study.qdpx',
    'dyad qdpx study.dyad --import nvivo.qdpx --dry-run',
    'dyad qdpx study.dyad --import nvivo.qdpx --assign "Client interview 7=7/2/client" --skip "Field notes"',
  ],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || !!values.export === !!values.import) throw new UsageError('give FILE and one of --export or --import');
    if (values.export && (values['dry-run'] || values.assign || values.skip)) throw new UsageError('--dry-run, --assign and --skip go with --import');
    const assigned = (values.assign ?? []).map(parseAssign);
    return withProject(file, async (p) => {
      if (values.export) {
        const r = await p.call('refi.exportQdpx', { path: resolve(values.export) });
        if (values.json) io.out(JSON.stringify(r, null, 2));
        else io.out(`Exported ${r.sources} interviews, ${r.codes} codes, ${r.codings} codings and ${r.memos} memos to ${r.path}`);
        return 0;
      }
      const preview = await p.call('refi.previewQdpx', { path: resolve(values.import!) });
      const label = preview.fileName;
      const find = (name: string, flag: string) => {
        const hit = preview.sources.find((s) => s.name === name) ?? preview.sources.find((s) => s.name.toLowerCase() === name.toLowerCase() || s.id === name);
        if (!hit) throw new DyadError('invalid-input', `${label} has no source "${name}" (${flag}). Its sources: ${preview.sources.map((s) => `"${s.name}"`).join(', ')}. Nothing was imported.`);
        return hit.id;
      };
      const chosen = new Map<string, Placement | 'skip'>();
      for (const a of assigned) chosen.set(find(a.source, '--assign'), a.place);
      for (const s of values.skip ?? []) chosen.set(find(s, '--skip'), 'skip');
      const sources = preview.sources.map((s) => {
        const c = chosen.get(s.id);
        const place = c === 'skip' ? null : (c ?? s.proposed);
        return { ...s, skip: c === 'skip', assigned: place };
      });
      const unplaced = sources.filter((s) => !s.skip && !s.assigned);
      const warnings = warningsOf(label, preview.warnings);
      if (values['dry-run']) {
        if (values.json) {
          const { stagingId: _s, ...shown } = preview;
          io.out(JSON.stringify({ ...shown, sources, unassigned: unplaced.map((s) => s.name), dryRun: true }, null, 2));
          return 0;
        }
        printWarnings(io, warnings);
        io.out(`${label}${preview.origin ? ` (from ${preview.origin})` : ''}: ${plural(preview.sources.length, 'source')}, ${plural(preview.codes, 'code')}, ${plural(preview.codings, 'coding')}, ${plural(preview.memos, 'memo')}`);
        io.out(`Positions counted in ${preview.positionUnit === 'utf16' ? 'UTF-16 code units' : 'Unicode code points'}.`);
        for (const s of sources) {
          const how = s.skip ? 'skipped' : s.assigned ? `${placeText(s.assigned)}${chosen.has(s.id) ? ' (assigned)' : s.fromDyad ? " (Dyad's data)" : ' (from its name)'}` : 'none — give --assign or --skip';
          io.out(`  "${s.name}"  ${s.wordCount} words, ${plural(s.codings, 'coding')}  → ${how}`);
        }
        io.out(unplaced.length ? `${plural(unplaced.length, 'source')} without a place. Dry run: nothing was written.` : 'Dry run: nothing was written.');
        return 0;
      }
      if (unplaced.length) {
        throw new DyadError(
          'invalid-input',
          `${label}: no dyad, session and role for ${unplaced.map((s) => `"${s.name}"`).join(', ')}; give --assign "SOURCE NAME=DYAD/SESSION/ROLE" or --skip "SOURCE NAME" (see --dry-run). Nothing was imported.`,
        );
      }
      const assignments = sources.map((s) => (s.skip ? { sourceId: s.id, skip: true as const } : { sourceId: s.id, ...s.assigned! }));
      const r = await p.call('refi.importQdpx', { stagingId: preview.stagingId, assignments });
      const all = [...new Set([...preview.warnings, ...r.warnings])];
      if (values.json) {
        io.out(JSON.stringify({ ...r, warnings: all, positionUnit: preview.positionUnit }, null, 2));
        return 0;
      }
      printWarnings(io, warningsOf(label, all));
      for (const s of sources) if (!s.skip) io.out(`Imported ${s.name} → ${placeText(s.assigned)}`);
      io.out(`${r.codes} codes, ${r.codings} codings, ${r.memos} memos and ${r.coders} new coders from ${label}`);
      return 0;
    });
  },
});
