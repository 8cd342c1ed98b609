#!/usr/bin/env node
// The `dyad` command line. Runs the bundle that `npm install` builds (build/cli/, by scripts/build.mjs) while it
// matches the sources it was built from; otherwise (sources edited since, or no bundle) the TypeScript sources
// through tsx, so `npx dyad …` always runs the code as it is in the checkout. DYAD_CLI=sources forces the latter.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** True when build/cli/ was built from the sources as they are now (each one's size and time unchanged). */
function bundleIsCurrent() {
  if (process.env.DYAD_CLI === 'sources') return false;
  try {
    const { inputs } = JSON.parse(readFileSync(new URL('build/cli/cli.json', root), 'utf8'));
    for (const [file, [size, mtime]] of Object.entries(inputs)) {
      const st = statSync(new URL(file, root));
      if (st.size !== size || Math.abs(st.mtimeMs - mtime) > 1) return false;
    }
    return true;
  } catch {
    return false;
  }
}

let runCli;
const current = bundleIsCurrent();
if (process.env.DYAD_CLI_TRACE) process.stderr.write(`dyad: running ${current ? 'the bundle in build/cli' : 'the sources through tsx'}\n`);
if (current) {
  ({ runCli } = await import('../build/cli/main.mjs'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../electron/cli/main.ts'));
}
// `serve` resolves only when stopped; everything else exits with its code.
process.exitCode = await runCli(process.argv.slice(2));
