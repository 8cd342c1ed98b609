#!/usr/bin/env node
/**
 * `npm run dist`: build, check the Electron build of better-sqlite3, then package with electron-builder
 * (electron-builder.config.cjs) into release/. Arguments go to electron-builder, e.g.
 *   npm run dist -- --linux AppImage
 *   npm run dist -- --dir -c.electronDist=/path/to/unpacked/electron
 * Own flag: --no-build (package what build/ already holds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, rendererOut } from './build.mjs';
import { NativeBuildError, ensureElectronNative, root } from './electron-native.mjs';

export const builderConfig = join(root, 'electron-builder.config.cjs');

export async function dist(argv) {
  const builderArgs = argv.filter((a) => a !== '--no-build');
  if (!argv.includes('--no-build')) await build();
  if (!existsSync(join(rendererOut, 'index.html'))) {
    throw new Error(`${join(rendererOut, 'index.html')} is missing: the user interface was not built, so there is nothing to package.`);
  }
  if (!existsSync(join(root, 'build', 'electron', 'main.cjs'))) throw new Error('build/electron/main.cjs is missing: run `npm run build`.');
  let native;
  try {
    native = ensureElectronNative();
  } catch (e) {
    if (e instanceof NativeBuildError) {
      throw new Error(`the package needs better-sqlite3 built for Electron, and there is none:\n${e.message}`);
    }
    throw e;
  }
  console.log(`dist: packaging with ${native.path} (ABI ${native.abi})`);
  const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const r = spawnSync(process.execPath, [cli, '--config', builderConfig, ...builderArgs], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`electron-builder failed (exit ${r.status ?? r.signal})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  dist(process.argv.slice(2)).then(
    () => console.log(`dist: done in ${Math.round((performance.now() - started) / 1000)} s`),
    (e) => {
      console.error(`npm run dist failed: ${e.message}`);
      process.exit(1);
    },
  );
}
