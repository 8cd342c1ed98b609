#!/usr/bin/env node
/**
 * Builds what the desktop app runs, into build/:
 *   build/electron/main.cjs     main process (electron/shell/main.ts and the core it uses), CommonJS for Node
 *   build/electron/preload.cjs  the window's preload, one self-contained file (it runs sandboxed)
 *   build/electron/import-worker.cjs  the import's worker thread (electron/import/parseWorker.ts), found by
 *                               electron/import/importWorkers.ts beside the bundle that runs it
 *   build/electron/base-worker.cjs  the worker that cleans a lab replica's copy into the published project
 *                               (electron/labServer/baseWorker.ts), found the same way (electron/core/workerScript.ts)
 *   build/renderer/             the UI (Vite, renderer/vite.config.ts)
 *   build/cli/                  the `dyad` command line as an ES module bundle, split so that each command loads
 *                               only what it uses; bin/dyad.js runs it while it matches the sources (cli.json)
 *
 * Usage: node scripts/build.mjs [--no-renderer] [--cli-only] [--renderer-only]
 * `npm install` runs `--cli-only` (the `prepare` script), so `dyad` starts fast on a fresh checkout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const electronOut = join(root, 'build', 'electron');
export const rendererOut = join(root, 'build', 'renderer');
export const cliOut = join(root, 'build', 'cli');
const viteConfig = join(root, 'renderer', 'vite.config.ts');

/** Things the main bundle must load from node_modules at run time instead of containing. */
// pg's optional native binding (pg-native) is not installed: pg requires it only when asked for, so it stays out.
const mainExternals = ['electron', 'better-sqlite3', 'pg-native'];

/** The worker threads, each an entry of its own beside the bundle that starts it (electron/core/workerScript.ts). */
const WORKERS = {
  'import-worker': join(root, 'electron', 'import', 'parseWorker.ts'),
  'base-worker': join(root, 'electron', 'labServer', 'baseWorker.ts'),
};

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
/** A pure TypeScript module of shared/ (no Node, no DOM), bundled and run here at build time: its exports. */
async function evaluateModule(entry) {
  const probe = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', probe.outputFiles[0].text)(mod, mod.exports);
  return mod.exports;
}

/** The contract's method names, in order, read from the real contract. */
async function methodNamesOf() {
  const names = (await evaluateModule(join(root, 'shared', 'api', 'contract.ts'))).methodNames;
  if (!Array.isArray(names) || names.length === 0) throw new Error('shared/api/contract.ts exports no methodNames');
  return names;
}

async function methodNamesPlugin() {
  const names = await methodNamesOf();
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
    ...Object.entries(WORKERS).map(([name, entry]) =>
      esbuild.build({
        ...common,
        entryPoints: [entry],
        outfile: join(outDir, `${name}.cjs`),
        platform: 'node',
        external: mainExternals,
        banner: { js: importMetaUrlBanner },
        define: { 'import.meta.url': '__dyad_import_meta_url' },
      }),
    ),
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

/**
 * The command line calls one or a few methods per run, yet building the zod schemas of the whole contract cost
 * more than starting Node itself. In the command line's bundle, shared/api/contract.ts becomes a module that knows
 * every method's name and group (read from the real contract at build time) and builds a group's schemas when one
 * of its methods is first looked up; dispatch checks inputs and outputs with exactly the same schemas.
 * tests/integration/cli/bundle.test.ts checks that it answers as the real contract does.
 */
async function lazyContractPlugin() {
  const methodsDir = join(root, 'shared', 'api', 'methods');
  const groups = [];
  for (const file of readdirSync(methodsDir).filter((f) => f.endsWith('.ts')).sort()) {
    for (const [exported, value] of Object.entries(await evaluateModule(join(methodsDir, file)))) {
      if (!exported.endsWith('Methods') || !value || typeof value !== 'object') continue;
      groups.push({ path: join(methodsDir, file), exported, names: Object.keys(value) });
    }
  }
  // In the contract's own order (what `dyad call --list` shows).
  const order = (await methodNamesOf()).filter((n) => groups.some((g) => g.names.includes(n)));
  const where = {};
  for (const n of order) where[n] = groups.findIndex((g) => g.names.includes(n));
  const contents = `
const groups = [${groups.map((g) => `() => require(${JSON.stringify(g.path)}).${g.exported}`).join(',\n')}];
const loaded = [];
const where = ${JSON.stringify(where)};
export const methodNames = Object.keys(where);
export function isMethodName(name) {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(where, name);
}
function lookup(name) {
  if (!isMethodName(name)) return undefined;
  const i = where[name];
  return (loaded[i] ??= groups[i]())[name];
}
export const contract = new Proxy({}, {
  get: (_, name) => lookup(name),
  has: (_, name) => isMethodName(name),
  ownKeys: () => [...methodNames],
  getOwnPropertyDescriptor: (_, name) => (isMethodName(name) ? { value: lookup(name), enumerable: true, configurable: true, writable: false } : undefined),
});
`;
  return {
    name: 'dyad-lazy-contract',
    setup(build) {
      build.onResolve({ filter: /\/shared\/api\/contract$/ }, () => ({ path: 'lazy-contract', namespace: 'dyad' }));
      build.onLoad({ filter: /.*/, namespace: 'dyad' }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
}

/**
 * Bundles the command line into build/cli/: main.mjs and the chunks it imports on demand (the handler table when a
 * project is opened; Word, Excel and zip readers only in the commands that use them). Built in a fresh folder
 * and swapped in (swapIn), so a `dyad` starting or running meanwhile never sees half a bundle. cli.json lists every source file
 * of the bundle with its size and time: bin/dyad.js runs the bundle only while they are unchanged.
 */
export async function buildCli({ log = console.log, outDir = cliOut } = {}) {
  const started = performance.now();
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    // The worker threads are entries of their own (build/cli/import-worker.mjs, …), sharing chunks with main.
    entryPoints: { main: join(root, 'electron', 'cli', 'main.ts'), ...WORKERS },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // The native module loads from node_modules, built for the Node that runs it.
    // pg's optional native binding (pg-native) is not installed and only required when asked for.
    external: ['better-sqlite3', 'pg-native'],
    // Bundled CommonJS packages (exceljs, mammoth, …) call require(): give the ES module one.
    banner: { js: "import { createRequire as __dyadCreateRequire } from 'node:module'; const require = __dyadCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    plugins: [await lazyContractPlugin()],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    if (file.includes('node_modules/') || file.startsWith('dyad:')) continue;
    const st = statSync(join(root, file));
    inputs[file] = [st.size, Math.round(st.mtimeMs)];
  }
  // The real contract is replaced in the bundle, yet a group added to it must make the bundle stale.
  const contractFile = join('shared', 'api', 'contract.ts');
  const cst = statSync(join(root, contractFile));
  inputs[contractFile.split(sep).join('/')] = [cst.size, Math.round(cst.mtimeMs)];
  writeFileSync(join(tmp, 'cli.json'), JSON.stringify({ builtAt: new Date().toISOString(), inputs }));
  swapIn(tmp, outDir);
  const main = statSync(join(outDir, 'main.mjs')).size;
  log(`build: cli/main.mjs ${kb(main)} (${Object.keys(inputs).length} sources) in ${Math.round(performance.now() - started)} ms`);
  return { main };
}

/**
 * Puts a fresh build in place without pulling chunks from under a `dyad` that is running (a `dyad serve` loads
 * the Word writer's chunk only when asked for an export, maybe hours later): the new chunks (named by their
 * content) join the old ones, then main.mjs and cli.json are replaced by renames. Chunks no build has used for a
 * week are removed.
 */
const KEEP_OLD_CHUNKS_MS = 7 * 24 * 3600 * 1000;
function swapIn(fresh, outDir) {
  mkdirSync(join(outDir, 'chunks'), { recursive: true });
  const current = new Set(readdirSync(join(fresh, 'chunks')));
  for (const f of current) {
    const to = join(outDir, 'chunks', f);
    if (existsSync(to)) utimesSync(to, new Date(), new Date());
    else renameSync(join(fresh, 'chunks', f), to);
  }
  // The workers before main: a main.mjs that finds its worker missing would do the worker's work on its own thread.
  for (const name of Object.keys(WORKERS)) renameSync(join(fresh, `${name}.mjs`), join(outDir, `${name}.mjs`));
  renameSync(join(fresh, 'main.mjs'), join(outDir, 'main.mjs'));
  renameSync(join(fresh, 'cli.json'), join(outDir, 'cli.json'));
  rmSync(fresh, { recursive: true, force: true });
  for (const f of readdirSync(join(outDir, 'chunks'))) {
    const p = join(outDir, 'chunks', f);
    if (!current.has(f) && Date.now() - statSync(p).mtimeMs > KEEP_OLD_CHUNKS_MS) rmSync(p, { force: true });
  }
}

export async function build({ renderer = true, log = console.log, warn = console.warn } = {}) {
  const electron = await buildElectron({ log });
  const cli = await buildCli({ log });
  const ui = renderer ? buildRenderer({ log, warn }) : false;
  return { electron, cli, renderer: ui };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args.includes('--cli-only')) {
    // Run by `npm install` (prepare): a failure must not fail the install, since `dyad` still runs from the
    // sources (bin/dyad.js falls back to tsx), only slower.
    buildCli().catch((e) => console.warn(`build: the command line bundle was not built (${e.message}); \`dyad\` will run from the sources.`));
  } else if (args.includes('--renderer-only')) {
    try {
      buildRenderer();
    } catch (e) {
      console.error(`build failed: ${e.message}`);
      process.exit(1);
    }
  } else {
    // The layer rule first (scripts/check-layers.mjs).
    if (spawnSync(process.execPath, [join(root, 'scripts', 'check-layers.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);
    build({ renderer: !args.includes('--no-renderer') }).catch((e) => {
      console.error(`build failed: ${e.message}`);
      process.exit(1);
    });
  }
}
