#!/usr/bin/env node
// Mutation testing of only the modules a change touches, incrementally (docs/mutation.md, "Incremental runs and CI").
//   npm run test:mutation:changed                 # against the merge base with main (else the last commit)
//   DYAD_MUTATION_BASE=abc123 npm run test:mutation:changed
// A module counts as touched when it, or one of the tests listed for it in stryker.config.mjs's MODULES, differs
// from the base (committed or not). Only modules whose incremental file is committed (docs/mutation/incremental/)
// are run: Stryker then retests just the mutants in changed code or reached by changed tests, and the run fails
// below 85% (DYAD_MUTATION_BREAK). A touched module without that file is named, with the command that makes it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The config sets DYAD_MUTATION_TESTS for its own process as it loads; the Stryker runs below must pick their own.
const testsByHand = process.env.DYAD_MUTATION_TESTS;
const { MODULES, reportNameOf } = await import('../stryker.config.mjs');
if (testsByHand === undefined) delete process.env.DYAD_MUTATION_TESTS;
else process.env.DYAD_MUTATION_TESTS = testsByHand;

const git = (...args) => {
  const r = spawnSync('git', args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

function base() {
  if (process.env.DYAD_MUTATION_BASE) return process.env.DYAD_MUTATION_BASE;
  for (const ref of ['origin/main', 'main']) {
    const b = git('merge-base', 'HEAD', ref);
    if (b && b !== git('rev-parse', 'HEAD')) return b;
  }
  return 'HEAD~1';
}

/** A MODULES glob as a pattern: `**` any folders, `*` any name within one folder. */
const globToRegExp = (glob) =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '(?:.*/)?')}$`);

const from = base();
const changed = new Set([
  ...(git('diff', '--name-only', from) ?? '').split('\n'),
  ...(git('ls-files', '--others', '--exclude-standard') ?? '').split('\n'),
].filter(Boolean));

const touched = [];
for (const [module, tests] of Object.entries(MODULES)) {
  const files = [...changed].filter((f) => globToRegExp(module).test(f) || tests.some((t) => globToRegExp(t).test(f)));
  if (files.length) touched.push({ module, files });
}

console.log(`Mutation testing of the modules changed since ${from}: ${touched.length ? touched.map((t) => t.module).join(', ') : 'none'}.`);
let failed = false;
for (const { module, files } of touched) {
  const incremental = `docs/mutation/incremental/${reportNameOf([module])}.json`;
  if (!existsSync(incremental)) {
    console.log(`- ${module} (changed: ${files.join(', ')}): no incremental file ${incremental} yet; skipped. ` +
      `Make it with: DYAD_MUTATION_INCREMENTAL=1 npm run test:mutation -- --mutate '${module}', then commit it.`);
    continue;
  }
  console.log(`- ${module} (changed: ${files.join(', ')})`);
  const r = spawnSync('npx', ['stryker', 'run', '--mutate', module], {
    stdio: 'inherit',
    env: { ...process.env, DYAD_MUTATION_INCREMENTAL: '1', DYAD_MUTATION_BREAK: process.env.DYAD_MUTATION_BREAK ?? '85' },
  });
  if (r.status !== 0) {
    console.log(`  ${module}: mutation testing failed (score below the bar, or the run broke); see the report above.`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
