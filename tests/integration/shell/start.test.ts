/**
 * scripts/start.mjs (`npm start`) without rebuilding: here it must stop with a clear message (no Electron
 * binary, no Electron build of better-sqlite3); with a stand-in Electron and native module it must launch
 * the app folder with the project argument and the native module's path.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../../..');
const electronVersion = JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
const electronAbi = readFileSync(join(repo, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
let base: string;

function start(args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const merged = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
    execFile(process.execPath, [join(repo, 'scripts', 'start.mjs'), '--no-build', ...args], { cwd: repo, env: merged, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'dyad-start-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('npm start', () => {
  it.skipIf(process.platform === 'win32')('launches Electron on the app folder with the project and the Electron build of SQLite', async () => {
    const dist = join(base, 'electron-dist');
    mkdirSync(dist);
    // Prints what it was started with, then exits with a code start.mjs must pass on.
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "ARGS:$*"\necho "CWD:$(pwd)"\necho "NATIVE:$DYAD_NATIVE_BINDING"\necho "RUN_AS_NODE:${ELECTRON_RUN_AS_NODE:-unset}"\nexit 7\n');
    chmodSync(join(dist, 'electron'), 0o755);
    const nativeDir = join(base, 'native');
    mkdirSync(join(nativeDir, electronVersion), { recursive: true });
    writeFileSync(join(nativeDir, electronVersion, 'better_sqlite3.node'), Buffer.from(`node_register_module_v${electronAbi}\0`, 'latin1'));

    const r = await start(['--', 'studies/alliance.dyad'], {
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      DYAD_ELECTRON_NATIVE_DIR: nativeDir,
      ELECTRON_RUN_AS_NODE: '1',
    });
    expect(r.code).toBe(7);
    expect(r.stdout).toContain('ARGS:. studies/alliance.dyad');
    expect(r.stdout).toContain(`CWD:${repo}`);
    expect(r.stdout).toContain(`NATIVE:${join(nativeDir, electronVersion, 'better_sqlite3.node')}`);
    expect(r.stdout).toContain('RUN_AS_NODE:unset');
  }, 60_000);

  it('stops with a clear message when the Electron binary is missing and cannot be downloaded', async () => {
    const nativeDir = join(base, 'native-missing');
    const r = await start([], {
      // An empty Electron folder: missing on every machine, without asking the network.
      ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(base, 'no-electron-')),
      DYAD_ELECTRON_NATIVE_DIR: nativeDir,
      DYAD_ELECTRON_DIST_URL: 'http://127.0.0.1:1',
      DYAD_ELECTRON_GYP_DIR: join(base, 'gyp'),
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Dyad cannot start yet');
    expect(r.stderr).toContain("Electron's binary is not installed (it downloads on first `npm start` with internet access)");
    expect(r.stderr).toContain('does not exist');
    expect(r.stderr).toContain(`Could not build better-sqlite3 for Electron ${electronVersion}`);
    expect(r.stderr).toContain('node_modules/better-sqlite3 (built for Node) was not touched');
  }, 60_000);
});
