import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPathFromArgv } from '../../../electron/shell/argv';
import { NATIVE_DIR, NATIVE_FILE, nativeBindingPath } from '../../../electron/shell/native';
import { describeOpenError } from '../../../electron/shell/openErrors';
// @ts-expect-error: a plain .mjs build script without type declarations
import * as script from '../../../scripts/electron-native.mjs';

describe('projectPathFromArgv', () => {
  const cwd = resolve('/home/researcher/study');
  it('reads the file a packaged app was started with, relative to where it was started', () => {
    expect(projectPathFromArgv(['/opt/Dyad/dyad', 'coder-a.dyad'], { isPackaged: true, cwd })).toBe(join(cwd, 'coder-a.dyad'));
    expect(projectPathFromArgv(['C:\\Dyad\\Dyad.exe', '--flag', '/data/x.dyad'], { isPackaged: true, cwd })).toBe(resolve('/data/x.dyad'));
  });

  it('skips the app folder when run from source', () => {
    expect(projectPathFromArgv(['/x/electron', '.', 'pilot.dyad'], { isPackaged: false, cwd })).toBe(join(cwd, 'pilot.dyad'));
    expect(projectPathFromArgv(['/x/electron', '.'], { isPackaged: false, cwd })).toBeNull();
  });

  it('ignores switches wherever Chromium puts them', () => {
    const argv = ['/opt/Dyad/dyad', '--allow-file-access-from-files', 'a.dyad', '--original-process-start-time=1'];
    expect(projectPathFromArgv(argv, { isPackaged: true, cwd })).toBe(join(cwd, 'a.dyad'));
    expect(projectPathFromArgv(['/opt/Dyad/dyad', '-psn_0_1234'], { isPackaged: true, cwd })).toBeNull();
    expect(projectPathFromArgv(['/opt/Dyad/dyad', '--', '-odd name.dyad'], { isPackaged: true, cwd })).toBe(join(cwd, '-odd name.dyad'));
  });
});

describe('nativeBindingPath', () => {
  const base = { resourcesPath: '/opt/Dyad/resources', appRoot: '/src/dyad', electronVersion: '45.4.1' };
  it('uses the packaged copy and ignores the environment in a packaged app', () => {
    expect(nativeBindingPath({ ...base, isPackaged: true, env: { DYAD_NATIVE_BINDING: '/tmp/evil.node' } })).toBe(
      join('/opt/Dyad/resources', 'native', 'better_sqlite3.node'),
    );
  });
  it('uses the copy electron-native.mjs builds, unless start.mjs names one', () => {
    expect(nativeBindingPath({ ...base, isPackaged: false, env: {} })).toBe(join('/src/dyad', '.electron-native', '45.4.1', 'better_sqlite3.node'));
    expect(nativeBindingPath({ ...base, isPackaged: false, env: { DYAD_NATIVE_BINDING: '/b/x.node' } })).toBe('/b/x.node');
  });
  it('agrees with the build script on where the copy lives', () => {
    expect(script.NATIVE_DIR).toBe(NATIVE_DIR);
    expect(script.NATIVE_FILE).toBe(NATIVE_FILE);
    expect(script.nativeOutputPath('45.4.1', join('/src/dyad', NATIVE_DIR))).toBe(
      nativeBindingPath({ ...base, isPackaged: false, env: {} }),
    );
  });
});

describe('describeOpenError', () => {
  it('names the file and tells a newer-version project apart from a damaged one', () => {
    const path = '/studies/alliance.dyad';
    const newer = describeOpenError(path, { kind: 'newer-version', message: `${path} was saved by a newer Dyad (schema 9).` });
    expect(newer.title).toMatch(/newer/i);
    expect(newer.message).toContain(path);
    const bad = describeOpenError(path, { kind: 'bad-file', message: 'file is not a database' });
    expect(bad.title).toMatch(/not a readable/i);
    expect(bad.message).toContain(path);
    expect(bad.message).toContain('file is not a database');
    const locked = describeOpenError(path, { kind: 'locked', message: `${path} is already open in another Dyad.` });
    expect(locked.title).toMatch(/already open/i);
    expect(locked.message.split(path)).toHaveLength(2); // named once, not twice
  });
});
