/**
 * The REFI-QDA calls as the app makes them (through the one dispatch every transport uses) and the `dyad qdpx` /
 * `dyad codebook --export/--import` commands.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { runCli } from '../../../electron/cli/main';
import { Project } from '../../../electron/core/project';
import { readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { openSafeZip } from '../../../electron/refi/zipRead';
import type { ApiEvent } from '../../../shared/api/define';
import { tempDir } from '../../helpers/tmp';
import { absent, CODEBOOK_XSD, FIXTURES, schemaErrors, tableCounts, zipFolder } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-api-');
afterAll(() => tmp.cleanup());

function api(project: Project) {
  const table = createHandlers();
  const events: ApiEvent[] = [];
  const env = { project, jobs: new JobRegistry(), emit: (e: ApiEvent) => events.push(e) };
  return { events, call: (method: string, input: unknown) => dispatch(table, env, method, input) as Promise<{ ok: boolean; value?: any; error?: any }> };
}

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

describe('refi.previewQdpx / refi.importQdpx', () => {
  let project: Project;
  let nvivo: string;
  beforeAll(async () => {
    project = Project.open(tmp.path('team.dyad'), { create: true });
    // A project with work in it already, and a coder who is also in the NVivo file.
    const study = generateStudy({ dyads: 1, sessions: 1, wordsPerInterview: 200, codingsPerInterview: 3 });
    writeSnapshotInto(project.db, { ...study, coders: [...study.coders, { id: 'c0000000-0000-4000-8000-000000000001', name: 'mira castellanos' }] });
    nvivo = await zipFolder(join(FIXTURES, 'nvivo'), tmp.path('Team NVivo.qdpx'));
  });
  afterAll(() => project.close());

  it('previews sources with proposed assignments from their names, before writing anything', async () => {
    const before = tableCounts(project.db);
    const { call } = api(project);
    const r = await call('refi.previewQdpx', { path: nvivo });
    expect(r.ok).toBe(true);
    const v = r.value;
    expect(v.positionUnit).toBe('utf16');
    expect(v.origin).toMatch(/^NVivo/);
    expect(v.sources.map((s: any) => [s.name, s.proposed, s.codings, s.fromDyad])).toEqual([
      ['D04_S1_client', { dyad: '4', session: 1, role: 'client' }, 5, false],
      ['D04_S1_therapist', { dyad: '4', session: 1, role: 'therapist' }, 2, false],
    ]);
    expect(v.codes).toBe(5);
    expect(v.users.map((u: any) => u.name)).toEqual(['Mira Castellanos', 'Tomasz Wieczorek']);
    expect(tableCounts(project.db)).toEqual(before);
  });

  it('reads the same file handed over as bytes (the browser’s way)', async () => {
    const { call } = api(project);
    const r = await call('refi.previewQdpx', { dataBase64: readFileSync(nvivo).toString('base64'), name: 'Team NVivo.qdpx' });
    expect(r.ok).toBe(true);
    expect(r.value.fileName).toBe('Team NVivo.qdpx');
    expect(r.value.codings).toBe(7);
  });

  it('insists that every source is assigned or skipped, and writes nothing until it is', async () => {
    const { call } = api(project);
    const preview = (await call('refi.previewQdpx', { path: nvivo })).value;
    const before = tableCounts(project.db);
    const r = await call('refi.importQdpx', { stagingId: preview.stagingId, assignments: [{ sourceId: preview.sources[0].id, dyad: '4', session: 1, role: 'client' }] });
    expect(r.ok).toBe(false);
    expect(r.error.message).toContain('"D04_S1_therapist"');
    const clash = await call('refi.importQdpx', {
      stagingId: preview.stagingId,
      assignments: preview.sources.map((s: any) => ({ sourceId: s.id, dyad: '4', session: 1, role: 'client' })),
    });
    expect(clash.ok).toBe(false);
    expect(clash.error.kind).toBe('conflict');
    expect(tableCounts(project.db)).toEqual(before);
  });

  it('imports into a project with work in it: coders matched by name, a new codebook named after the file', async () => {
    const { call, events } = api(project);
    const preview = (await call('refi.previewQdpx', { path: nvivo })).value;
    const before = readSnapshot(project.db);
    const r = await call('refi.importQdpx', {
      stagingId: preview.stagingId,
      assignments: [
        { sourceId: preview.sources[0].id, skip: true },
        { sourceId: preview.sources[1].id, dyad: '4', session: 1, role: 'therapist' },
      ],
    });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ codes: 5, codings: 2, coders: 1 });
    const after = readSnapshot(project.db);
    expect(after.coders.map((c) => c.name).sort()).toEqual(['Amara Osei', 'Jonas Lindqvist', 'Renée <Dubois> & "co"', 'Tomasz Wieczorek', 'mira castellanos'].sort());
    expect(after.codebooks.map((b) => b.name)).toEqual([...before.codebooks.map((b) => b.name), 'Team NVivo']);
    const therapist = after.interviews.find((i) => i.id === r.value.interviewIds[0])!;
    expect([therapist.dyad, therapist.session, therapist.role]).toEqual(['4', 1, 'therapist']);
    expect(after.codings.length).toBe(before.codings.length + 2);
    // Memos on the skipped interview and its codings are kept, as memos on the project.
    const memo = (title: string) => after.memos.find((m) => m.title === title)!;
    expect(memo('Recording quality')).toMatchObject({ targetKind: 'project', targetId: '' });
    expect(memo('Turning point')).toMatchObject({ targetKind: 'project', targetId: '' });
    expect(memo('Withdrawal: working definition').targetKind).toBe('code');
    expect(after.memos.length).toBe(before.memos.length + 3);
    expect(events.at(-1)).toMatchObject({ type: 'changed' });
    // The preview is used up.
    expect((await call('refi.importQdpx', { stagingId: preview.stagingId, assignments: [] })).error.kind).toBe('not-found');
  });
});

describe('refi.exportQdpx / refi.exportQdc / refi.importQdc', () => {
  let project: Project;
  beforeAll(() => {
    project = Project.open(tmp.path('export.dyad'), { create: true });
    writeSnapshotInto(project.db, generateStudy({ dyads: 2, sessions: 1, wordsPerInterview: 300, codingsPerInterview: 10 }));
  });
  afterAll(() => project.close());

  it('exports the project', async () => {
    const { call } = api(project);
    const r = await call('refi.exportQdpx', { path: tmp.path('out.qdpx') });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ sources: 4, codes: 9 });
    const zip = await openSafeZip(r.value.path, 'out.qdpx');
    // project.qde, 4 interviews, a text file per memo, dyad.json
    expect(zip.entries).toHaveLength(1 + 4 + readSnapshot(project.db).memos.length + 1);
    zip.close();
  });

  it.skipIf(absent(CODEBOOK_XSD, 'validating an exported .qdc against Codebook.xsd'))('exports a codebook that validates against Codebook.xsd', async () => {
    const book = readSnapshot(project.db).codebooks.find((b) => b.name === 'Relational processes')!;
    const out = await api(project).call('refi.exportQdc', { codebookId: book.id, path: tmp.path('relational-xsd.qdc') });
    expect(out.ok).toBe(true);
    expect(await schemaErrors(out.value.path, CODEBOOK_XSD)).toBe('');
  });

  it('exports a codebook that comes back the same', async () => {
    const { call } = api(project);
    const book = readSnapshot(project.db).codebooks.find((b) => b.name === 'Relational processes')!;
    const out = await call('refi.exportQdc', { codebookId: book.id, path: tmp.path('relational.qdc') });
    expect(out.ok).toBe(true);
    expect(out.value.codes).toBe(7);
    const back = await call('refi.importQdc', { path: out.value.path });
    expect(back.ok).toBe(true);
    expect(back.value).toMatchObject({ name: 'relational', codes: 7 });
    const s = readSnapshot(project.db);
    const fields = (id: string) =>
      s.codes
        .filter((c) => c.codebookId === id)
        .map((c) => ({
          path: [c.parentId && s.codes.find((p) => p.id === c.parentId)!.name, c.name].join('/'),
          ...{ color: c.color, definition: c.definition, inclusion: c.inclusion, exclusion: c.exclusion, example: c.example, shortcut: c.shortcut, position: c.position },
        }))
        .sort((a, b) => a.path.localeCompare(b.path));
    expect(fields(back.value.codebookId)).toEqual(fields(book.id));
  });

  it('refuses an empty codebook with a reason', async () => {
    project.db.prepare("INSERT INTO codebooks (id, name, created_at) VALUES ('cb-empty', 'Empty', 'now')").run();
    const r = await api(project).call('refi.exportQdc', { codebookId: 'cb-empty', path: tmp.path('empty.qdc') });
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/"Empty" has no codes yet/);
  });
});

describe('dyad qdpx and dyad codebook --export/--import', () => {
  it('exports and imports a whole project from the command line', async () => {
    const a = tmp.path('cli-a.dyad');
    const p = Project.open(a, { create: true });
    writeSnapshotInto(p.db, generateStudy({ dyads: 2, sessions: 1, wordsPerInterview: 300, codingsPerInterview: 10 }));
    const original = readSnapshot(p.db);
    p.close();
    const file = tmp.path('cli.qdpx');
    const ex = await cli(['qdpx', a, '--export', file]);
    expect(ex.code).toBe(0);
    expect(ex.out).toMatch(/Exported 4 interviews, 9 codes, \d+ codings and 6 memos/);

    const b = tmp.path('cli-b.dyad');
    Project.open(b, { create: true }).close();
    const im = await cli(['qdpx', b, '--import', file, '--json']);
    expect(im.code).toBe(0);
    const r = JSON.parse(im.out);
    expect(r).toMatchObject({ codes: 9, codings: original.codings.length, memos: 6, positionUnit: 'code-points' });
    const q = Project.open(b);
    const s = readSnapshot(q.db);
    q.close();
    expect(s.interviews.map((i) => `${i.dyad}/${i.session}/${i.role}`).sort()).toEqual(original.interviews.map((i) => `${i.dyad}/${i.session}/${i.role}`).sort());
  });

  it('lists the sources it cannot assign, and imports nothing', async () => {
    const b = tmp.path('cli-c.dyad');
    Project.open(b, { create: true }).close();
    const file = await zipFolder(join(FIXTURES, 'atlasti'), tmp.path('atlas.qdpx'));
    const im = await cli(['qdpx', b, '--import', file]);
    expect(im.code).toBe(1);
    expect(im.err).toContain('"Dyad 7 - session 2 - client"');
    const q = Project.open(b);
    expect(tableCounts(q.db).interviews).toBe(0);
    q.close();
  });

  it('exports and imports a codebook (.qdc)', async () => {
    const a = tmp.path('cli-d.dyad');
    const p = Project.open(a, { create: true });
    writeSnapshotInto(p.db, generateStudy({ dyads: 1, sessions: 1, wordsPerInterview: 100, codingsPerInterview: 2 }));
    p.close();
    const qdc = tmp.path('Pilot themes.qdc');
    expect((await cli(['codebook', a, '--export', qdc])).err).toMatch(/2 codebooks/);
    const ex = await cli(['codebook', a, '--export', qdc, '--codebook', 'pilot themes']);
    expect(ex.code).toBe(0);
    if (!absent(CODEBOOK_XSD, 'validating the .qdc that `dyad codebook --export` writes against Codebook.xsd')) {
      expect(await schemaErrors(qdc, CODEBOOK_XSD)).toBe('');
    }
    const im = await cli(['codebook', a, '--import', qdc]);
    expect(im.code).toBe(0);
    expect(im.out).toBe('Imported codebook "Pilot themes" with 2 codes');
  });

  it('reads a codebook written by another tool', async () => {
    const a = tmp.path('cli-e.dyad');
    Project.open(a, { create: true }).close();
    const qdc = tmp.path('From ATLAS.qdc');
    writeFileSync(
      qdc,
      `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 24">
  <Codes>
    <Code guid="{0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9}" name="Working alliance" isCodable="true" color="#4F8">
      <Description>Agreement on goals and tasks, and the bond.</Description>
      <Code guid="{1B2C3D4E-5F60-4182-93A4-B5C6D7E8F90A}" name="Bond" isCodable="true"/>
    </Code>
  </Codes>
  <Sets><Set guid="{2C3D4E5F-6071-4293-A4B5-C6D7E8F90A1B}" name="Alliance"><MemberCode guid="{0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9}"/></Set></Sets>
</CodeBook>`,
    );
    const im = await cli(['codebook', a, '--import', qdc, '--json']);
    expect(im.code).toBe(0);
    expect(JSON.parse(im.out)).toMatchObject({ name: 'From ATLAS', codes: 2 });
    expect(JSON.parse(im.out).warnings.join()).toMatch(/code set/);
    const q = Project.open(a);
    const s = readSnapshot(q.db);
    q.close();
    const alliance = s.codes.find((c) => c.name === 'Working alliance')!;
    expect(alliance).toMatchObject({ id: '0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9', color: '#44FF88', definition: 'Agreement on goals and tasks, and the bond.' });
    expect(s.codes.find((c) => c.name === 'Bond')!.parentId).toBe(alliance.id);
  });
});
