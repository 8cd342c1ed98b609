#!/usr/bin/env node
// `npm run bench [name…]`: runs tests/bench/index.ts under tsx. BENCH_SCALE=small for a quick run, large for 4× the
// study. --expose-gc: each operation's peak memory is measured from a collected heap (tests/bench/measure.ts).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/bench/index.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
