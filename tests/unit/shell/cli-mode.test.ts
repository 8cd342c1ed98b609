import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLI_MARKER, cliArgsFromArgv, flushStdio, runCommandLine, type CliAppLike } from '../../../electron/shell/cliMode';

describe('cliArgsFromArgv', () => {
  it('gives the command after the marker the launcher puts first, packaged or from source', () => {
    expect(cliArgsFromArgv(['/opt/Dyad/dyad', CLI_MARKER, 'list', 'study.dyad', '--json'])).toEqual(['list', 'study.dyad', '--json']);
    expect(cliArgsFromArgv(['/x/electron', '.', CLI_MARKER, 'code', 'a.dyad', '--start', '0'])).toEqual(['code', 'a.dyad', '--start', '0']);
    expect(cliArgsFromArgv(['C:\\Dyad\\Dyad.exe', CLI_MARKER])).toEqual([]);
  });

  it('leaves the app alone when started with a project, by the OS, or bare', () => {
    expect(cliArgsFromArgv(['/opt/Dyad/dyad', 'study.dyad'])).toBeNull();
    expect(cliArgsFromArgv(['/opt/Dyad/dyad', '--allow-file-access-from-files', 'list'])).toBeNull();
    expect(cliArgsFromArgv(['/opt/Dyad/dyad'])).toBeNull();
  });

  it('keeps the command’s own switches and file names, even ones that look like the app’s', () => {
    const argv = ['/opt/Dyad/dyad', CLI_MARKER, 'merge', 'into.dyad', '--dry-run', '-', '--', '--odd.dyad'];
    expect(cliArgsFromArgv(argv)).toEqual(['merge', 'into.dyad', '--dry-run', '-', '--', '--odd.dyad']);
  });
});

class FakeApp implements CliAppLike {
  exits: number[] = [];
  dockHidden = 0;
  dock = { hide: () => void this.dockHidden++ };
  exit(code: number) {
    this.exits.push(code);
  }
}

describe('runCommandLine', () => {
  it('runs the command once and exits with its code, after what it printed is written', async () => {
    const app = new FakeApp();
    const order: string[] = [];
    const ran: string[][] = [];
    const code = await runCommandLine(['list', 'x.dyad'], {
      app,
      runCli: async (args) => {
        ran.push(args);
        order.push('run');
        return 2;
      },
      flush: async () => void order.push(`flush (exits so far: ${app.exits.length})`),
    });
    expect(code).toBe(2);
    expect(ran).toEqual([['list', 'x.dyad']]);
    expect(app.exits).toEqual([2]);
    expect(order).toEqual(['run', 'flush (exits so far: 0)']);
    expect(app.dockHidden).toBe(1);
  });

  it('exits with 1 and says why when the command line cannot be loaded', async () => {
    const app = new FakeApp();
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(s), true)) as typeof process.stderr.write;
    try {
      await runCommandLine(['list'], { app: { exit: (c) => app.exit(c) }, runCli: () => Promise.reject(new Error('Cannot find module')), flush: async () => {} });
    } finally {
      process.stderr.write = write;
    }
    expect(app.exits).toEqual([1]);
    expect(errors.join('')).toBe('dyad: the command line could not start: Cannot find module\n');
  });

  it('flushStdio waits for both streams to hand over what was written', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    out.write('hello');
    err.write('warning');
    await flushStdio(out, err);
    expect(String(out.read())).toBe('hello');
    expect(String(err.read())).toBe('warning');
  });
});
