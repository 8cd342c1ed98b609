/**
 * The command line is a client of the handler table, not a second way into the project: electron/cli/ holds no
 * SQL and imports nothing of the core's internals — only the in-process API client (electron/api/local.ts), the
 * loopback server for `dyad serve`, shared/ and Node's own modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';

const root = appRoot();
const cliDir = join(root, 'electron', 'cli');

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (/\.tsx?$/.test(name)) yield p;
  }
}

/** Every module a file names: imports, re-exports, `import type`, dynamic import(), require(). */
export function importsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push(node.moduleReference.expression.text);
    }
    if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) out.push(node.arguments[0].text);
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) out.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const ALLOWED_INSIDE = [`electron${sep}cli${sep}`, `shared${sep}`];
const ALLOWED_FILES = [join('electron', 'api', 'local'), join('electron', 'server', 'server')];

/** What a command-line file may not import; empty when it keeps to the front door. */
export function forbiddenImports(file: string, text: string): string[] {
  const bad: string[] = [];
  for (const spec of importsOf(file, text)) {
    if (spec.startsWith('node:')) continue;
    if (!spec.startsWith('.')) {
      bad.push(`${spec} (a package: the command line reaches libraries through the handler table)`);
      continue;
    }
    const target = relative(root, resolve(dirname(file), spec)).replace(/\.tsx?$/, '');
    if (ALLOWED_INSIDE.some((d) => target.startsWith(d)) || ALLOWED_FILES.includes(target)) continue;
    bad.push(spec);
  }
  return bad;
}

const SQL = /\b(SELECT\b[^'"`]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+TABLE|PRAGMA|VACUUM|BEGIN\s+TRANSACTION)\b/;

/** SQL in a file: statements in its strings, or calls of a database connection's own methods. */
export function sqlIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const m = SQL.exec(node.text);
      if (m) found.push(`"${node.text.slice(0, 60)}"`);
    }
    if (ts.isPropertyAccessExpression(node) && ['prepare', 'pragma', 'transaction', 'backup', 'function', 'aggregate'].includes(node.name.text) && ts.isCallExpression(node.parent)) {
      found.push(`.${node.name.text}(…)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the command line goes through the front door', () => {
  const files = [...tsFiles(cliDir)];

  it('finds the command line’s files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it('holds no SQL', () => {
    const found = files.flatMap((f) => sqlIn(f, readFileSync(f, 'utf8')).map((s) => `${relative(root, f)}: ${s}`));
    expect(found).toEqual([]);
  });

  it('imports nothing of the core’s internals (core, team, snapshot, refi, export, import, handlers)', () => {
    const found = files.flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')).map((s) => `${relative(root, f)}: ${s}`));
    expect(found).toEqual([]);
  });

  it('the checks catch what they are for (every import form; SQL in strings and connection calls)', () => {
    const f = join(cliDir, 'commands', 'x.ts');
    const bad = [
      "import { Project } from '../../core/project';",
      "import type { Db } from '../../core/database';",
      "export * from '../../refi/readQdpx';",
      "const m = await import('../../export/run');",
      "const y = require('../../import/docx');",
      "type T = import('../../team/merge').MergeStore;",
      "import { createHandlers } from '../../api/handlers';",
      "import ExcelJS from 'exceljs';",
    ];
    for (const line of bad) expect(forbiddenImports(f, line), line).toHaveLength(1);
    expect(forbiddenImports(f, "import { x } from '../project'; import { y } from '../../../shared/api/errors'; import { readFileSync } from 'node:fs';")).toEqual([]);
    expect(forbiddenImports(f, "const { openLocalApi } = await import('../../api/local');")).toEqual([]);
    expect(sqlIn(f, "const q = 'SELECT id FROM dyads';")).toHaveLength(1);
    expect(sqlIn(f, 'const q = `UPDATE sessions SET date = ${d}`;')).toHaveLength(1);
    expect(sqlIn(f, 'db.prepare(q).all();')).toHaveLength(1);
    expect(sqlIn(f, "io.out('Select a passage, then delete from the list');")).toEqual([]);
  });
});
