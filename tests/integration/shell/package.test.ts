/**
 * `npm run dist` packs what the app needs: scripts/check-package.mjs packages an unpacked Linux app with a
 * stand-in Electron and native module (the real ones cannot be downloaded here), reads app.asar and runs the
 * `dyad` launcher it ships against the stand-in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildElectron, buildRenderer, rendererOut } from '../../../scripts/build.mjs';
// @ts-expect-error: a plain .mjs script without type declarations
import { checkPackage } from '../../../scripts/check-package.mjs';

beforeAll(async () => {
  await buildElectron({ log: () => {} });
  // Rebuilding the UI would empty build/renderer under other tests' feet; only make it when it is missing.
  if (!existsSync(join(rendererOut, 'index.html'))) buildRenderer({ log: () => {} });
}, 120_000);

describe('the packaged app', () => {
  // checkPackage's problems also cover resources/bin: both `dyad` launchers shipped, the shell one executable
  // and, run through a link as from PATH, starting the packaged executable with --dyad-cli and the arguments.
  it('holds main.cjs, the preload, the UI, migrations, demo, the Electron build of SQLite and the dyad command line, and nothing of the sources', () => {
    const r = checkPackage({ build: false, log: () => {} }) as { problems: string[]; files: string[]; ms: number };
    expect(r.problems).toEqual([]);
    expect(r.files).toContain('/build/electron/main.cjs');
    expect(r.files.some((f) => f.startsWith('/migrations/0010'))).toBe(true);
    expect(r.files.some((f) => f.startsWith('/demo/transcripts/'))).toBe(true);
  }, 120_000);

  it("ships React's production build, even when built under the test runner (NODE_ENV=test)", () => {
    // A warning only React's development build carries: the UI would be several times slower with it.
    const assets = join(rendererOut, 'assets');
    const bundles = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(bundles.length).toBeGreaterThan(0);
    for (const f of bundles) expect(readFileSync(join(assets, f), 'utf8').includes('Each child in a list should have a unique'), `${f} is a development build`).toBe(false);
  });
});
