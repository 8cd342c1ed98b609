#!/usr/bin/env node
// Fails when a file imports across a layer the wrong way (after VS Code's code-layering rule):
//   shared/    → only shared/ and the packages in SHARED_PACKAGES; no node:, no DOM-only packages, no electron
//   electron/  → electron/ and shared/; only electron/shell/ may import 'electron'
//   renderer/  → renderer/ and shared/; no node:, no electron, no better-sqlite3
//   migrations/ holds SQL only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_PACKAGES = new Set(['zod', 're2js']);
const NODE_BUILTINS = new Set([
  'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'events', 'buffer', 'worker_threads', 'readline', 'assert', 'timers', 'process',
]);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    // Build configs (vite.config.ts) run in Node at build time, not in the layer they configure.
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') && !/\.config\.[cm]?ts$/.test(name)) yield p;
  }
}

const importRe = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function layerOf(file) {
  const rel = relative(root, file).split(sep);
  return rel[0];
}

export function violations(file, source) {
  const layer = layerOf(file);
  const problems = [];
  const relFile = relative(root, file);
  const isShell = relFile.startsWith(`electron${sep}shell${sep}`);
  for (const m of source.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3];
    const typeOnly = /^\s*;?\s*(import|export)\s+type\s/.test(m[0]);
    if (!spec) continue;
    if (spec.startsWith('.')) {
      const target = layerOf(resolve(dirname(file), spec));
      const allowed = { shared: ['shared'], electron: ['electron', 'shared'], renderer: ['renderer', 'shared'] }[layer];
      if (allowed && !allowed.includes(target)) problems.push(`${relFile}: ${layer}/ must not import ${target}/ ("${spec}")`);
      continue;
    }
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    const isNode = spec.startsWith('node:') || NODE_BUILTINS.has(pkg);
    if (layer === 'shared') {
      if (isNode) problems.push(`${relFile}: shared/ must not use Node ("${spec}")`);
      else if (!SHARED_PACKAGES.has(pkg)) problems.push(`${relFile}: shared/ may only use ${[...SHARED_PACKAGES].join(', ')} ("${spec}")`);
    }
    if (layer === 'renderer' && (isNode || pkg === 'electron' || pkg === 'better-sqlite3')) {
      problems.push(`${relFile}: renderer/ must not import "${spec}"`);
    }
    if (layer === 'electron' && pkg === 'electron' && !isShell && !typeOnly) {
      problems.push(`${relFile}: only electron/shell/ may import 'electron' at run time ("${spec}")`);
    }
  }
  return problems;
}

function main() {
  const problems = [];
  let count = 0;
  for (const layer of ['shared', 'electron', 'renderer']) {
    for (const f of files(join(root, layer))) {
      count++;
      problems.push(...violations(f, readFileSync(f, 'utf8')));
    }
  }
  for (const f of readdirSync(join(root, 'migrations'))) {
    if (!/^\d{4}_[\w-]+\.sql$/.test(f)) problems.push(`migrations/${f}: migrations are NNNN_name.sql files only`);
  }
  if (problems.length) {
    console.error(`Layer check: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`Layer check: ${count} files, imports all go the right way.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
