import type { StateCreator } from 'zustand';
import type { All, PageSlice } from './types';

/** Which workspace page is shown: 'session' (the dyad view) or a page of renderer/src/pages/list.ts. */
export const createPageSlice: StateCreator<All, [], [], PageSlice> = (set) => ({
  page: 'session',
  setPage: (page) => set({ page }),
});
