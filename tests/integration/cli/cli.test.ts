import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/tmp';
import { dyad } from '../../helpers/cli';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const demo = join(appRoot(), 'demo', 'transcripts');


describe('dyad command line', () => {
  const file = tmp.path('study.dyad');

  it('creates a project and refuses to overwrite one', async () => {
    expect((await dyad('new', file)).code).toBe(0);
    const again = await dyad('new', file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
  });

  it('imports a folder, assigning dyad, session and role from file names', async () => {
    const r = await dyad('import', file, demo);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.match(/^Imported /gm)).toHaveLength(12);
    const list = JSON.parse((await dyad('list', file, '--json')).out);
    expect(list.dyads.map((d: { name: string }) => d.name)).toEqual(['1', '2', '3']);
    const s1 = list.dyads[0].sessions[0];
    expect(s1.number).toBe(1);
    expect(s1.interviews.map((i: { role: string }) => i.role).sort()).toEqual(['client', 'therapist']);
    expect(s1.interviews[0].momentCount).toBeGreaterThanOrEqual(5);
  });

  it('imports one file with explicit dyad, session and role, and refuses a second client for the same session', async () => {
    const one = tmp.path('interview one.txt');
    copyFileSync(join(demo, 'D01_S1_client.txt'), one);
    const r = await dyad('import', file, '--dyad', '9', '--session', '2', '--role', 'client', one);
    expect(r.code).toBe(0);
    const size = statSync(file).size;
    const dup = await dyad('import', file, '--dyad', '9', '--session', '2', '--role', 'client', one);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/interview one\.txt.*already has a client interview/);
    expect(statSync(file).size).toBe(size);
  });

  it('refuses a bad file by name and leaves the project as it was', async () => {
    const bad = tmp.path('D05_S1_client.txt');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    const before = (await dyad('list', file, '--json')).out;
    const r = await dyad('import', file, bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('D05_S1_client.txt');
    expect((await dyad('list', file, '--json')).out).toBe(before);
  });

  it('aligns a session: rows with session times and both sides’ moments and text', async () => {
    const r = await dyad('align', file, '--dyad', '1', '--session', '1', '--json');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.toleranceSeconds).toBe(15);
    const paired = a.rows.filter((row: { match: string }) => row.match === 'auto');
    expect(paired.length).toBeGreaterThanOrEqual(4);
    for (const row of paired) {
      expect(Math.abs(row.client.sessionTime - row.therapist.sessionTime)).toBeLessThanOrEqual(15);
      expect(row.client.text.length).toBeGreaterThan(20);
      expect(row.therapist.text.length).toBeGreaterThan(20);
      expect(row.sessionTimeLabel).toMatch(/^\d\d:\d\d:\d\d$/);
    }
    const times = a.rows.map((row: { sessionTime: number | null }) => row.sessionTime).filter((t: number | null) => t !== null);
    expect(times).toEqual([...times].sort((x: number, y: number) => x - y));
  });

  it('knows dyad 1 as "D01" and "01" too, as the file names write it, and reports it by its name', async () => {
    const a = JSON.parse((await dyad('align', file, '--dyad', 'D01', '--session', '1', '--json')).out);
    expect(a.dyad).toBe('1');
    expect(JSON.parse((await dyad('align', file, '--dyad', '01', '--session', '1', '--json')).out).rows).toEqual(a.rows);
    // An explicit "--dyad D02" puts the file into dyad 2, the one the folder import made from "D02_…" names.
    const extra = tmp.path('extra.txt');
    copyFileSync(join(demo, 'D01_S1_client.txt'), extra);
    expect((await dyad('import', file, '--dyad', 'D02', '--session', '5', '--role', 'client', extra)).code).toBe(0);
    const list = JSON.parse((await dyad('list', file, '--json')).out);
    const two = list.dyads.filter((d: { name: string }) => d.name === '2' || d.name === 'D02');
    expect(two.map((d: { name: string }) => d.name)).toEqual(['2']);
    expect(two[0].sessions.map((s: { number: number }) => s.number)).toContain(5);
  });

  it('sets marker patterns of the researcher’s own, refusing a broken one, and finds the moments they mark', async () => {
    const own = tmp.path('stops.txt');
    writeFileSync(own, 'I: Stop where you like.\nC: Here. <<00:02:10>> She looked at the clock.\nI: And?\nC: <<00:07:45>> I went quiet.\n');
    expect((await dyad('import', file, '--dyad', '8', '--session', '1', '--role', 'client', own)).out).toMatch(/0 recall moments/);
    const broken = await dyad('settings', file, '--marker-pattern', '<<(\\d+:\\d\\d');
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/The marker pattern "<<\(\\d\+:\\d\\d" is not a valid regular expression/);
    const r = await dyad('settings', file, '--marker-pattern', '<<(\\d\\d:\\d\\d:\\d\\d)>>', '--find-moments', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.settings.customMarkerPatterns).toEqual(['<<(\\d\\d:\\d\\d:\\d\\d)>>']);
    expect(out.foundMoments).toMatchObject({ moments: 2, interviews: 1 });
    const a = JSON.parse((await dyad('align', file, '--dyad', '8', '--session', '1', '--json')).out);
    expect(a.rows.map((row: { sessionTime: number | null }) => row.sessionTime)).toEqual([null, 130, 465]);
    expect((await dyad('settings', file, '--no-marker-patterns')).out).toMatch(/Marker patterns: {3}\(none/);
  });

  it('reports unknown sessions and wrong usage with exit codes 1 and 2', async () => {
    const unknown = await dyad('align', file, '--dyad', '1', '--session', '7');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No session 7 for dyad 1 in .*study\.dyad\. Its sessions: dyad 1 session 1, dyad 1 session 2,/);
    expect((await dyad('align', file)).code).toBe(2);
    expect((await dyad('frobnicate')).code).toBe(2);
  });

  it('runs as `npx dyad` straight from the checkout, with no build step', () => {
    const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'dyad.js'), 'list', file, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).dyads.length).toBe(5);
    const viaNpx = execFileSync('npx', ['--no-install', 'dyad', '--help'], { cwd: appRoot(), encoding: 'utf8' });
    expect(viaNpx).toMatch(/^ +import +import transcripts/m);
    expect(readFileSync(join(appRoot(), 'package.json'), 'utf8')).toContain('"dyad": "bin/dyad.js"');
  });
});
