import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DyadError } from '../../../shared/api/errors';
import type { CodeNode, CodebookTree } from '../../../shared/coding/types';
import { addCoding, ensureCoder, listCodebooks, resolveCodePath } from '../../core/coding';
import type { Db } from '../../core/database';
import type { Project } from '../../core/project';
import { type CliIo, UsageError } from '../io';
import { withProject } from './basic';
import { cmdCodebookExchange } from './refi';

const CODE_USAGE = 'dyad code FILE --interview ID|FILENAME --start N --end N --code PATH [--codebook NAME] [--coder NAME] [--create] [--json]';

/** Runs a command's work on the project, naming the project file in any error that does not already. */
function onProject<T>(file: string, fn: (p: Project) => T): T {
  try {
    return withProject(file, fn);
  } catch (e) {
    if (e instanceof DyadError && !e.message.includes(file)) throw new DyadError(e.kind, `${file}: ${e.message}`);
    throw e;
  }
}

/** An interview named by id or by the file name it was imported from. */
function findInterview(db: Db, file: string, ref: string): { id: string; sourceName: string } {
  const byId = db.prepare('SELECT id, source_name FROM interviews WHERE id = ?').get(ref) as { id: string; source_name: string } | undefined;
  if (byId) return { id: byId.id, sourceName: byId.source_name };
  const byName = db.prepare('SELECT id, source_name FROM interviews WHERE source_name = ?').all(ref) as { id: string; source_name: string }[];
  if (byName.length === 1) return { id: byName[0]!.id, sourceName: byName[0]!.source_name };
  if (byName.length > 1) throw new DyadError('conflict', `${file} has ${byName.length} interviews imported from ${ref}; give the interview's id (see \`dyad list\`).`);
  throw new DyadError('not-found', `${file} has no interview ${ref} (give an id or file name from \`dyad list\`).`);
}

function findCodebook(db: Db, file: string, ref: string | undefined): string | null {
  if (!ref) return null;
  const row = db.prepare('SELECT id FROM codebooks WHERE id = ? OR name = ? COLLATE NOCASE').get(ref, ref) as { id: string } | undefined;
  if (!row) throw new DyadError('not-found', `${file} has no codebook "${ref}".`);
  return row.id;
}

function whole(n: string | undefined, flag: string): number {
  const v = Number(n);
  if (n === undefined || !/^\d+$/.test(n) || !Number.isSafeInteger(v)) throw new UsageError(`${flag} needs a whole number of characters from 0 (${CODE_USAGE})`);
  return v;
}

/**
 * `dyad code`: codes one passage. The coder is --coder, else the login name; the code path must exist unless
 * --create. The coding is an undoable step in the project, like one made in the app.
 */
export function cmdCode(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      interview: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      code: { type: 'string' },
      codebook: { type: 'string' },
      coder: { type: 'string' },
      create: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file || !values.interview || !values.code || values.start === undefined || values.end === undefined) throw new UsageError(CODE_USAGE);
  const start = whole(values.start, '--start');
  const end = whole(values.end, '--end');
  const coderName = values.coder ?? process.env.USER ?? process.env.USERNAME ?? userInfo().username;
  return onProject(file, (project) => {
    const db = project.db;
    const interview = findInterview(db, file, values.interview!);
    const codebookId = findCodebook(db, file, values.codebook);
    const code = resolveCodePath(db, codebookId, values.code!, { create: values.create ?? false });
    const coder = db.transaction(() => ensureCoder(db, coderName))();
    const { coding, created } = addCoding(db, { interviewId: interview.id, start, end, codeId: code.id, coderId: coder.id });
    if (values.json) {
      io.out(JSON.stringify({ created, coding }, null, 2));
      return 0;
    }
    const text = (db.prepare('SELECT text FROM interviews WHERE id = ?').get(interview.id) as { text: string }).text.slice(start, end);
    const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
    io.out(`${created ? 'Coded' : 'Already coded'} ${start}–${end} of ${interview.sourceName} as "${coding.codePath}" (coder ${coding.coderName}): "${shown.replace(/\s+/g, ' ')}"`);
    return 0;
  });
}

/** Options of showing the codebook; --export/--import (REFI-QDA .qdc) are parsed by commands/refi.ts. */
const CODEBOOK_OPTIONS = {
  json: { type: 'boolean' },
  codebook: { type: 'string' },
} as const;
const CODEBOOK_USAGE = 'dyad codebook FILE [--codebook NAME] [--json]';

/** `dyad codebook`: the codebook tree with definitions, criteria, shortcuts and coding counts. */
export function cmdCodebook(args: string[], io: CliIo): number | Promise<number> {
  // REFI-QDA .qdc export and import live with the other REFI-QDA exchange (commands/refi.ts).
  if (args.some((a) => /^--(export|import)(=|$)/.test(a))) return cmdCodebookExchange(args, io);
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: CODEBOOK_OPTIONS });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(CODEBOOK_USAGE);
  return onProject(file, (project) => {
    const wanted = findCodebook(project.db, file, values.codebook);
    const books = listCodebooks(project.db).filter((b) => !wanted || b.id === wanted);
    showCodebooks(project.name, books, values.json ?? false, io);
    return 0;
  });
}

function showCodebooks(projectName: string, books: CodebookTree[], json: boolean, io: CliIo): void {
  if (json) {
    io.out(JSON.stringify({ project: projectName, codebooks: books }, null, 2));
    return;
  }
  if (!books.length) io.out('No codebook yet. Add codes in Dyad, or with `dyad code … --create`.');
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
