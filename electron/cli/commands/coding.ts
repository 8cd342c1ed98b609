/** `dyad code`, `codebook`, `coders`, `undo`, `redo`: coding passages and the codebook as the app shows it. */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import type { CodeNode, CodebookTree } from '../../../shared/coding/types';
import { type CliIo, UsageError } from '../io';
import { type CliProject, printWarnings, warningsOf, withProject } from '../project';
import { command, json } from '../spec';

const FILE_ARG: [string, string] = ['FILE', 'the project file (.dyad)'];
const CODE_USAGE = 'dyad code FILE --interview ID|FILENAME --start N --end N --code PATH [--codebook NAME] [--coder NAME] [--create] [--json]';

/** Runs a command's work on the project, naming the project file in any error that does not already. */
async function onProject<T>(file: string, fn: (p: CliProject) => Promise<T>): Promise<T> {
  try {
    return await withProject(file, fn);
  } catch (e) {
    if (e instanceof DyadError && !e.message.includes(file)) throw new DyadError(e.kind, `${file}: ${e.message}`);
    throw e;
  }
}

function offset(n: string | undefined, flag: string): number {
  const v = Number(n);
  if (n === undefined || !/^\d+$/.test(n) || !Number.isSafeInteger(v)) throw new UsageError(`${flag} needs a whole number of characters from 0 (${CODE_USAGE})`);
  return v;
}

/** The login name, the coder a command line coding is made as unless --coder says otherwise. */
const loginName = () => process.env.USER ?? process.env.USERNAME ?? userInfo().username;

/** The code a path names: within --codebook when given, else across codebooks (an ambiguous path is refused). */
export async function codeAt(p: CliProject, path: string, codebook?: string): Promise<string> {
  if (!codebook) return (await p.call('names.resolve', { codes: [path] })).codeIds[0]!;
  const codebookId = (await p.call('names.resolve', { codebook })).codebookId;
  return (await p.call('codes.resolvePath', { codebookId, path })).code.id;
}

export const cmdCode = command({
  summary: 'code a passage of an interview (an undoable step, as in the app)',
  usage: [CODE_USAGE],
  args: [FILE_ARG],
  options: {
    interview: { type: 'string', arg: 'ID|FILENAME', help: "the interview: its id, or the file name it was imported from (see `dyad list`)" },
    start: { type: 'string', arg: 'N', help: 'where the passage starts (UTF-16 code units into the text)' },
    end: { type: 'string', arg: 'N', help: 'where it ends (exclusive)' },
    code: { type: 'string', arg: 'PATH', help: 'the code, by path such as "Alliance rupture/Withdrawal"' },
    codebook: { type: 'string', arg: 'NAME', help: 'the codebook of the path (default: the first)' },
    coder: { type: 'string', arg: 'NAME', help: 'who codes (default: your login name); a new name adds a coder' },
    create: { type: 'boolean', help: 'make the codes of the path that do not exist yet' },
    ...json,
  },
  examples: ['dyad code study.dyad --interview D04_S1_client.docx --start 120 --end 164 --code "Rupture/Withdrawal" --coder Ana'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || !values.interview || !values.code || values.start === undefined || values.end === undefined) throw new UsageError(CODE_USAGE);
    const start = offset(values.start, '--start');
    const end = offset(values.end, '--end');
    const coderName = values.coder ?? loginName();
    return onProject(file, async (p) => {
      const names = await p.call('names.resolve', { interviews: [values.interview!], codebook: values.codebook });
      const interviewId = names.interviewIds[0]!;
      const { code } = await p.call('codes.resolvePath', { codebookId: names.codebookId, path: values.code!, create: values.create ?? false });
      const coder = await p.call('coders.ensure', { name: coderName });
      const { coding, created } = await p.call('codings.add', { interviewId, start, end, codeId: code.id, coderId: coder.id });
      if (values.json) {
        io.out(JSON.stringify({ created, coding }, null, 2));
        return 0;
      }
      const interview = await p.call('interviews.get', { interviewId });
      const text = interview.text.slice(start, end);
      const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
      io.out(`${created ? 'Coded' : 'Already coded'} ${start}–${end} of ${interview.sourceName} as "${coding.codePath}" (coder ${coding.coderName}): "${shown.replace(/\s+/g, ' ')}"`);
      return 0;
    });
  },
});

export const cmdCodebook = command({
  summary: 'the codebook tree with definitions and counts; REFI-QDA codebook (.qdc) and codebook documents',
  usage: ['dyad codebook FILE [--codebook NAME] [--json]', 'dyad codebook FILE --export PATH.qdc|.docx|.md [--codebook NAME] [--json]', 'dyad codebook FILE --import PATH.qdc [--json]'],
  args: [FILE_ARG],
  options: {
    codebook: { type: 'string', arg: 'NAME', help: 'only this codebook (by name or id)' },
    export: { type: 'string', arg: 'PATH', help: 'write the codebook: .qdc for NVivo, ATLAS.ti, MAXQDA, QualCoder; .docx or .md as an appendix table' },
    import: { type: 'string', arg: 'PATH', help: 'add the codes of a REFI-QDA codebook (.qdc) as a new codebook' },
    ...json,
  },
  examples: ['dyad codebook study.dyad', 'dyad codebook study.dyad --export codebook.qdc', 'dyad codebook study.dyad --import team.qdc'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || (values.export && values.import)) throw new UsageError('give one FILE, and --export or --import (not both)');
    if (values.export && !/\.(qdc|docx|md)$/i.test(values.export)) throw new UsageError(`(${values.export}: export a codebook as .qdc, .docx or .md)`);
    return onProject(file, async (p) => {
      if (values.import) {
        const r = await p.call('refi.importQdc', { path: resolve(values.import) });
        if (values.json) io.out(JSON.stringify(r, null, 2));
        else {
          printWarnings(io, warningsOf(values.import, r.warnings));
          io.out(`Imported codebook "${r.name}" with ${r.codes} codes`);
        }
        return 0;
      }
      const wanted = values.codebook ? (await p.call('names.resolve', { codebook: values.codebook })).codebookId : null;
      const books = (await p.call('codebooks.list', {})).filter((b) => !wanted || b.id === wanted);
      if (values.export) {
        if (!books.length) throw new DyadError('not-found', `${file} has no codebook yet.`);
        if (books.length > 1) throw new DyadError('invalid-input', `${file} has ${books.length} codebooks (${books.map((b) => `"${b.name}"`).join(', ')}); say which with --codebook NAME.`);
        const target = resolve(values.export);
        const book = books[0]!;
        const r = /\.qdc$/i.test(target) ? await p.call('refi.exportQdc', { codebookId: book.id, path: target }) : await p.call('codebooks.exportDocument', { codebookId: book.id, path: target });
        if (values.json) io.out(JSON.stringify(r, null, 2));
        else io.out(`Exported codebook "${book.name}" (${r.codes} codes) to ${r.path}`);
        return 0;
      }
      showCodebooks(p.name, books, values.json ?? false, io);
      return 0;
    });
  },
});

function showCodebooks(projectName: string, books: CodebookTree[], asJson: boolean, io: CliIo): void {
  if (asJson) {
    io.out(JSON.stringify({ project: projectName, codebooks: books }, null, 2));
    return;
  }
  if (!books.length) io.out('No codebook yet. Add codes in Dyad, with `dyad codes new`, or with `dyad code … --create`.');
  const lines: string[] = [];
  const node = (c: CodeNode, depth: number) => {
    const pad = '  '.repeat(depth + 1);
    const key = c.shortcut ? `  key ${c.shortcut}` : '';
    const count = c.children.length ? `${c.totalCodingCount} codings (${c.codingCount} on this code)` : `${c.codingCount} codings`;
    lines.push(`${pad}${c.name}  ${c.color}${key}  — ${count}`);
    for (const [label, v] of [
      ['definition', c.definition],
      ['include', c.inclusion],
      ['exclude', c.exclusion],
      ['example', c.example],
    ] as const)
      if (v) lines.push(`${pad}    ${label}: ${v.replace(/\s+/g, ' ')}`);
    for (const k of c.children) node(k, depth + 1);
  };
  for (const b of books) {
    lines.push(`Codebook "${b.name}" — ${b.codeCount} codes, ${b.codingCount} codings`);
    for (const c of b.codes) node(c, 0);
  }
  if (lines.length) io.out(lines.join('\n'));
}

export const cmdCoders = command({
  summary: "the project's coders with their codings; choose who is coding",
  usage: ['dyad coders FILE [--current NAME] [--json]'],
  args: [FILE_ARG],
  options: { current: { type: 'string', arg: 'NAME', help: 'make NAME the current coder (a new name adds a coder)' }, ...json },
  examples: ['dyad coders study.dyad', 'dyad coders study.dyad --current Ana'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length) throw new UsageError('give one FILE');
    return withProject(file, async (p) => {
      if (values.current !== undefined) await p.call('coders.setCurrent', { name: values.current });
      const coders = await p.call('coders.list', {});
      if (values.json) {
        io.out(JSON.stringify(coders, null, 2));
        return 0;
      }
      if (!coders.length) io.out('No coders yet.');
      for (const c of coders) io.out(`${c.isCurrent ? '*' : ' '} ${c.name}  ${c.codingCount} codings  [${c.id}]`);
      return 0;
    });
  },
});

function undoCommand(which: 'undo' | 'redo') {
  return command({
    summary: which === 'undo' ? 'undo the latest step (coding, codebook, memo, correction, import, merge…), as Ctrl+Z in the app' : 'redo the latest undone step',
    usage: [`dyad ${which} FILE [--json]`],
    args: [FILE_ARG],
    options: { ...json },
    examples: [`dyad ${which} study.dyad`],
    async run({ values, positionals: [file, ...more] }, io) {
      if (!file || more.length) throw new UsageError('give one FILE');
      return withProject(file, async (p) => {
        const r = which === 'undo' ? await p.call('undo.undo', {}) : await p.call('undo.redo', {});
        const done = 'undone' in r ? r.undone : r.redone;
        if (values.json) io.out(JSON.stringify(r, null, 2));
        else if (done === null) io.out(`Nothing to ${which}.`);
        else {
          io.out(`${which === 'undo' ? 'Undid' : 'Redid'}: ${done}`);
          const next = which === 'undo' ? r.state.undoLabel : r.state.redoLabel;
          if (next) io.out(`Next ${which}: ${next}`);
        }
        return 0;
      });
    },
  });
}

export const cmdUndo = undoCommand('undo');
export const cmdRedo = undoCommand('redo');
