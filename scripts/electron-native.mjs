#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron ONCE, into .electron-native/<electron version>/better_sqlite3.node, and
 * never touches node_modules/better-sqlite3 (which stays built for Node: tests, command line, server). The app
 * loads this copy through better-sqlite3's `nativeBinding` option. See docs/native-module.md.
 *
 * Why not @electron/rebuild: it rebuilds node_modules in place and, when it cannot fetch Electron's headers,
 * leaves node_modules without a working build. Here the package is copied to a temporary folder and node-gyp
 * runs there; only a checked result is moved into place.
 *
 * Usage: node scripts/electron-native.mjs [--force] [--check] [--dist-url=URL] [--devdir=DIR] [--out-dir=DIR]
 * Environment (same meaning): DYAD_ELECTRON_DIST_URL, DYAD_ELECTRON_GYP_DIR, DYAD_ELECTRON_NATIVE_DIR.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
// The same layout as electron/shell/native.ts (tests/unit/shell/native.test.ts keeps them in step).
export const NATIVE_DIR = '.electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';
export const DEFAULT_DIST_URL = 'https://electronjs.org/headers';

export class NativeBuildError extends Error {}

export function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** The Node ABI (NODE_MODULE_VERSION) Electron's own package declares, or null for an older package. */
export function electronAbi() {
  const file = join(root, 'node_modules', 'electron', 'abi_version');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : null;
}

export function nativeOutputPath(version = electronVersion(), outRoot = join(root, NATIVE_DIR)) {
  return join(outRoot, version, NATIVE_FILE);
}

/**
 * The ABI a compiled better-sqlite3 was built for, read from the binary itself: a context-aware addon exports
 * `node_register_module_v<ABI>`, and a runtime of another ABI refuses to load it. Reading it needs no runtime
 * of that ABI, so the check works on a machine that has no Electron binary.
 */
export function abiOfAddon(file) {
  const text = readFileSync(file).toString('latin1');
  const abis = new Set([...text.matchAll(/node_register_module_v(\d+)/g)].map((m) => Number(m[1])));
  return abis.size === 1 ? [...abis][0] : null;
}

function option(argv, name, envName, fallback) {
  const flag = argv.find((a) => a.startsWith(`--${name}=`));
  if (flag) return flag.slice(name.length + 3);
  return process.env[envName] || fallback;
}

/** node-gyp reads npm's configuration from npm_config_* variables; `nodedir=/usr` would build for Node. */
function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_config_/i.test(k)) env[k] = v;
  return env;
}

function findNodeGyp() {
  const candidates = [
    join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}

function check(file, expectedAbi) {
  const abi = abiOfAddon(file);
  if (abi === null) throw new NativeBuildError(`${file} does not look like a better-sqlite3 addon (no module registration found).`);
  if (abi === Number(process.versions.modules)) {
    throw new NativeBuildError(
      `${file} was built for Node (ABI ${abi}), not for Electron${expectedAbi ? ` (ABI ${expectedAbi})` : ''}: ` +
        'something pointed node-gyp at Node\'s headers (e.g. `nodedir` in .npmrc). It was not used.',
    );
  }
  if (expectedAbi && abi !== expectedAbi) {
    throw new NativeBuildError(`${file} was built for ABI ${abi}, but Electron ${electronVersion()} needs ABI ${expectedAbi}. It was not used.`);
  }
  return abi;
}

/**
 * Returns the path of a checked Electron build of better-sqlite3, building it first when missing (or when
 * `force`). Throws NativeBuildError with a message for the developer when it cannot.
 */
export function ensureElectronNative({ argv = [], force = false, log = console.log } = {}) {
  const version = electronVersion();
  const expectedAbi = electronAbi();
  const outRoot = option(argv, 'out-dir', 'DYAD_ELECTRON_NATIVE_DIR', join(root, NATIVE_DIR));
  const out = nativeOutputPath(version, outRoot);
  if (!force && existsSync(out)) {
    const abi = check(out, expectedAbi);
    return { path: out, abi, built: false };
  }
  const distUrl = option(argv, 'dist-url', 'DYAD_ELECTRON_DIST_URL', DEFAULT_DIST_URL);
  const devdir = option(argv, 'devdir', 'DYAD_ELECTRON_GYP_DIR', join(homedir(), '.electron-gyp'));
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) throw new NativeBuildError('node-gyp was not found (node_modules/node-gyp or npm\'s own); run `npm install` first.');

  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'dyad-electron-native-'));
  try {
    // Everything but build/: node-gyp must not find (and reuse) the Node build's objects.
    for (const part of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
      if (existsSync(join(source, part))) cpSync(join(source, part), join(work, part), { recursive: true });
    }
    log(`electron-native: building better-sqlite3 for Electron ${version} (ABI ${expectedAbi ?? '?'}) in ${work} …`);
    const started = performance.now();
    const args = [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      `--dist-url=${distUrl}`,
      '--runtime=electron',
      `--arch=${process.arch}`,
      `--devdir=${devdir}`,
      '--jobs=2',
    ];
    const r = spawnSync(process.execPath, args, { cwd: work, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
      const lines = output
        .split('\n')
        .filter((l) => /^gyp (http|ERR!)|error:/i.test(l))
        .filter((l) => !/ERR! (stack +at |System |command |cwd |node -v|node-gyp -v|not ok)/.test(l))
        .slice(-10)
        .join('\n');
      const download = /network connectivity|downloading|status code|tarball|bad port|Timeout|getaddrinfo|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|fetch failed/i.test(output);
      throw new NativeBuildError(
        `Could not build better-sqlite3 for Electron ${version}` +
          (download ? `: node-gyp could not download Electron's headers from ${distUrl} (no internet access?).` : '.') +
          `\n  node_modules/better-sqlite3 (built for Node) was not touched; tests and the command line still work.` +
          `\n  Run \`node scripts/electron-native.mjs\` again with internet access (Electron's headers are then kept in ${devdir}).` +
          (lines ? `\n  node-gyp said:\n    ${lines.replace(/\n/g, '\n    ')}` : ''),
      );
    }
    const built = join(work, 'build', 'Release', NATIVE_FILE);
    if (!existsSync(built)) throw new NativeBuildError(`node-gyp reported success but ${built} is missing.`);
    const abi = check(built, expectedAbi);
    mkdirSync(dirname(out), { recursive: true });
    // Copy next to the target, then rename: a half-written .node is never taken for a finished one.
    const partial = `${out}.partial`;
    cpSync(built, partial);
    renameSync(partial, out);
    writeFileSync(
      join(dirname(out), 'build-info.json'),
      JSON.stringify({ electron: version, abi, platform: process.platform, arch: process.arch, builtAt: new Date().toISOString() }, null, 2),
    );
    log(`electron-native: ${relative(root, out) || out} (ABI ${abi}) in ${Math.round((performance.now() - started) / 1000)} s`);
    return { path: out, abi, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  try {
    if (argv.includes('--check')) {
      const out = nativeOutputPath(electronVersion(), option(argv, 'out-dir', 'DYAD_ELECTRON_NATIVE_DIR', join(root, NATIVE_DIR)));
      if (!existsSync(out)) throw new NativeBuildError(`${out} does not exist: run \`node scripts/electron-native.mjs\`.`);
      console.log(`electron-native: ${out} is built for ABI ${check(out, electronAbi())}`);
    } else {
      const r = ensureElectronNative({ argv, force: argv.includes('--force') });
      if (!r.built) console.log(`electron-native: ${r.path} is up to date (ABI ${r.abi})`);
    }
  } catch (e) {
    console.error(e instanceof NativeBuildError ? e.message : e);
    process.exit(1);
  }
}
