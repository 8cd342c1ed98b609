#!/usr/bin/env node
// Fails when a file imports across a layer the wrong way (after VS Code's code-layering rule). The rules are
// the tables below; docs/ARCHITECTURE.md explains them.
//   shared/    → shared/ only, and the packages in PACKAGES.shared; no Node built-ins, no DOM-only packages
//   electron/  → electron/ and shared/, Node's built-ins, PACKAGES.electron; only electron/shell/ may import
//                'electron' at run time
//   renderer/  → renderer/ and shared/, PACKAGES.renderer; no Node built-ins
//   inside a layer, FOLDER_RULES (the core is the floor; the store does not reach into components; pure shared
//   modules do not import shared/api/; components reach the core through the store, not the API client)
//   migrations/ holds NNNN_name.sql files only.
// Imports are read with TypeScript's own parser, so every form counts: import/export … from, `export * from`,
// `import x = require()`, `require()`, dynamic `import()`, and `import('…').Type` in types.
//
//   node scripts/check-layers.mjs [--root DIR]
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const LAYERS = ['shared', 'electron', 'renderer'];
const MAY_IMPORT = { shared: ['shared'], electron: ['electron', 'shared'], renderer: ['renderer', 'shared'] };

/** The packages each layer may use. A new dependency of a layer is a decision: add it here on purpose. */
const PACKAGES = {
  shared: ['re2js', 'zod'],
  electron: ['better-sqlite3', 'chardet', 'docx', 'electron', 'exceljs', 'fast-xml-parser', 'iconv-lite', 'mammoth', 'pg', 'saxes', 'yauzl', 'zod'],
  renderer: ['@lexical/mark', '@lexical/react', '@tanstack/react-virtual', 'lexical', 'react', 'react-dom', 'zustand', 'zod'],
};

/**
 * Folders inside a layer that must not import other folders (or a module: a `not` entry without a final slash)
 * of the same layer.
 */
const FOLDER_RULES = [
  { from: 'electron/core/', not: ['electron/refi/', 'electron/export/', 'electron/snapshot/', 'electron/team/'], why: 'the core is the floor: refi, export, snapshot and team sit on it' },
  { from: 'renderer/src/store/', not: ['renderer/src/components/'], why: 'the store feeds components, never the other way' },
  { from: 'shared/', except: 'shared/api/', not: ['shared/api/'], why: 'pure modules do not depend on the API (DyadError is in shared/domain/errors.ts)' },
  {
    from: 'renderer/src/components/',
    not: ['renderer/src/api/client.ts', 'renderer/src/api/upload.ts'],
    why: 'components reach the core through store actions, which keep the cache in step',
  },
];

/**
 * Imports that break a folder rule today and are kept until a planned move (issue 10): this list may only shrink.
 * Each entry is `importing file → imported file`, relative to the root. None is left; the mechanism stays for the next
 * planned move.
 */
const KNOWN_EXCEPTIONS = new Set([]);

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

function* sourceFiles(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    // Build configs (vite.config.ts) run in Node at build time, not in the layer they configure.
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/.test(name) && !name.endsWith('.d.ts') && !/\.config\.[cm]?[tj]s$/.test(name)) yield p;
  }
}

/** Every module a file names, with whether the naming is for types only (erased at run time). */
export function importsOf(fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, /\.[jt]sx$/.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const add = (spec, node, typeOnly) => {
    if (spec && ts.isStringLiteralLike(spec)) found.push({ spec: spec.text, typeOnly, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, node, allTypes);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const allTypes = node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier, node, allTypes);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isImport || isRequire) && node.arguments.length >= 1) {
        const arg = node.arguments[0];
        if (ts.isStringLiteralLike(arg)) add(arg, node, false);
        else found.push({ spec: null, typeOnly: false, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, node, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const posix = (p) => p.split(sep).join('/');

/** The problems of one file, as `file:line: what`. */
export function violations(root, file, source) {
  const relFile = posix(relative(root, file));
  const layer = relFile.split('/')[0];
  const isShell = relFile.startsWith('electron/shell/');
  const problems = [];
  for (const { spec, typeOnly, line } of importsOf(file, source)) {
    const at = `${relFile}:${line}`;
    if (spec === null) {
      problems.push(`${at}: an import() or require() of a computed name cannot be checked; name the module`);
      continue;
    }
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = posix(relative(root, resolve(dirname(file), spec)));
      const targetLayer = target.split('/')[0];
      if (!MAY_IMPORT[layer].includes(targetLayer)) {
        problems.push(`${at}: ${layer}/ must not import ${targetLayer === '..' ? 'outside the project' : `${targetLayer}/`} ("${spec}")`);
        continue;
      }
      const resolvedTarget = ['', '.ts', '.tsx', '/index.ts'].map((x) => target + x).find((t) => existsSync(join(root, t)) && statSync(join(root, t)).isFile()) ?? target;
      for (const rule of FOLDER_RULES) {
        const hit =
          relFile.startsWith(rule.from) &&
          !(rule.except && relFile.startsWith(rule.except)) &&
          rule.not.find((n) => (n.endsWith('/') ? `${target}/`.startsWith(n) : resolvedTarget === n));
        if (!hit) continue;
        if (KNOWN_EXCEPTIONS.has(`${relFile} → ${resolvedTarget}`)) continue;
        problems.push(`${at}: ${rule.from} must not import ${hit} ("${spec}"): ${rule.why}`);
      }
      continue;
    }
    const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
    const isNode = spec.startsWith('node:') || NODE_BUILTINS.has(bare) || NODE_BUILTINS.has(bare.split('/')[0]);
    if (isNode) {
      if (layer !== 'electron') problems.push(`${at}: ${layer}/ must not use Node's built-in "${spec}"`);
      continue;
    }
    const pkg = packageOf(spec);
    if (!PACKAGES[layer].includes(pkg)) {
      problems.push(`${at}: ${layer}/ may not use the package "${pkg}" (allowed: ${PACKAGES[layer].join(', ')})`);
    } else if (pkg === 'electron' && !isShell && !typeOnly) {
      problems.push(`${at}: only electron/shell/ may import 'electron' at run time ("${spec}")`);
    }
  }
  return problems;
}

/** Every problem under `root`, and how many files were read. */
export function checkTree(root) {
  const problems = [];
  let count = 0;
  for (const layer of LAYERS) {
    for (const f of sourceFiles(join(root, layer))) {
      count++;
      problems.push(...violations(root, f, readFileSync(f, 'utf8')));
    }
  }
  if (existsSync(join(root, 'migrations'))) {
    for (const f of readdirSync(join(root, 'migrations'))) {
      if (!/^\d{4}_[\w-]+\.sql$/.test(f)) problems.push(`migrations/${f}: migrations are NNNN_name.sql files only`);
    }
  }
  // An exception whose import is gone must leave the list, so that the list only ever shrinks.
  for (const e of KNOWN_EXCEPTIONS) {
    const [from, to] = e.split(' → ');
    if (!existsSync(join(root, from))) continue;
    const targets = importsOf(from, readFileSync(join(root, from), 'utf8'))
      .filter((i) => i.spec?.startsWith('.'))
      .map((i) => posix(relative(root, resolve(dirname(join(root, from)), i.spec))));
    if (!targets.some((t) => to === t || to === `${t}.ts` || to === `${t}.tsx` || to === `${t}/index.ts`)) {
      problems.push(`scripts/check-layers.mjs: the known exception "${e}" no longer happens; remove it from KNOWN_EXCEPTIONS`);
    }
  }
  return { problems, count };
}

function main() {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? resolve(process.argv[at + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { problems, count } = checkTree(root);
  if (problems.length) {
    console.error(`Layer check: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`Layer check: ${count} files, imports all go the right way.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
