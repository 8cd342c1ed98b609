/**
 * The built main process (build/electron/main.cjs) started the way the installed `dyad` launcher starts it,
 * with an Electron stand-in (the real one cannot be downloaded here) that records what the app asks of it:
 * with --dyad-cli it runs the command line's command and exits with its code, opening no window and never
 * taking the single-instance lock, so a running Dyad is not disturbed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildElectron, electronOut } from '../../../scripts/build.mjs';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('dyad-cli-mode-');
const fakeElectron = tmp.path('fake-electron.cjs');

beforeAll(async () => {
  await buildElectron({ log: () => {} });
  // Every use of the electron module is recorded on stderr as "electron: <what>"; app.exit ends the process.
  writeFileSync(
    fakeElectron,
    `const Module = require('node:module');
const say = (what) => process.stderr.write('electron: ' + what + '\\n');
const app = {
  isPackaged: false,
  enableSandbox: () => {},
  exit: (code) => { say('exit ' + code); process.exit(code); },
  dock: { hide: () => say('dock hidden') },
  requestSingleInstanceLock: () => (say('single-instance lock'), true),
  on: (event) => say('app.on ' + event),
  whenReady: () => (say('whenReady'), new Promise(() => {})),
  setAppUserModelId: () => {},
  getPath: () => ${JSON.stringify(tmp.dir)},
};
const fake = new Proxy({ app, protocol: { registerSchemesAsPrivileged: () => {} } }, {
  get: (t, k) => (k in t ? t[k] : (say('uses ' + String(k)), {})),
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};
`,
  );
}, 120_000);
afterAll(() => tmp.cleanup());

/** The main process under Node with the stand-in; it loads node_modules' SQLite build, not the Electron one. */
function start(args: string[]) {
  return spawnSync(process.execPath, ['--require', fakeElectron, join(electronOut, 'main.cjs'), ...args], {
    encoding: 'utf8',
    cwd: tmp.dir,
    timeout: 30_000,
    env: { ...process.env, DYAD_NATIVE_BINDING: join(appRoot(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node') },
  });
}
const dyad = (...args: string[]) => start(['--dyad-cli', ...args]);

describe('the app started by the dyad launcher (--dyad-cli)', () => {
  it('runs the command and exits with its code: no window, no single-instance lock', () => {
    const made = dyad('new', 'pilot.dyad');
    expect(made.stderr).toBe('electron: dock hidden\nelectron: exit 0\n');
    expect(made.status).toBe(0);
    expect(existsSync(tmp.path('pilot.dyad'))).toBe(true);

    const listed = dyad('list', 'pilot.dyad', '--json');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ project: 'pilot', dyads: [] });
  }, 60_000);

  it('passes on a failure and a wrong usage as exit codes 1 and 2, with the message on stderr', () => {
    const missing = dyad('list', 'nowhere.dyad');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nowhere.dyad');
    expect(missing.stderr).toMatch(/electron: exit 1\n$/);
    const unknown = dyad('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('dyad: unknown command "frobnicate"');
  }, 60_000);

  it('starts as the app (lock, lifecycle) without the marker', () => {
    const app = start([]);
    expect(app.stderr).toContain('electron: single-instance lock');
    expect(app.stderr).toContain('electron: whenReady');
  }, 60_000);
});
