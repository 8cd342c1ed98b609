/**
 * `dyad export`: the excerpts of codes, or their dyadic dialogue, written to a file with the project's attribution
 * template and de-identification list. Names typed here (dyads, coders, code paths) are resolved to ids; the work
 * is electron/export. Ctrl+C cancels and leaves no file behind.
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DyadError } from '../../../shared/api/errors';
import { findDyadName } from '../../../shared/domain/dyadName';
import { ROLES, type Role } from '../../../shared/domain/types';
import { DIALOGUE_FORMATS, EXCERPT_FORMATS, type DialogueFormat, type ExcerptFormat } from '../../../shared/export/model';
import { loadCodeTree, resolveCodePathReadOnly } from '../../core/analysis/codes';
import type { Db } from '../../core/database';
import type { ExportFilters } from '../../export/gather';
import { exportDialogue, exportExcerpts } from '../../export/run';
import { type CliIo, UsageError } from '../io';
import { withProjectAsync } from './basic';

const USAGE =
  'dyad export FILE --format docx|md|html|csv|xlsx [--code PATH]… [--dialogue] [--role R] [--dyad N] [--session N] [--coder NAME] [--attr key=value] [--subcodes] [--memos] [--title TEXT] --out PATH [--json]';

function byName(db: Db, file: string, table: 'dyads' | 'coders', what: string, names: string[] | undefined): string[] | undefined {
  if (!names?.length) return undefined;
  const all = db.prepare(`SELECT id, name FROM ${table}`).all() as { id: string; name: string }[];
  return names.map((n) => {
    const hit =
      table === 'dyads'
        ? findDyadName(all, n)
        : all.find(({ name }) => name.toLocaleLowerCase() === n.trim().toLocaleLowerCase());
    if (!hit) throw new DyadError('not-found', `${file} has no ${what} "${n}".${all.length ? ` Its ${what}s: ${all.map((x) => x.name).join(', ')}.` : ''}`);
    return hit.id;
  });
}

function sessionIds(db: Db, file: string, numbers: string[] | undefined, dyads: string[] | undefined): string[] | undefined {
  if (!numbers?.length) return undefined;
  const ns = numbers.map((n) => {
    const v = Number(n);
    if (!Number.isInteger(v) || v < 1) throw new UsageError('--session must be a whole number from 1');
    return v;
  });
  const rows = db.prepare('SELECT id, dyad_id, number FROM sessions').raw().all() as [string, string, number][];
  const ids = rows.filter(([, d, n]) => ns.includes(n) && (!dyads || dyads.includes(d))).map(([id]) => id);
  if (!ids.length) throw new DyadError('not-found', `${file} has no session ${ns.join(', ')}${dyads ? ' for the dyads given' : ''}.`);
  return ids;
}

function attributes(pairs: string[] | undefined): Record<string, string[]> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, string[]> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--attr takes key=value (got "${p}")`);
    (out[p.slice(0, eq).trim()] ??= []).push(p.slice(eq + 1).trim());
  }
  return out;
}

const sizeText = (n: number) => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export async function cmdExport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      code: { type: 'string', multiple: true },
      dialogue: { type: 'boolean' },
      role: { type: 'string', multiple: true },
      dyad: { type: 'string', multiple: true },
      session: { type: 'string', multiple: true },
      coder: { type: 'string', multiple: true },
      attr: { type: 'string', multiple: true },
      subcodes: { type: 'boolean' },
      memos: { type: 'boolean' },
      title: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.format || !values.out) throw new UsageError(USAGE);
  const formats: readonly string[] = values.dialogue ? DIALOGUE_FORMATS : EXCERPT_FORMATS;
  if (!formats.includes(values.format)) {
    throw new UsageError(`--format must be one of ${formats.join(', ')}${values.dialogue ? ' for a dialogue' : ''}`);
  }
  for (const r of values.role ?? []) if (!ROLES.includes(r as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (values.dialogue && values.role?.length) throw new UsageError('--role does not apply to --dialogue (a dialogue pairs the client and the therapist)');
  if (values.dialogue && values.memos) throw new UsageError('--memos applies to excerpt exports, not to --dialogue');
  const out = resolve(values.out);

  return withProjectAsync(file, async (project) => {
    const db = project.db;
    const name = basename(project.path);
    const codeIds = values.code?.length
      ? values.code.map((c) => resolveCodePathReadOnly(db, c, name))
      : loadCodeTree(db)
          .ordered()
          .map((c) => c.id);
    if (!codeIds.length) throw new DyadError('not-found', `${name} has no codes to export.`);
    const dyadIds = byName(db, name, 'dyads', 'dyad', values.dyad);
    const filters: ExportFilters = {
      dyadIds,
      sessionIds: sessionIds(db, name, values.session, dyadIds),
      roles: values.role as Role[] | undefined,
      coderIds: byName(db, name, 'coders', 'coder', values.coder),
      attributes: attributes(values.attr),
      // Unset: an excerpt export takes the code alone, a dialogue the code with its sub-codes (gather.ts).
      includeSubcodes: values.subcodes,
    };
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    try {
      const tolerance = project.settings().alignToleranceSeconds;
      const job = { signal: controller.signal };
      const result = values.dialogue
        ? await exportDialogue(db, tolerance, { format: values.format as DialogueFormat, codeIds, filters, title: values.title, path: out }, job)
        : await exportExcerpts(
            db,
            tolerance,
            { format: values.format as ExcerptFormat, codeIds, filters, includeMemos: values.memos ?? false, title: values.title, path: out },
            job,
          );
      if (values.json) io.out(JSON.stringify({ path: result.path, excerptCount: result.excerptCount, size: result.size, mimeType: result.mimeType }, null, 2));
      else io.out(`Exported ${result.excerptCount} excerpt${result.excerptCount === 1 ? '' : 's'} to ${result.path} (${sizeText(result.size)})`);
      return 0;
    } finally {
      process.removeListener('SIGINT', onInterrupt);
    }
  });
}
