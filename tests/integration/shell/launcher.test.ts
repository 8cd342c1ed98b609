/**
 * The installed app's `dyad` launcher (packaging/bin/dyad) in the folder layouts of a Linux install and a macOS
 * app bundle, with a stand-in app executable that prints what it was started with: run directly, and through a
 * link from a folder on PATH, it starts the app in command-line mode with the arguments exactly as given.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';
import { CLI_MARKER } from '../../../electron/shell/cliMode';
import { tempDir } from '../../helpers/tmp';

const launcher = resolve(appRoot(), 'packaging', 'bin', 'dyad');
const tmp = tempDir('dyad-launcher-');
afterAll(() => tmp.cleanup());

/** An install folder: the app executable at `exe`, the launcher at `bin` (both relative to the folder). */
function install(name: string, exe: string, bin: string): string {
  const dir = tmp.path(name);
  mkdirSync(join(dir, exe, '..'), { recursive: true });
  mkdirSync(join(dir, bin, '..'), { recursive: true });
  writeFileSync(join(dir, exe), `#!/bin/sh\nprintf '%s\\n' "started $0" "ELECTRON_RUN_AS_NODE=$ELECTRON_RUN_AS_NODE"; printf '[%s]' "$@"; exit 3\n`);
  chmodSync(join(dir, exe), 0o755);
  copyFileSync(launcher, join(dir, bin));
  chmodSync(join(dir, bin), 0o755);
  return dir;
}

function run(file: string) {
  return spawnSync(file, ['list', 'my study.dyad', '--json'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
}

describe.skipIf(process.platform === 'win32')('the dyad launcher of the installed app', () => {
  it('starts the Linux app beside resources/ in command-line mode, passing the exit code on', () => {
    const dir = install('linux', 'dyad', 'resources/bin/dyad');
    const r = run(join(dir, 'resources', 'bin', 'dyad'));
    expect(r.status).toBe(3);
    const [started, env, args] = r.stdout.split('\n');
    expect(resolve(started!.slice('started '.length))).toBe(join(dir, 'dyad'));
    expect(env).toBe('ELECTRON_RUN_AS_NODE=');
    expect(args).toBe(`[${CLI_MARKER}][list][my study.dyad][--json]`);
  });

  it('finds Contents/MacOS/Dyad from a macOS app bundle’s Resources/bin, also through a link on PATH', () => {
    const dir = install('mac', 'Dyad.app/Contents/MacOS/Dyad', 'Dyad.app/Contents/Resources/bin/dyad');
    mkdirSync(join(dir, 'usr-local-bin'));
    symlinkSync(join(dir, 'Dyad.app/Contents/Resources/bin/dyad'), join(dir, 'usr-local-bin', 'dyad'));
    const r = run(join(dir, 'usr-local-bin', 'dyad'));
    expect(r.status).toBe(3);
    expect(resolve(r.stdout.split('\n')[0]!.slice('started '.length))).toBe(join(dir, 'Dyad.app/Contents/MacOS/Dyad'));
    expect(r.stdout.split('\n')[2]).toBe(`[${CLI_MARKER}][list][my study.dyad][--json]`);
  });

  it('says where it looked when the app is not beside it', () => {
    const dir = tmp.path('lonely');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    copyFileSync(launcher, join(dir, 'bin', 'dyad'));
    chmodSync(join(dir, 'bin', 'dyad'), 0o755);
    const r = run(join(dir, 'bin', 'dyad'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^dyad: the Dyad app is not where this launcher expects it \(.*\/\.\.\/dyad\)\n$/);
  });
});
