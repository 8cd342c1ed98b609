import type { StateCreator } from 'zustand';
import { call } from '../api/client';
import type { All, ProjectSlice } from './types';

export const createProjectSlice: StateCreator<All, [], [], ProjectSlice> = (set, get) => ({
  info: null,
  tree: [],
  treeLoaded: false,
  expandedDyads: {},
  async loadProject() {
    try {
      const [info, tree] = await Promise.all([call('project.info', {}), call('dyads.list', {})]);
      set((s) => ({
        info,
        tree,
        treeLoaded: true,
        // A small study opens with its first dyad unfolded, so the first thing one sees is a session to open.
        expandedDyads: Object.keys(s.expandedDyads).length === 0 && tree[0] ? { [tree[0].id]: true } : s.expandedDyads,
      }));
    } catch (e) {
      set({ treeLoaded: true });
      get().reportError(e, 'Could not open the project');
    }
  },
  async refreshTree() {
    try {
      const [info, tree] = await Promise.all([call('project.info', {}), call('dyads.list', {})]);
      set({ info, tree, treeLoaded: true });
      const open = get().sessionId;
      // The open session may have been removed elsewhere (another window, the command line).
      if (open && !tree.some((d) => d.sessions.some((s) => s.id === open))) set({ sessionId: null, detail: null, alignment: null, viewStatus: 'idle' });
    } catch (e) {
      get().reportError(e, 'Could not refresh the list of dyads');
    }
  },
  toggleDyad(dyadId, open) {
    set((s) => ({ expandedDyads: { ...s.expandedDyads, [dyadId]: open ?? !s.expandedDyads[dyadId] } }));
  },
  async updateSettings(patch) {
    try {
      const settings = await call('project.updateSettings', patch);
      set((s) => ({ info: s.info ? { ...s.info, settings } : s.info }));
      await get().refreshAlignment();
      return true;
    } catch (e) {
      get().reportError(e, 'Could not save the settings');
      return false;
    }
  },
});
