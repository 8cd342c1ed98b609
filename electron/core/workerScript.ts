/**
 * Where a worker thread's code is, so that it starts the same under plain Node and in Electron's main process: beside
 * the bundle that runs the caller (build/cli/NAME.mjs, or ../NAME.mjs from one of the command line's chunks;
 * build/electron/NAME.cjs: scripts/build.mjs builds each worker as an entry of its own), or, run from the sources
 * (tests, `dyad` through tsx), the worker's TypeScript file through tsx.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface WorkerScript {
  /** A file, or with `eval` the code of a small script that loads it. */
  code: string;
  eval: boolean;
}

/**
 * `name` is the worker's file name in a build ('import-worker'), `callerUrl` the caller's `import.meta.url` (in a
 * bundle, the bundle's own), `source` the worker's TypeScript file beside the caller ('./parseWorker.ts').
 */
export function workerScript(name: string, callerUrl: string, source: string): WorkerScript {
  for (const rel of [`./${name}.mjs`, `../${name}.mjs`, `./${name}.cjs`]) {
    const file = fileURLToPath(new URL(rel, callerUrl));
    if (existsSync(file)) return { code: file, eval: false };
  }
  // From the sources the worker is TypeScript. Node 20 does not apply module hooks (`--import tsx`) inside worker
  // threads, so the worker registers tsx's require hook itself and loads it.
  const file = fileURLToPath(new URL(source, callerUrl));
  const tsx = createRequire(callerUrl).resolve('tsx/cjs/api');
  return { code: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`, eval: true };
}
