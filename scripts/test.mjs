#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest.
//   0. ESLint (eslint.config.js), cached between runs
//   1. type-check each layer with its own tsconfig (shared/ without Node or DOM types)
//   2. the layer rule (scripts/check-layers.mjs)
//   3. Vitest: unit, integration, then end-to-end in Chromium (builds the renderer when needed): an installed
//      Chrome/Chromium, else the one shipped on npm (DYAD_BROWSER=bundled forces that one; see
//      tests/e2e/helpers/browser.ts). Where neither exists (macOS or Windows without Chrome) it says what to install.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => resolve(root, 'node_modules', '.bin', name);

function run(title, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${secs} s)`);
}

/**
 * The browser the end-to-end tests will drive, decided by tests/e2e/helpers/browser.ts (the one place that
 * knows): found and, for the npm-shipped Chromium, extracted once here, before parallel test files start.
 */
function findBrowser() {
  const script = `const { findBrowser } = await import(${JSON.stringify(pathToFileURL(resolve(root, 'tests/e2e/helpers/browser.ts')).href)});
    try { console.log((await findBrowser()).label); } catch (e) { console.error(e.message); process.exit(1); }`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
}

run('lint (ESLint)', bin('eslint'), ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']);
for (const layer of ['shared', 'electron', 'renderer', 'tests']) {
  run(`type-check ${layer}/`, bin('tsc'), ['-p', `${layer}/tsconfig.json`]);
}
run('layer rule', process.execPath, ['scripts/check-layers.mjs']);
run('unit and integration tests', bin('vitest'), ['run', '--project', 'unit', '--project', 'integration']);

const browser = findBrowser();
if (browser.status !== 0) {
  console.error(`\n✖ End-to-end tests need a browser: ${browser.stderr.trim()}`);
  process.exit(1);
}
run(`end-to-end tests in ${browser.stdout.trim()}`, bin('vitest'), ['run', '--project', 'e2e']);
console.log('\nAll checks passed.');
