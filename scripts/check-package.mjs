#!/usr/bin/env node
/**
 * Checks what `npm run dist` packs, on a machine that cannot download Electron: runs scripts/dist.mjs for an
 * unpacked Linux build with a stand-in Electron folder (`-c.electronDist`) and a stand-in native module, then
 * reads the app.asar it made. Catches a package that would start without its main bundle, migrations, demo or
 * UI, that carries node_modules' Node build of SQLite, that misses resources/native, or whose `dyad` command-line
 * launcher (resources/bin) is missing or does not start the app in command-line mode.
 *
 * Usage: node scripts/check-package.mjs [--no-build] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronAbi, electronVersion, root } from './electron-native.mjs';

const require = createRequire(import.meta.url);

/** Files the packaged app cannot start or work without (paths inside app.asar). */
const required = ['/package.json', '/build/electron/main.cjs', '/build/electron/preload.cjs', '/build/electron/import-worker.cjs', '/build/electron/base-worker.cjs', '/build/renderer/index.html', '/node_modules/better-sqlite3/lib/index.js'];
/** Things that must not be packed. */
const forbidden = [
  [/^\/node_modules\/better-sqlite3\/(build|deps|src)\//, "better-sqlite3's sources or its Node build"],
  [/^\/node_modules\/(zod|react|lexical|esbuild|vite|electron|typescript)\//, 'a package that is bundled or only used to build'],
  [/^\/(electron|shared|renderer|tests|scripts|\.electron-native)\//, 'source or build tooling'],
  [/\.map$/, 'a source map'],
];

export function checkPackage({ build = true, keep = false, log = console.log } = {}) {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'dyad-package-'));
  const problems = [];
  try {
    const dist = join(work, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    // It says what it was started with, so the `dyad` launcher can be run against it.
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf 'stand-in Electron'; printf ' [%s]' "$@"; echo\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const nativeRoot = join(work, 'native');
    const version = electronVersion();
    mkdirSync(join(nativeRoot, version), { recursive: true });
    const standInNative = Buffer.from(`stand-in addon node_register_module_v${electronAbi() ?? 0}\0`, 'latin1');
    writeFileSync(join(nativeRoot, version, 'better_sqlite3.node'), standInNative);

    const out = join(work, 'release');
    const args = [join(root, 'scripts', 'dist.mjs'), ...(build ? [] : ['--no-build']), '--linux', 'dir', `-c.electronDist=${dist}`, `-c.directories.output=${out}`];
    const r = spawnSync(process.execPath, args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DYAD_STANDIN_ELECTRON: '1', DYAD_ELECTRON_NATIVE_DIR: nativeRoot },
    });
    if (r.status !== 0) {
      problems.push(`dist.mjs failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
      return { problems, ms: Math.round(performance.now() - started), files: [] };
    }
    const unpacked = join(out, 'linux-unpacked');
    const asarFile = join(unpacked, 'resources', 'app.asar');
    if (!existsSync(asarFile)) {
      problems.push(`${asarFile} was not made`);
      return { problems, ms: Math.round(performance.now() - started), files: [] };
    }
    const asar = require('@electron/asar');
    const files = asar.listPackage(asarFile, { isPack: false }).map((f) => f.split('\\').join('/'));
    for (const f of required) if (!files.includes(f)) problems.push(`app.asar lacks ${f}`);
    for (const dir of ['migrations', 'demo']) {
      const mine = files.filter((f) => f.startsWith(`/${dir}/`)).sort();
      const expected = listTree(join(root, dir)).map((f) => `/${dir}/${f}`).sort();
      const missing = expected.filter((f) => !mine.includes(f));
      if (missing.length) problems.push(`app.asar lacks ${missing.join(', ')}`);
    }
    for (const f of files) for (const [re, what] of forbidden) if (re.test(f)) problems.push(`app.asar holds ${what}: ${f}`);
    const pkg = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8'));
    if (pkg.name !== 'dyad') problems.push(`app.asar's package.json is named ${pkg.name}; appRoot() looks for "dyad"`);
    if (pkg.main !== 'build/electron/main.cjs') problems.push(`app.asar's package.json main is ${pkg.main}`);
    const native = join(unpacked, 'resources', 'native', 'better_sqlite3.node');
    if (!existsSync(native)) problems.push(`${native} is missing`);
    else if (!readFileSync(native).equals(standInNative)) problems.push(`${native} is not the Electron build it was given`);
    if (!existsSync(join(unpacked, 'dyad'))) problems.push('the app executable (dyad) is missing');
    problems.push(...launcherProblems(unpacked));
    return { problems, ms: Math.round(performance.now() - started), files, asarBytes: readFileSync(asarFile).length };
  } finally {
    if (keep) log(`check-package: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The installed app's `dyad` command line: both launchers are shipped in resources/bin, the shell one is
 * executable, and run (through a link, as from a folder on PATH) it starts the app's executable with
 * --dyad-cli and the command's arguments as given.
 */
function launcherProblems(unpacked) {
  const problems = [];
  const sh = join(unpacked, 'resources', 'bin', 'dyad');
  const cmd = join(unpacked, 'resources', 'bin', 'dyad.cmd');
  if (!existsSync(cmd)) problems.push(`${cmd} (the Windows launcher) is missing`);
  else if (!readFileSync(cmd, 'utf8').includes('Dyad.exe" --dyad-cli %*')) problems.push(`${cmd} does not start Dyad.exe with --dyad-cli`);
  if (!existsSync(sh)) return [...problems, `${sh} (the Linux and macOS launcher) is missing`];
  if ((statSync(sh).mode & 0o111) === 0) problems.push(`${sh} is not executable`);
  if (process.platform === 'win32') return problems;
  const linkDir = mkdtempSync(join(tmpdir(), 'dyad-path-'));
  try {
    symlinkSync(sh, join(linkDir, 'dyad'));
    const r = spawnSync(join(linkDir, 'dyad'), ['list', 'my study.dyad', '--json'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    const expected = 'stand-in Electron [--dyad-cli] [list] [my study.dyad] [--json]';
    if (r.status !== 0 || r.stdout.trim() !== expected) problems.push(`resources/bin/dyad ran "${r.stdout.trim()}${r.stderr.trim()}" (exit ${r.status}), not "${expected}"`);
  } finally {
    rmSync(linkDir, { recursive: true, force: true });
  }
  return problems;
}

function listTree(dir, prefix = '') {
  const { readdirSync, statSync } = require('node:fs');
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listTree(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const r = checkPackage({ build: !argv.includes('--no-build'), keep: argv.includes('--keep') });
  if (r.problems.length) {
    console.error(`check-package: ${r.problems.length} problem(s):\n- ${r.problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`check-package: app.asar (${(r.asarBytes / 1024 / 1024).toFixed(1)} MiB, ${r.files.length} entries) has what the app needs; packaging took ${r.ms} ms`);
}
