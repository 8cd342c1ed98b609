import type { StateCreator } from 'zustand';
import { call } from '../api/client';
import { messageOf } from '../api/errors';
import { takeFirstAnswers } from '../firstScreen/firstCalls';
import { openingPlace } from '../model/navigatorRows';
import { rememberSession, sessionFromLocation } from '../util/location';
import type { All, ProjectSlice } from './types';

export const createProjectSlice: StateCreator<All, [], [], ProjectSlice> = (set, get) => ({
  info: null,
  tree: [],
  treeLoaded: false,
  expandedDyads: {},
  async loadProject() {
    try {
      // The page's first script asked already (firstScreen/): its answers, not a second round trip.
      const [info, tree] = await takeFirstAnswers();
      const asked = sessionFromLocation();
      // Open where the researcher was, as the first screen drew it (model/navigatorRows.ts).
      const { unfold, remembered } = openingPlace(tree, asked);
      set((s) => ({
        info,
        tree,
        treeLoaded: true,
        expandedDyads: Object.keys(s.expandedDyads).length === 0 && unfold ? { [unfold]: true } : s.expandedDyads,
      }));
      if (remembered) await get().openSession(remembered);
      else if (asked) rememberSession(null);
    } catch (e) {
      set({ treeLoaded: true });
      get().reportError(e, 'Could not open the project');
    }
  },
  async refreshTree() {
    try {
      const [info, tree] = await Promise.all([call('project.info', {}), call('dyads.navigator', {})]);
      set({ info, tree, treeLoaded: true });
      const open = get().sessionId;
      // The open session may have been removed elsewhere (another window, the command line).
      if (open && !tree.some((d) => d.sessions.some((s) => s.id === open))) get().closeGoneSession();
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
      return null;
    } catch (e) {
      return messageOf(e);
    }
  },

  async updateDyad(input) {
    await call('dyads.update', input);
    await get().refreshTree();
  },
  async updateSession(input) {
    await call('sessions.update', input);
    await get().refreshTree();
  },
  async setInterviewRole(interviewId, role) {
    await call('interviews.setRole', { interviewId, role });
    await get().refreshTree();
  },
  interviewUsage(interviewId) {
    return call('interviews.usage', { interviewId });
  },
  async deleteInterview(interviewId, sessionId) {
    const r = await call('interviews.delete', { interviewId });
    // Close the session on screen before the 'changed' event asks to reload it, so the view does not try to
    // read a session that is gone; the navigator's dialog says so itself, so no second note.
    if (r.sessionRemoved && get().sessionId === sessionId) get().closeGoneSession(false);
    await get().refreshTree();
    return r;
  },
  rescanMoments(apply) {
    return call('moments.rescan', { apply });
  },
  async diskUse() {
    const info = await call('project.info', {});
    set({ info });
    return info.disk;
  },
  compactProject() {
    return call('project.compact', {});
  },
});
