/**
 * `dyad serve FILE --port N`, run as a researcher runs it (a child process of bin/dyad.js): it listens on the port
 * asked for, on 127.0.0.1 only, answers the API with the token it printed, and on Ctrl+C (SIGINT) closes the
 * project and exits cleanly, leaving a file that opens again.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { appRoot } from '../../../electron/core/paths';
import { Project } from '../../../electron/core/project';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A port nobody listens on right now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('dyad serve --port', () => {
  it('serves the project on the port asked for, answers with its token, and stops cleanly on Ctrl+C', async () => {
    const file = tmp.path('served.dyad');
    expect(await runCli(['new', file], { out: () => {}, err: () => {} })).toBe(0);
    const port = await freePort();
    const child = spawn(process.execPath, [join(appRoot(), 'bin', 'dyad.js'), 'serve', file, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    try {
      // Waits for the line that says where to open it; gives up loudly, with what it printed, if the server dies.
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          out += c;
          const m = /Open (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`dyad serve exited (${code}) before printing its address:\n${out}\n${err}`)));
      });
      expect(out).toContain(`Dyad is serving ${file}`);
      expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[0-9a-f]{48}$`));
      const token = new URL(url).searchParams.get('token')!;

      const call = (method: string, input: unknown, t = token) =>
        fetch(`http://127.0.0.1:${port}/api/call/${method}`, { method: 'POST', body: JSON.stringify(input), headers: { 'x-dyad-token': t, 'Content-Type': 'application/json' } });
      const created = await (await call('codes.create', { name: 'Rupture' })).json();
      expect(created).toMatchObject({ ok: true, value: { name: 'Rupture', path: 'Rupture' } });
      expect(await (await call('codebooks.list', {})).json()).toMatchObject({ ok: true, value: [{ codes: [{ name: 'Rupture' }] }] });
      // Without its token, nothing.
      const refused = await call('codes.create', { name: 'Repair' }, '0'.repeat(48));
      expect(refused.status).toBe(401);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    // The project was closed properly and holds what was done through the server.
    const p = Project.open(file);
    try {
      expect(p.db.prepare('SELECT name FROM codes').pluck().all()).toEqual(['Rupture']);
    } finally {
      p.close();
    }
  }, 60_000);
});
