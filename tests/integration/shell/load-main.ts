/**
 * Lays out an app folder as a package has it (package.json named dyad, migrations, demo, node_modules,
 * build/), builds main.cjs and preload.cjs into it, and runs main.cjs under Node with the stand-in Electron.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildElectron } from '../../../scripts/build.mjs';
import { createFakeElectron } from './fake-electron';

export const repo = resolve(__dirname, '../../..');

export interface LoadedMain {
  base: string;
  app: string;
  fake: ReturnType<typeof createFakeElectron>;
}

/** `renderer`: the folder to serve as build/renderer (a stub page when omitted). */
export async function loadMain(opts: { renderer?: string } = {}): Promise<LoadedMain> {
  const base = mkdtempSync(join(tmpdir(), 'dyad-main-'));
  const app = join(base, 'app');
  mkdirSync(join(app, 'build'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'dyad', version: '0.1.0' }));
  for (const dir of ['migrations', 'demo', 'node_modules']) symlinkSync(join(repo, dir), join(app, dir));
  if (opts.renderer) symlinkSync(opts.renderer, join(app, 'build', 'renderer'));
  else {
    mkdirSync(join(app, 'build', 'renderer'));
    writeFileSync(join(app, 'build', 'renderer', 'index.html'), '<!doctype html><title>Dyad</title>');
  }
  await buildElectron({ outDir: join(app, 'build', 'electron'), log: () => {} });

  const fake = createFakeElectron({ userData: join(base, 'userData') });
  // Under Node the Node build of better-sqlite3 is the right one; main.cjs takes it from here when not packaged.
  process.env.DYAD_NATIVE_BINDING = join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  delete process.env.DYAD_APP_ROOT;
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = mod._load;
  const savedArgv = process.argv;
  mod._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'electron' ? fake.electron : load.call(this, request, ...rest);
  };
  process.argv = ['/opt/electron/electron', '.'];
  try {
    createRequire(join(app, 'package.json'))(join(app, 'build', 'electron', 'main.cjs'));
  } finally {
    mod._load = load;
    process.argv = savedArgv;
  }
  return { base, app, fake };
}
