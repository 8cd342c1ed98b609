import type { StateCreator } from 'zustand';
import { isCancelled, messageOf } from '../api/errors';
import { storedNavFolded, storeNavFolded } from '../util/navFolded';
import type { All, UiSlice } from './types';

let nextToastId = 1;
const MAX_TOASTS = 4;

export const createUiSlice: StateCreator<All, [], [], UiSlice> = (set, get) => ({
  toasts: [],
  notify(tone, message) {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts, { id, tone, message }].slice(-MAX_TOASTS) }));
    // Errors stay until dismissed: a researcher must be able to read which file failed.
    if (tone !== 'error') setTimeout(() => get().dismissToast(id), 5000);
  },
  reportError(e, context) {
    if (isCancelled(e)) {
      get().notify('info', messageOf(e));
      return;
    }
    console.error(context ?? 'Dyad', e);
    get().notify('error', context ? `${context}: ${messageOf(e)}` : messageOf(e));
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  jobs: {},
  setJob(jobId, progress) {
    set((s) => ({ jobs: { ...s.jobs, [jobId]: progress } }));
  },
  updateJob(jobId, progress) {
    set((s) => {
      const job = s.jobs[jobId];
      return job ? { jobs: { ...s.jobs, [jobId]: { ...job, ...progress } } } : {};
    });
  },
  endJob(jobId) {
    set((s) => {
      const { [jobId]: _gone, ...rest } = s.jobs;
      return { jobs: rest };
    });
  },
  settingsOpen: false,
  setSettingsOpen(open) {
    set({ settingsOpen: open });
  },
  navFolded: storedNavFolded(),
  setNavFolded(folded) {
    set({ navFolded: folded });
    storeNavFolded(folded);
  },
});
