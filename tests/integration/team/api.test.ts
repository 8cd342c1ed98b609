import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import type { ApiEvent } from '../../../shared/api/define';
import { teamMethods } from '../../../shared/api/methods/team';
import { dump, makeStudy, readableCodings, spanOf, type Study } from './fixture';

let study: Study;
let project: Project;
let bea: string;
const table = createHandlers();
let events: ApiEvent[] = [];
const jobs = new JobRegistry();

/** Calls the API as the IPC bridge and the HTTP server do: name and input as unknown, result as a value. */
async function call<T = any>(method: string, input: unknown = {}, emit?: (e: ApiEvent) => void): Promise<T> {
  const r = await dispatch(table, { project, jobs, emit: emit ?? ((e) => events.push(e)) }, method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
  return r.value as T;
}
async function fails(method: string, input: unknown, emit?: (e: ApiEvent) => void) {
  const r = await dispatch(table, { project, jobs, emit: emit ?? (() => {}) }, method, input);
  expect(r.ok).toBe(false);
  return (r as { error: { kind: string; message: string } }).error;
}

beforeAll(() => {
  study = makeStudy();
  bea = study.copy('bea.dyad');
  const p = Project.open(bea);
  C.setCurrentCoder(p.db, 'Bea');
  C.addCoding(p.db, { interviewId: study.clientId, ...spanOf(p.db, study.clientId, 'I felt small'), codeId: C.findCodeByPath(p.db, null, 'Shame')!.id });
  C.addCoding(p.db, { interviewId: study.clientId, ...spanOf(p.db, study.clientId, 'leave the room'), codeId: C.findCodeByPath(p.db, null, 'Rupture/Withdrawal')!.id });
  p.close();
  project = Project.open(study.copy('lead.dyad'));
  C.setCurrentCoder(project.db, 'Ann');
  C.addCoding(project.db, { interviewId: study.clientId, ...spanOf(project.db, study.clientId, 'I felt small, like a child'), codeId: C.findCodeByPath(project.db, null, 'Shame')!.id });
});
afterAll(() => {
  project.close();
  study.cleanup();
});

describe('the team API', () => {
  it('every team method is in the handler table', () => {
    for (const m of Object.keys(teamMethods)) expect(typeof (table as Record<string, unknown>)[m]).toBe('function');
  });

  it('merge: preview with progress, review, apply, undo — the lead’s way through a merge', async () => {
    const before = dump(project.db);
    const preview = await call('merge.preview', { path: bea, jobId: 'job-1' });
    expect(events.filter((e) => e.type === 'progress').map((e) => (e as { message: string }).message)).toContain('Comparing');
    expect(preview.summary.codings).toMatchObject({ added: 2, alreadyThere: 0 });
    const reviewed = await call('merge.review', { planId: preview.planId, choices: {} });
    expect(reviewed.summary).toEqual(preview.summary);
    events = [];
    const applied = await call('merge.apply', { planId: preview.planId, jobId: 'job-2' });
    expect(applied).toMatchObject({ changed: true, undoLabel: 'Merge bea.dyad' });
    expect(events.at(-1)).toEqual({ type: 'changed', what: expect.arrayContaining(['codings', 'codebooks', 'undo']) });
    expect(readableCodings(project.db)).toContain('D07_S1_client.txt | leave the room | Rupture/Withdrawal | Bea');
    expect(await call('merge.last')).toMatchObject({ label: 'Merge bea.dyad', canUndo: true });
    // A plan is used once.
    expect((await fails('merge.apply', { planId: preview.planId })).kind).toBe('not-found');
    await call('merge.undo');
    expect(dump(project.db)).toEqual(before);
  });

  it('merge: a file handed over as bytes (the browser), and a preview cancelled half-way', async () => {
    const preview = await call('merge.preview', { dataBase64: readFileSync(bea).toString('base64'), name: 'bea.dyad' });
    expect(preview.file).toBe('bea.dyad');
    expect(preview.summary.codings.added).toBe(2);
    expect((await fails('merge.preview', { path: bea, dataBase64: 'AA==' })).message).toMatch(/either path, or dataBase64 with name/);
    const cancel = (e: ApiEvent) => {
      if (e.type === 'progress') jobs.cancel(e.jobId);
    };
    const err = await fails('merge.preview', { path: bea, jobId: 'job-3' }, cancel);
    expect(err).toEqual({ kind: 'cancelled', message: 'The merge of bea.dyad was cancelled; nothing was changed.' });
  });

  it('agreement: report, disagreements and an export returned as bytes', async () => {
    const plan = await call('merge.preview', { path: bea });
    await call('merge.apply', { planId: plan.planId });
    const report = await call('agreement.report', { coders: ['Ann', 'Bea'], unit: 'char', jobId: 'job-4' });
    expect(report.codes.map((c: { path: string }) => c.path)).toEqual(['Rupture/Withdrawal', 'Shame']);
    expect(report.overall.percent).toBeGreaterThan(0.9);
    const d = await call('agreement.disagreements', { coders: ['Ann', 'Bea'], limit: 1 });
    expect(d.total).toBe(2);
    expect(d.items).toHaveLength(1);
    const file = await call('agreement.export', { coders: ['Ann', 'Bea'], format: 'csv' });
    expect(file).toMatchObject({ fileName: 'agreement-Ann-Bea.csv', mimeType: 'text/csv', path: null });
    expect(Buffer.from(file.dataBase64, 'base64').toString('utf8')).toContain('Rupture/Withdrawal,298,');
    expect((await fails('agreement.export', { coders: ['Ann', 'Bea'], format: 'csv', path: study.path('report.xlsx') })).message).toMatch(/does not end in \.csv/);
    expect((await fails('agreement.report', { coders: ['Ann'] })).kind).toBe('invalid-input');
  });

  it('consensus: build, list the pending disagreements, settle one', async () => {
    const built = await call('consensus.build', { coders: ['Ann', 'Bea'] });
    expect(built).toMatchObject({ coder: { name: 'Consensus (Ann+Bea)' }, added: 1, pending: 2 });
    expect(await call('consensus.list')).toHaveLength(1);
    const pending = await call('consensus.pending', { consensusCoderId: built.coder.id });
    const settled = await call('consensus.settle', { consensusCoderId: built.coder.id, disagreementId: pending.items[0].id, choice: 'include' });
    expect(settled).toMatchObject({ choice: 'include', pending: 1 });
    expect(settled.coding.coderName).toBe('Consensus (Ann+Bea)');
    expect((await fails('consensus.settle', { consensusCoderId: built.coder.id, disagreementId: 'nonsense', choice: 'include' })).kind).toBe('invalid-input');
  });
});
