import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DyadError } from '../../../shared/api/errors';
import { exportQdpx } from '../../refi/exportQdpx';
import { automaticAssignments, commitQdpxImport, customMarkerPatterns, fileNamePattern } from '../../refi/importQdpx';
import { exportCodebookDocument } from '../../export/codebookDocument';
import { exportQdc, importQdcIntoProject } from '../../refi/qdc';
import { readQdpx } from '../../refi/readQdpx';
import { type CliIo, UsageError } from '../io';
import { withProjectAsync } from './basic';

const QDPX_USAGE = 'dyad qdpx FILE --export PATH.qdpx | --import PATH.qdpx [--json]';

/** `dyad qdpx`: the whole project to or from REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder). */
export async function cmdQdpx(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { export: { type: 'string' }, import: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !!values.export === !!values.import) throw new UsageError(QDPX_USAGE);
  return withProjectAsync(file, async (project) => {
    if (values.export) {
      const r = await exportQdpx(project.db, resolve(values.export));
      if (values.json) io.out(JSON.stringify(r, null, 2));
      else io.out(`Exported ${r.sources} interviews, ${r.codes} codes, ${r.codings} codings and ${r.memos} memos to ${r.path}`);
      return 0;
    }
    const read = await readQdpx(resolve(values.import!), { customMarkerPatterns: customMarkerPatterns(project.db) });
    const assignments = automaticAssignments(read, fileNamePattern(project.db));
    const r = await project.writes.run(async () => commitQdpxImport(project.db, read, assignments));
    if (values.json) {
      io.out(JSON.stringify({ ...r, positionUnit: read.positionUnit }, null, 2));
      return 0;
    }
    for (const w of r.warnings) io.err(`warning: ${w}`);
    for (const a of assignments) {
      if ('skip' in a) continue;
      const i = read.snapshot.interviews.find((x) => x.id === a.sourceId)!;
      io.out(`Imported ${i.sourceName} → dyad ${a.dyad}, session ${a.session}, ${a.role}`);
    }
    io.out(`${r.codes} codes, ${r.codings} codings, ${r.memos} memos and ${r.coders} new coders from ${read.fileName}`);
    return 0;
  });
}

/**
 * `dyad codebook FILE --export PATH.qdc [--codebook NAME|ID]` and `dyad codebook FILE --import PATH.qdc`: the
 * REFI-QDA part of the `dyad codebook` command (electron/cli/commands/coding.ts hands these flags over).
 */
export async function cmdCodebookExchange(args: string[], io: CliIo): Promise<number> {
  const usage = 'dyad codebook FILE --export PATH.qdc|.docx|.md [--codebook NAME] | --import PATH.qdc [--json]';
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { export: { type: 'string' }, import: { type: 'string' }, codebook: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !!values.export === !!values.import) throw new UsageError(usage);
  return withProjectAsync(file, async (project) => {
    if (values.export) {
      const books = project.db.prepare('SELECT id, name FROM codebooks ORDER BY created_at').all() as { id: string; name: string }[];
      const wanted = values.codebook
        ? books.filter((b) => b.id === values.codebook || b.name.toLowerCase() === values.codebook!.toLowerCase())
        : books;
      if (!wanted.length) throw new DyadError('not-found', values.codebook ? `${file} has no codebook "${values.codebook}".` : `${file} has no codebook yet.`);
      if (wanted.length > 1) {
        throw new DyadError('invalid-input', `${file} has ${wanted.length} codebooks (${wanted.map((b) => `"${b.name}"`).join(', ')}); say which with --codebook NAME.`);
      }
      const target = resolve(values.export);
      if (!/\.(qdc|docx|md)$/i.test(target)) throw new UsageError(`${usage}\n(${values.export}: export a codebook as .qdc, .docx or .md)`);
      const r = /\.qdc$/i.test(target)
        ? await exportQdc(project.db, wanted[0]!.id, target)
        : await exportCodebookDocument(project.db, wanted[0]!.id, target, project.name);
      if (values.json) io.out(JSON.stringify(r, null, 2));
      else io.out(`Exported codebook "${wanted[0]!.name}" (${r.codes} codes) to ${r.path}`);
      return 0;
    }
    const r = await project.writes.run(() => importQdcIntoProject(project.db, resolve(values.import!)));
    if (values.json) io.out(JSON.stringify(r, null, 2));
    else {
      for (const w of r.warnings) io.err(`warning: ${w}`);
      io.out(`Imported codebook "${r.name}" with ${r.codes} codes`);
    }
    return 0;
  });
}
