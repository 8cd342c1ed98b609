#!/usr/bin/env node
/**
 * `npm start`: build, make sure Electron's binary and the Electron build of better-sqlite3 are there, then run
 * the app. Arguments after `--` go to the app (`npm start -- path/to/study.dyad`).
 *
 * Usage: node scripts/start.mjs [--no-build] [app arguments…]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { NativeBuildError, ensureElectronNative, root } from './electron-native.mjs';

const MARKER = '@@dyad-electron-path@@';

/**
 * The Electron executable. `require('electron')` returns its path and, since Electron 45, downloads the binary
 * the first time; it runs in a child process so that a failed download is reported in one line, not a stack.
 */
export function resolveElectronBinary() {
  const r = spawnSync(process.execPath, ['-e', `process.stdout.write('${MARKER}' + require('electron'))`], {
    cwd: root,
    encoding: 'utf8',
  });
  const out = r.stdout ?? '';
  const at = out.indexOf(MARKER);
  let cause;
  if (r.status === 0 && at >= 0) {
    const path = out.slice(at + MARKER.length).trim();
    // With ELECTRON_OVERRIDE_DIST_PATH, require('electron') names a path without looking at it.
    if (existsSync(path)) return { path };
    cause = `${path} does not exist`;
  } else {
    cause = `${r.stderr ?? ''}`.split('\n').find((l) => l.trim() !== '') ?? `exit ${r.status}`;
  }
  return {
    error:
      "Electron's binary is not installed (it downloads on first `npm start` with internet access), and it could " +
      `not be downloaded now: ${cause.trim()}\n` +
      '  With internet access, run `npm start` again. To use an Electron you already have, set ' +
      'ELECTRON_OVERRIDE_DIST_PATH to its folder.',
  };
}

async function main() {
  const argv = process.argv.slice(2);
  const appArgs = argv.filter((a) => a !== '--no-build' && a !== '--');
  if (!argv.includes('--no-build')) await build();

  const problems = [];
  const electron = resolveElectronBinary();
  if (electron.error) problems.push(electron.error);
  let native = null;
  try {
    native = ensureElectronNative();
  } catch (e) {
    if (!(e instanceof NativeBuildError)) throw e;
    problems.push(e.message);
  }
  if (problems.length > 0 || !electron.path || !native) {
    console.error(`\nDyad cannot start yet:\n\n${problems.map((p) => `- ${p}`).join('\n\n')}\n`);
    process.exit(1);
  }

  const env = { ...process.env, DYAD_NATIVE_BINDING: native.path };
  // Set by some tools; it would make the binary run as plain Node instead of the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron.path, ['.', ...appArgs], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    console.error(`Could not run ${electron.path}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(`npm start failed: ${e.message}`);
    process.exit(1);
  });
}
