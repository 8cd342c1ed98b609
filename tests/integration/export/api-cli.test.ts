import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { runCli } from '../../../electron/cli/main';
import type { ApiEvent } from '../../../shared/api/define';
import { exportMethods } from '../../../shared/api/methods/export';
import { openStudy, type Study } from './fixture';
import { readXlsx } from './readXlsx';
import { readDocx, type DocxParagraph, type DocxTable } from './readDocx';

let s: Study;
let events: ApiEvent[];
const table = createHandlers();
beforeEach(() => {
  s = openStudy();
  events = [];
});
afterEach(() => s.close());

async function call(method: string, input: unknown) {
  return dispatch(table, { project: s.project, jobs: new JobRegistry(), emit: (e) => events.push(e) }, method, input);
}
async function ok<T = any>(method: string, input: unknown = {}): Promise<T> {
  const r = await call(method, input);
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

describe('the export API', () => {
  it('every export method is in the handler table', () => {
    for (const m of Object.keys(exportMethods)) expect(typeof (table as Record<string, unknown>)[m]).toBe('function');
  });

  it('writes a file to the path from the save dialog, reporting progress under the job id', async () => {
    const path = join(s.dir, 'shame.docx');
    const r = await ok('export.excerpts', { format: 'docx', codeIds: [s.ids.shame], includeMemos: true, path, jobId: 'job-1' });
    expect(r).toMatchObject({ path, fileName: 'shame.docx', excerptCount: 3, dataBase64: null });
    expect(r.size).toBe(readFileSync(path).byteLength);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((e) => e.type === 'progress' && e.jobId === 'job-1')).toBe(true);
    // An export changes nothing, so no 'changed' event.
    expect(events.some((e) => e.type === 'changed')).toBe(false);
  });

  it('returns the bytes when there is no path (browser build)', async () => {
    const r = await ok('export.dialogue', { format: 'docx', codeIds: [s.ids.rupture], filters: { dyadIds: [s.ids.dyad4] } });
    expect(r.path).toBeNull();
    expect(r.fileName).toBe('Dialogue Alliance Rupture.docx');
    const { blocks } = await readDocx(Buffer.from(r.dataBase64, 'base64'));
    const tables = blocks.filter((b): b is DocxTable => b.kind === 'table');
    expect(tables).toHaveLength(2);
    expect(blocks.filter((b): b is DocxParagraph => b.kind === 'p' && b.style === 'Heading2').map((p) => p.text)).toEqual([
      'Dyad 4 · Session 1 · 00:12:34',
      'Dyad 4 · Session 1 · 00:20:00',
    ]);
  });

  it('refuses what does not fit: an unknown code, a csv dialogue, no code', async () => {
    const unknown = await call('export.excerpts', { format: 'md', codeIds: ['nope'] });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const csv = await call('export.dialogue', { format: 'csv', codeIds: [s.ids.rupture] });
    expect(csv).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const empty = await call('export.excerpts', { format: 'md', codeIds: [] });
    expect(empty).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('gets and sets the attribution template and the de-identification list', async () => {
    const initial = await ok('export.settings.get');
    expect(initial).toMatchObject({
      attributionTemplate: '({role}, dyad {dyad}, session {session}, {sessionTime})',
      defaultAttributionTemplate: '({role}, dyad {dyad}, session {session}, {sessionTime})',
      deidentify: [],
    });
    expect(initial.fields).toEqual(expect.arrayContaining(['role', 'dyad', 'sessionTime', 'coder', 'date', 'attributes.Age', 'attributes.modality']));

    const bad = await call('export.settings.set', { attributionTemplate: '({role}, {clinic})' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(!bad.ok && bad.error.message).toMatch(/unknown field \{clinic\}/);

    const set = await ok('export.settings.set', { attributionTemplate: '({role} {dyad}, {coder})', deidentify: [{ name: ' Anna  Maria ', replacement: 'the therapist' }] });
    expect(set.attributionTemplate).toBe('({role} {dyad}, {coder})');
    expect(set.deidentify).toEqual([{ name: 'Anna Maria', replacement: 'the therapist' }]);
    expect(events).toContainEqual({ type: 'changed', what: ['exportSettings'] });
    // Only what was given changes.
    const again = await ok('export.settings.set', { attributionTemplate: '{dyad}' });
    expect(again.deidentify).toEqual([{ name: 'Anna Maria', replacement: 'the therapist' }]);

    await ok('export.settings.set', { attributionTemplate: '({role} {dyad}, {coder})' });
    const md = await ok('export.excerpts', { format: 'md', codeIds: [s.ids.shame], filters: { coderIds: [s.ids.ana] } });
    const text = Buffer.from(md.dataBase64, 'base64').toString('utf8');
    expect(text).toContain('> I could not make eye contact with the therapist. I felt about six years old.\n\n(client 4, Ana)');
  });
});

describe('dyad export', () => {
  async function dyad(...args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  }

  it('exports chosen codes with filters to xlsx, and a dialogue to docx', async () => {
    s.project.close();
    const xlsx = join(s.dir, 'client shame.xlsx');
    const r = await dyad('export', s.path, '--format', 'xlsx', '--code', 'shame', '--role', 'client', '--dyad', '4', '--session', '1', '--coder', 'ben', '--out', xlsx);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Exported 1 excerpt to .*client shame\.xlsx \(\d+(\.\d)? KB\)\n$/);
    const wb = await readXlsx(xlsx);
    const ws = wb.getWorksheet('Excerpts')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(12).value).toBe("she is bored of me, like Mr. O'Brien at school");

    const docx = join(s.dir, 'dialogue.docx');
    const d = await dyad('export', s.path, '--format', 'docx', '--dialogue', '--code', 'Alliance/Rupture', '--attr', 'modality=In Person', '--out', docx, '--json');
    expect(d.code).toBe(0);
    expect(JSON.parse(d.out)).toMatchObject({ path: docx, excerptCount: 2 });
    const tables = (await readDocx(readFileSync(docx))).blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(2);
  });

  it('exports every code when none is named, and explains wrong usage and unknown names', async () => {
    s.project.close();
    const md = join(s.dir, 'all.md');
    expect((await dyad('export', s.path, '--format', 'md', '--memos', '--out', md)).code).toBe(0);
    const text = readFileSync(md, 'utf8');
    // In codebook order, parents before their children.
    expect(text.match(/^## .*$/gm)).toEqual(['## Alliance', '## Alliance/Rupture', '## Shame', '## Repair']);
    expect(text).toContain('*Memo:* Scope: Only the self, not the scene.');

    expect((await dyad('export', s.path, '--format', 'pdf', '--out', join(s.dir, 'x.pdf'))).code).toBe(2);
    expect((await dyad('export', s.path, '--format', 'csv', '--dialogue', '--out', join(s.dir, 'x.csv'))).code).toBe(2);
    expect((await dyad('export', s.path, '--format', 'md')).code).toBe(2);
    const unknown = await dyad('export', s.path, '--format', 'md', '--code', 'Trust', '--out', join(s.dir, 'x.md'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/study\.dyad has no code "Trust"/);
    const coder = await dyad('export', s.path, '--format', 'md', '--coder', 'Zed', '--out', join(s.dir, 'x.md'));
    expect(coder.err).toMatch(/has no coder "Zed"\. Its coders: /);
    const wrongExt = await dyad('export', s.path, '--format', 'docx', '--out', join(s.dir, 'x.doc'));
    expect(wrongExt.code).toBe(1);
    expect(wrongExt.err).toContain(`Cannot write ${join(s.dir, 'x.doc')}: a Word export must be saved as a .docx file.`);
    const missing = await dyad('export', s.path, '--format', 'csv', '--out', join(s.dir, 'gone', 'x.csv'));
    expect(missing.err).toContain(`Cannot write ${join(s.dir, 'gone', 'x.csv')}: the folder ${join(s.dir, 'gone')} does not exist.`);
    expect(existsSync(join(s.dir, 'x.md'))).toBe(false);
    expect(readdirSync(s.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
