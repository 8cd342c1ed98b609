#!/usr/bin/env node
/**
 * Builds what the desktop app runs, into build/:
 *   build/electron/main.cjs     main process (electron/shell/main.ts and the core it uses), CommonJS for Node
 *   build/electron/preload.cjs  the window's preload, one self-contained file (it runs sandboxed)
 *   build/renderer/             the UI (Vite, renderer/vite.config.ts)
 *
 * Usage: node scripts/build.mjs [--no-renderer]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const electronOut = join(root, 'build', 'electron');
export const rendererOut = join(root, 'build', 'renderer');
const viteConfig = join(root, 'renderer', 'vite.config.ts');

/** Things the main bundle must load from node_modules at run time instead of containing. */
const mainExternals = ['electron', 'better-sqlite3'];

/**
 * electron/core/paths.ts finds the app folder from `import.meta.url`, which a CommonJS bundle does not have:
 * give it this file's own URL (build/electron/main.cjs, also inside app.asar), from which the walk up to
 * package.json works the same.
 */
const importMetaUrlBanner = "const __dyad_import_meta_url = require('node:url').pathToFileURL(__filename).href;";

/**
 * The preload needs only the API's method names, not the zod schemas behind them: replace the contract module
 * with a names-only module computed from the real contract at build time, so the sandboxed preload stays
 * small. tests/unit/shell/build.test.ts checks the names match.
 */
async function methodNamesPlugin() {
  const probe = await esbuild.build({
    entryPoints: [join(root, 'shared', 'api', 'contract.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', probe.outputFiles[0].text)(mod, mod.exports);
  const names = mod.exports.methodNames;
  if (!Array.isArray(names) || names.length === 0) throw new Error('shared/api/contract.ts exports no methodNames');
  return {
    name: 'dyad-method-names',
    setup(build) {
      build.onResolve({ filter: /\/shared\/api\/contract$/ }, () => ({ path: 'method-names', namespace: 'dyad' }));
      build.onLoad({ filter: /.*/, namespace: 'dyad' }, () => ({
        contents: `export const methodNames = ${JSON.stringify(names)};`,
        loader: 'js',
      }));
    },
  };
}

function size(file) {
  return statSync(file).size;
}

/** Bundles main.cjs and preload.cjs; returns their sizes in bytes. */
export async function buildElectron({ log = console.log, outDir = electronOut } = {}) {
  const started = performance.now();
  mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    legalComments: 'none',
    sourcemap: false,
  };
  const namesOnly = await methodNamesPlugin();
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [join(root, 'electron', 'shell', 'main.ts')],
      outfile: join(outDir, 'main.cjs'),
      platform: 'node',
      external: mainExternals,
      banner: { js: importMetaUrlBanner },
      define: { 'import.meta.url': '__dyad_import_meta_url' },
    }),
    esbuild.build({
      ...common,
      entryPoints: [join(root, 'electron', 'shell', 'preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      // Sandboxed preloads get a small `require` that knows 'electron' and a few Node polyfills, nothing else.
      platform: 'browser',
      target: 'chrome140',
      external: ['electron'],
      plugins: [namesOnly],
    }),
  ]);
  const sizes = { main: size(join(outDir, 'main.cjs')), preload: size(join(outDir, 'preload.cjs')) };
  const ms = Math.round(performance.now() - started);
  log(`build: main.cjs ${kb(sizes.main)}, preload.cjs ${kb(sizes.preload)} in ${ms} ms`);
  return { ...sizes, ms };
}

/** Runs Vite on the renderer; false (with a warning) when the renderer has no Vite config yet. */
export function buildRenderer({ log = console.log, warn = console.warn } = {}) {
  if (!existsSync(viteConfig)) {
    warn(`build: ${relative(root, viteConfig)} does not exist yet; the user interface was not built.`);
    return false;
  }
  const started = performance.now();
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // Vite bakes NODE_ENV into the bundle: under a test runner (NODE_ENV=test) it would ship React's development
  // build, several times slower. The UI is always built as it ships.
  const r = spawnSync(process.execPath, [vite, 'build', '--config', viteConfig, '--outDir', rendererOut, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  log(`build: renderer in ${Math.round(performance.now() - started)} ms`);
  return true;
}

export async function build({ renderer = true, log = console.log, warn = console.warn } = {}) {
  const electron = await buildElectron({ log });
  const ui = renderer ? buildRenderer({ log, warn }) : false;
  return { electron, renderer: ui };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (spawnSync(process.execPath, [join(root, 'scripts', 'check-layers.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1); // the layer rule first
  build({ renderer: !process.argv.includes('--no-renderer') }).catch((e) => {
    console.error(`build failed: ${e.message}`);
    process.exit(1);
  });
}
