#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest.
//   1. type-check each layer with its own tsconfig (shared/ without Node or DOM types)
//   2. the layer rule (scripts/check-layers.mjs)
//   3. Vitest: unit, integration, then end-to-end in Chromium (builds the renderer when needed)
// A missing Chromium is reported with how to install it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c) => c && existsSync(c));
}

for (const layer of ['shared', 'electron', 'renderer', 'tests']) {
  run(`type-check ${layer}/`, bin('tsc'), ['-p', `${layer}/tsconfig.json`]);
}
run('layer rule', process.execPath, ['scripts/check-layers.mjs']);
run('unit and integration tests', bin('vitest'), ['run', '--project', 'unit', '--project', 'integration']);

const chromium = findChromium();
if (!chromium) {
  console.error(
    '\n✖ End-to-end tests need Chromium and none was found.\n' +
      '  Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
  process.exit(1);
}
run('end-to-end tests in Chromium', bin('vitest'), ['run', '--project', 'e2e'], { CHROMIUM_PATH: chromium });
console.log('\nAll checks passed.');
