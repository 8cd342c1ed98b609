/**
 * `dyad qdpx --import` of another tool's project through the app's own preview and assignment calls: a preview
 * with --dry-run, sources placed with --assign or left out with --skip, a source without a place refused by name
 * with nothing written, and every warning printed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { FIXTURES, zipFolder } from '../refi/helpers';
import { dyad } from '../../helpers/cli';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let atlas = '';
let nvivo = '';

const dyads = async (file: string) => JSON.parse((await dyad('list', file, '--json')).out).dyads as { name: string; sessions: { number: number; interviews: { role: string; sourceName: string }[] }[] }[];
const fresh = async (name: string) => {
  const file = tmp.path(name);
  expect((await dyad('new', file)).code).toBe(0);
  return file;
};

beforeAll(async () => {
  atlas = await zipFolder(join(FIXTURES, 'atlasti'), tmp.path('atlas.qdpx'));
  nvivo = await zipFolder(join(FIXTURES, 'nvivo'), tmp.path('nvivo.qdpx'));
});

describe('dyad qdpx --import', () => {
  it('--dry-run shows each source with its words, codings and proposed place (or none), the position unit and the warnings; writes nothing', async () => {
    const file = await fresh('dry.dyad');
    const r = await dyad('qdpx', file, '--import', atlas, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^atlas\.qdpx( \(from [^)]+\))?: 1 source, \d+ codes?, \d+ codings?, \d+ memos?$/m);
    expect(r.out).toMatch(/^Positions counted in (Unicode code points|UTF-16 code units)\.$/m);
    expect(r.out).toMatch(/^ {2}"Dyad 7 - session 2 - client" {2}\d+ words, \d+ codings? {2}→ none — give --assign or --skip$/m);
    expect(r.out).toMatch(/1 source without a place\. Dry run: nothing was written\./);
    const j = JSON.parse((await dyad('qdpx', file, '--import', atlas, '--dry-run', '--json')).out);
    expect(j).toMatchObject({ fileName: 'atlas.qdpx', dryRun: true, unassigned: ['Dyad 7 - session 2 - client'] });
    expect(j.sources[0]).toMatchObject({ name: 'Dyad 7 - session 2 - client', proposed: null, assigned: null, skip: false });
    expect(j.sources[0].wordCount).toBeGreaterThan(10);
    expect(['code-points', 'utf16']).toContain(j.positionUnit);
    // Every warning of the preview is printed, one per line, naming the file.
    const printed = r.err.split('\n').filter(Boolean);
    expect(printed).toEqual(j.warnings.map((w: string) => `warning: atlas.qdpx: ${w.replace(/^atlas\.qdpx: /, '')}`));
    expect(printed.length).toBeGreaterThan(0);
    expect(await dyads(file)).toEqual([]);
  });

  it('refuses a source left without a place by name, and writes nothing', async () => {
    const file = await fresh('refused.dyad');
    const r = await dyad('qdpx', file, '--import', atlas);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/atlas\.qdpx: no dyad, session and role for "Dyad 7 - session 2 - client"; give --assign/);
    expect(r.err).toContain('Nothing was imported.');
    expect(await dyads(file)).toEqual([]);
    const unknown = await dyad('qdpx', file, '--import', atlas, '--assign', 'Dyad 8=8/1/client');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/atlas\.qdpx has no source "Dyad 8" \(--assign\)\. Its sources: "Dyad 7 - session 2 - client"/);
    expect((await dyad('qdpx', file, '--import', atlas, '--assign', 'Dyad 7 - session 2 - client=7/two/client')).code).toBe(2);
  });

  it('--assign places a source; its codings come with it', async () => {
    const file = await fresh('assigned.dyad');
    const r = await dyad('qdpx', file, '--import', atlas, '--assign', 'Dyad 7 - session 2 - client=D07/2/client', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.interviewIds).toHaveLength(1);
    expect(out.codings).toBeGreaterThan(0);
    const d = await dyads(file);
    expect(d.map((x) => x.name)).toEqual(['D07']);
    expect(d[0]!.sessions[0]).toMatchObject({ number: 2, interviews: [{ role: 'client', sourceName: 'Dyad 7 - session 2 - client' }] });
  });

  it('--skip leaves a source out; the others keep the place their names propose', async () => {
    const file = await fresh('skipped.dyad');
    const dry = JSON.parse((await dyad('qdpx', file, '--import', nvivo, '--dry-run', '--json', '--skip', 'D04_S1_therapist')).out);
    expect(dry.sources.map((s: { name: string; skip: boolean; assigned: unknown }) => [s.name, s.skip, s.assigned])).toEqual([
      ['D04_S1_client', false, { dyad: '4', session: 1, role: 'client' }],
      ['D04_S1_therapist', true, null],
    ]);
    const r = await dyad('qdpx', file, '--import', nvivo, '--skip', 'D04_S1_therapist');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Imported D04_S1_client → dyad 4, session 1, client$/m);
    expect(r.out).not.toContain('D04_S1_therapist');
    const d = await dyads(file);
    expect(d[0]!.sessions[0]!.interviews.map((i) => i.sourceName)).toEqual(['D04_S1_client']);
  });
});
