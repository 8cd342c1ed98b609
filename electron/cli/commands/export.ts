/**
 * `dyad export`: the excerpts of codes, or their dyadic dialogue, written to a file with the project's attribution
 * template and de-identification list, through export.excerpts / export.dialogue. Ctrl+C cancels and leaves no
 * file behind.
 */
import { resolve } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import { DIALOGUE_FORMATS, EXCERPT_FORMATS, type DialogueFormat, type ExcerptFormat } from '../../../shared/export/model';
import { UsageError } from '../io';
import { withProject } from '../project';
import { checkScope, coderOption, resolveScope, roleOption, roles, scopeOptions } from '../scope';
import { command, json } from '../spec';

const sizeText = (n: number) => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export const cmdExport = command({
  summary: 'attributed, de-identified excerpts, or a theme as a dyadic dialogue',
  usage: ['dyad export FILE --format docx|md|html|csv|xlsx [--code PATH]… [--dialogue] [--role R] [--dyad N] [--session N] [--coder NAME] [--attr key=value] [--subcodes] [--memos] [--exact] [--title TEXT] --out PATH [--json]'],
  args: [['FILE', 'the project file (.dyad)']],
  options: {
    format: { type: 'string', arg: 'FORMAT', help: `${EXCERPT_FORMATS.join(', ')} (a dialogue: ${DIALOGUE_FORMATS.join(', ')})` },
    code: { type: 'string', multiple: true, arg: 'PATH', help: 'the code(s) to export (default: every code)' },
    dialogue: { type: 'boolean', help: "pair the client's and the therapist's excerpts of the same moment" },
    ...scopeOptions,
    role: roleOption,
    coder: coderOption,
    subcodes: { type: 'boolean', help: "export a code's sub-codes' excerpts under its heading too" },
    memos: { type: 'boolean', help: 'add the memos of the codes and codings' },
    exact: {
      type: 'boolean',
      help: "keep every coding's exact passage in a document (by default a passage cut mid-word is widened to whole words and several coders' nearly identical passages are one excerpt; CSV and Excel are always exact)",
    },
    title: { type: 'string', arg: 'TEXT', help: "the document's title" },
    out: { type: 'string', arg: 'PATH', help: 'where to write the file (its extension matches the format)' },
    ...json,
  },
  examples: ['dyad export study.dyad --format docx --code Shame --role client --out shame.docx', 'dyad export study.dyad --format md --dialogue --code "Alliance/Rupture" --out rupture.md'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || !values.format || !values.out) throw new UsageError('give FILE, --format and --out');
    const formats: readonly string[] = values.dialogue ? DIALOGUE_FORMATS : EXCERPT_FORMATS;
    if (!formats.includes(values.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}${values.dialogue ? ' for a dialogue' : ''}`);
    checkScope(values);
    if (values.dialogue && values.role?.length) throw new UsageError('--role does not apply to --dialogue (a dialogue pairs the client and the therapist)');
    if (values.dialogue && values.memos) throw new UsageError('--memos applies to excerpt exports, not to --dialogue');
    const out = resolve(values.out);
    return withProject(file, async (p) => {
      const { codeIds: asked } = await p.call('names.resolve', { codes: values.code, allCodes: !values.code?.length });
      if (!asked.length) throw new DyadError('not-found', `${p.fileName} has no codes to export.`);
      const { codeIds: _c, ...scope } = await resolveScope(p, values);
      // Unset: an excerpt export takes the code alone, a dialogue the code with its sub-codes (gather.ts).
      const filters = { ...scope, includeSubcodes: values.subcodes };
      // Unset: the format's default (whole words in documents, exact offsets in CSV and Excel).
      const wholeWords = values.exact ? false : undefined;
      const result = values.dialogue
        ? await p.call('export.dialogue', { format: values.format as DialogueFormat, codeIds: asked, filters, title: values.title, path: out, wholeWords })
        : await p.call('export.excerpts', {
            format: values.format as ExcerptFormat,
            codeIds: asked,
            filters: { ...filters, roles: roles(values.role) },
            includeMemos: values.memos ?? false,
            title: values.title,
            path: out,
            wholeWords,
          });
      if (values.json) io.out(JSON.stringify({ path: result.path, excerptCount: result.excerptCount, size: result.size, mimeType: result.mimeType }, null, 2));
      else io.out(`Exported ${result.excerptCount} excerpt${result.excerptCount === 1 ? '' : 's'} to ${result.path} (${sizeText(result.size)})`);
      return 0;
    }, { readOnly: true });
  },
});
