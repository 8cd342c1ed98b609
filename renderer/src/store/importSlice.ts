import type { StateCreator } from 'zustand';
import type { Input } from '../../../shared/api/contract';
import { startJob, type Job } from '../api/client';
import { fileSource } from '../api/upload';
import { isCancelled, messageOf } from '../api/errors';
import { dyadTitle } from '../util/names';
import type { All, ImportDraft, ImportSlice } from './types';

type CommitItem = Input<'import.commit'>['items'][number];

export function draftProblem(d: ImportDraft): string | null {
  if (!d.dyad.trim()) return 'enter the dyad';
  const n = Number(d.session);
  if (d.session.trim() === '' || !Number.isInteger(n) || n < 1) return 'enter the session number (1, 2, …)';
  return null;
}

const reset = {
  importStage: 'choose' as const,
  importFiles: [],
  preview: null,
  drafts: {},
  importJobId: null,
  importError: null,
};

export const createImportSlice: StateCreator<All, [], [], ImportSlice> = (set, get) => {
  /** Runs a job with its progress in the ui slice's job list, and forgets it when it settles. */
  async function runJob<T>(label: string, start: (onProgress: (done: number, total: number, message: string) => void) => Job<T>): Promise<T> {
    let jobId = '';
    const job = start((done, total, message) => get().updateJob(jobId, { done, total, message }));
    jobId = job.jobId;
    get().setJob(jobId, { label, done: 0, total: 0, message: label, cancel: job.cancel });
    set({ importJobId: jobId });
    try {
      return await job.result;
    } finally {
      get().endJob(jobId);
      if (get().importJobId === jobId) set({ importJobId: null });
    }
  }

  return {
    importOpen: false,
    ...reset,
    openImport() {
      set({ importOpen: true, ...reset });
    },
    closeImport() {
      const jobId = get().importJobId;
      if (jobId) void get().jobs[jobId]?.cancel().catch(() => {});
      set({ importOpen: false, ...reset });
    },
    async sourceOf(file) {
      return { ...(await fileSource(file)), name: file.name };
    },
    async previewFiles(files) {
      if (files.length === 0) return;
      set({ ...reset, importStage: 'reading', importFiles: files.map((f) => f.name) });
      try {
        const payload: ({ name: string } & ({ uploadId: string } | { dataBase64: string }))[] = [];
        for (const f of files) payload.push(await get().sourceOf(f));
        const preview = await runJob(`Reading ${files.length} file${files.length === 1 ? '' : 's'}`, (progress) =>
          startJob('import.preview', { files: payload }, (p) => progress(p.done, p.total, p.message)),
        );
        if (!get().importOpen) return;
        const drafts: Record<number, ImportDraft> = {};
        for (const it of preview.items) {
          drafts[it.index] = {
            include: it.ok,
            dyad: it.proposed?.dyad ?? '',
            session: it.proposed ? String(it.proposed.session) : '',
            role: it.proposed?.role ?? 'client',
            speakerRoles: Object.fromEntries(it.speakers.map((s) => [s.label, s.role])),
            speakerNames: {},
          };
        }
        set({ importStage: 'preview', preview, drafts });
      } catch (e) {
        if (!get().importOpen) return;
        // The dialog shows the message in its footer, beside the files it concerns.
        set({ importStage: 'choose', importError: isCancelled(e) ? 'Reading the files was cancelled.' : messageOf(e) });
      }
    },
    updateDraft(index, patch) {
      set((s) => {
        const d = s.drafts[index];
        return d ? { drafts: { ...s.drafts, [index]: { ...d, ...patch } }, importError: null } : {};
      });
    },
    setSpeakerRole(index, label, role) {
      set((s) => {
        const d = s.drafts[index];
        return d ? { drafts: { ...s.drafts, [index]: { ...d, speakerRoles: { ...d.speakerRoles, [label]: role } } } } : {};
      });
    },
    setSpeakerName(index, label, name) {
      set((s) => {
        const d = s.drafts[index];
        return d ? { drafts: { ...s.drafts, [index]: { ...d, speakerNames: { ...d.speakerNames, [label]: name } } } } : {};
      });
    },
    async commitImport() {
      const { preview, drafts } = get();
      if (!preview) return;
      const items: CommitItem[] = [];
      for (const it of preview.items) {
        const d = drafts[it.index];
        if (!d?.include || !it.ok) continue;
        const problem = draftProblem(d);
        if (problem) {
          set({ importError: `${it.name}: ${problem}.` });
          return;
        }
        // A name left empty or unchanged keeps the label the file gives.
        const speakerNames = Object.fromEntries(Object.entries(d.speakerNames).filter(([label, name]) => name.trim() && name.trim() !== label).map(([l, n]) => [l, n.trim()]));
        items.push({ index: it.index, dyad: d.dyad.trim(), session: Number(d.session), role: d.role, speakerRoles: d.speakerRoles, speakerNames });
      }
      if (items.length === 0) {
        set({ importError: 'Choose at least one file to import.' });
        return;
      }
      set({ importStage: 'committing', importError: null });
      try {
        const { interviewIds } = await runJob(`Importing ${items.length} file${items.length === 1 ? '' : 's'}`, (progress) =>
          startJob('import.commit', { stagingId: preview.stagingId, items }, (p) => progress(p.done, p.total, p.message)),
        );
        await get().refreshTree();
        // Unfold the dyads that received interviews so the researcher sees where they went.
        const touched = get().tree.filter((d) => d.sessions.some((s) => s.interviews.some((i) => interviewIds.includes(i.id))));
        for (const d of touched) get().toggleDyad(d.id, true);
        set({ importOpen: false, ...reset });
        const where = touched.map((d) => dyadTitle(d.name)).join(', ');
        get().notify('success', `Imported ${interviewIds.length} interview${interviewIds.length === 1 ? '' : 's'}${where ? ` into ${where}` : ''}.`);
      } catch (e) {
        if (!get().importOpen) return;
        set({ importStage: 'preview', importError: isCancelled(e) ? 'Import cancelled; nothing was written.' : `Nothing was imported. ${messageOf(e)}` });
      }
    },
    async cancelImportJob() {
      const jobId = get().importJobId;
      const job = jobId ? get().jobs[jobId] : undefined;
      if (!job) return;
      try {
        await job.cancel();
      } catch (e) {
        get().reportError(e, 'Could not cancel');
      }
    },
  };
};
