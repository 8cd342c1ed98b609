/**
 * Command line manners, with real processes: a reader that stops early (`dyad list P | head`) ends the command
 * quietly; Ctrl+C during a long import cancels it through the job's AbortSignal — the transaction rolls back, the
 * project is as it was and unlocked — and the command exits 130.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const bin = join(appRoot(), 'bin', 'dyad.js');
const file = tmp.path('study.dyad');
const folder = tmp.path('transcripts');

const dyad = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** A long transcript, so that importing a few dozen of them takes a while. */
function transcript(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 150; i++) {
    const t = `00:${String(Math.floor(i / 6) % 60).padStart(2, '0')}:${String((i * 10) % 60).padStart(2, '0')}`;
    lines.push(`I: What was going on for you at this point, number ${n}, moment ${i}?`);
    lines.push(`C: [video ${t}] I remember feeling that she was not quite with me, and I went quiet for a while because the words would not come and I did not want to say the wrong thing again.`);
  }
  return lines.join('\n');
}

beforeAll(() => {
  expect(dyad('new', file).status).toBe(0);
  mkdirSync(folder);
  for (let n = 1; n <= 48; n++) writeFileSync(join(folder, `D${n}_S1_client.txt`), transcript(n));
}, 60_000);

describe('command line manners', () => {
  it('Ctrl+C during a long import cancels it: nothing written, the project unlocked, exit 130', async () => {
    const child = spawn(process.execPath, [bin, 'import', file, folder], { env: { ...process.env, DYAD_PROGRESS: '1' } });
    let err = '';
    let out = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      // Interrupt while the interviews are being written, inside the import's transaction.
      if (!sent && /progress: \d+\/48 Importing /.test(err)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(err).toMatch(/dyad import: cancelled \(Ctrl\+C\)/);
    expect(err).not.toMatch(/at .*\.(ts|mjs|js):\d+/); // no stack trace
    expect(out).toBe('');
    const list = dyad('list', file, '--json');
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout).dyads).toEqual([]);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 120_000);

  it('a closed pipe ends the command quietly', async () => {
    expect(dyad('import', file, join(folder, 'D1_S1_client.txt'), join(folder, 'D2_S1_client.txt')).status).toBe(0);
    const child = spawn(process.execPath, [bin, 'list', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader went away before the first line, as `head` does after its lines
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // And through a shell, as researchers write it.
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" search "${file}" quiet --limit 1000 | head -n 1`], { encoding: 'utf8' });
    expect(piped.stdout).toMatch(/^\d+ turns match quiet, best first\n$/);
    expect(piped.stderr).toBe('');
  }, 120_000);

  it('Ctrl+C during a long export cancels it: no file at the target and no temporary file left, exit 130', async () => {
    const all = spawnSync(process.execPath, [bin, 'import', file, folder], { encoding: 'utf8' });
    expect(all.status, all.stderr).toBe(1); // D1 and D2 are in already: nothing is imported twice…
    const rest = readdirSync(folder).filter((f) => !/^D[12]_/.test(f)).map((f) => join(folder, f));
    expect(dyad('import', file, ...rest).status).toBe(0);
    const outDir = tmp.path('out');
    mkdirSync(outDir);
    const target = join(outDir, 'study.qdpx');
    const child = spawn(process.execPath, [bin, 'qdpx', file, '--export', target], { env: { ...process.env, DYAD_PROGRESS: '1' } });
    let err = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (!sent && /progress: \d+\/\d+ Writing /.test(err)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(err).toMatch(/dyad qdpx: cancelled \(Ctrl\+C\)/);
    expect(readdirSync(outDir)).toEqual([]);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 180_000);
});
