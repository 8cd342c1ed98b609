/**
 * The browser's half of the one save model: the calls that write a file at a path (REFI-QDA project and codebook,
 * the codebook document, the concordance table) return its bytes when no path is given, leave nothing on disk,
 * and say clearly what is wrong with a path they cannot use.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { Project } from '../../../electron/core/project';
import { createDemoProjectAt } from '../../../electron/core/demo';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('dyad-save-bytes-');
afterAll(() => tmp.cleanup());

type Answer = { ok: boolean; value?: any; error?: { kind: string; message: string } };

describe('exports as bytes for the browser', () => {
  let project: Project;
  let call: (method: string, input: unknown) => Promise<Answer>;
  beforeAll(async () => {
    project = Project.open(await createDemoProjectAt(tmp.path('Demo study.dyad'), { coding: true }));
    const table = createHandlers();
    const env = { project, jobs: new JobRegistry(), emit: () => {} };
    call = (method, input) => dispatch(table, env, method, input) as Promise<Answer>;
  });
  afterAll(() => project.close());

  const scratch = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`dyad-scratch-${process.pid}-download`));

  it('returns the .qdpx as bytes, named after the project, and keeps no scratch copy', async () => {
    const r = await call('refi.exportQdpx', {});
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ fileName: 'Demo study.qdpx', mimeType: 'application/zip', path: null, sources: 12 });
    const bytes = Buffer.from(r.value.dataBase64, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const back = await call('refi.previewQdpx', { dataBase64: r.value.dataBase64, name: r.value.fileName });
    expect(back.value.sources).toHaveLength(12);
    expect(scratch()).toEqual([]);
  });

  it('returns a codebook as .qdc or as a Word or Markdown table; without a path it needs a format', async () => {
    const books = (await call('codebooks.list', {})).value as { id: string; name: string }[];
    const qdc = await call('refi.exportQdc', { codebookId: books[0]!.id });
    expect(qdc.value).toMatchObject({ fileName: `${books[0]!.name}.qdc`, path: null, codes: 9 });
    expect(Buffer.from(qdc.value.dataBase64, 'base64').toString('utf8')).toContain('<CodeBook');
    const md = await call('codebooks.exportDocument', { codebookId: books[0]!.id, format: 'md' });
    expect(md.value).toMatchObject({ fileName: `Codebook ${books[0]!.name}.md`, path: null });
    expect(Buffer.from(md.value.dataBase64, 'base64').toString('utf8')).toMatch(/Alliance rupture/);
    const neither = await call('codebooks.exportDocument', { codebookId: books[0]!.id });
    expect(neither.ok).toBe(false);
    expect(neither.error!.message).toMatch(/give the path to write, or the format/);
  });

  it('writes the concordance table with its totals, and refuses a path of another kind naming it', async () => {
    const out = tmp.path('concordance.xlsx');
    const r = await call('analysis.exportConcordance', { format: 'xlsx', path: out });
    expect(r.value).toMatchObject({ path: out, fileName: 'concordance.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('Concordance')!;
    const codes = ((await call('analysis.concordance', {})).value.codes as { both: number; clientOnly: number; therapistOnly: number; unpairedClient: number; unpairedTherapist: number }[]).filter(
      (c) => c.both + c.clientOnly + c.therapistOnly + c.unpairedClient + c.unpairedTherapist > 0,
    );
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('All codes');
    expect(sheet.getRow(sheet.rowCount).getCell(2).value).toBe(codes.reduce((n, c) => n + c.both, 0));
    const wrong = await call('analysis.exportConcordance', { format: 'csv', path: tmp.path('concordance.xlsx') });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(wrong.error!.message).toContain('concordance.xlsx');
    const csv = await call('analysis.exportConcordance', { format: 'csv' });
    const text = Buffer.from(csv.value.dataBase64, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFCode,Both sides,Client only,Therapist only,Share on both sides,Unpaired client,Unpaired therapist');
    expect(text).not.toMatch(/agreement/i);
  });
});
