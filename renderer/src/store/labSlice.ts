import type { StateCreator } from 'zustand';
import type { Output } from '../../../shared/api/contract';
import { ApiError, call } from '../api/client';
import { messageOf } from '../api/errors';
import type { All } from './types';

type LabStatus = Output<'team.status'>;
type LabSyncResult = Output<'team.sync'>;

export interface LabSlice {
  /** Undefined until asked; null when the project is not on a lab server. */
  labStatus: LabStatus | undefined;
  labSyncing: boolean;
  /** The last sync's answer, or its failure in the core's words. */
  labLastSync: LabSyncResult | null;
  labSyncError: string | null;
  /**
   * When a sync first failed because the server could not be reached (ISO time); cleared by the next sync that
   * goes through. The app frame shows a banner while it is set.
   */
  labOfflineSince: string | null;
  refreshLab(): Promise<void>;
  /** Sends this replica's changes and receives the team's; resolves true when it went through. */
  syncLab(): Promise<boolean>;
}

/** The core says 'io' when the lab server could not be reached (electron/labServer/connect.ts connectionError). */
const unreachable = (e: unknown) => e instanceof ApiError && e.kind === 'io';

export const createLabSlice: StateCreator<All, [], [], LabSlice> = (set, get) => ({
  labStatus: undefined,
  labSyncing: false,
  labLastSync: null,
  labSyncError: null,
  labOfflineSince: null,
  async refreshLab() {
    try {
      set({ labStatus: await call('team.status', {}) });
    } catch (e) {
      get().reportError(e, 'Could not read the lab server status');
    }
  },
  async syncLab() {
    if (get().labSyncing) return false;
    set({ labSyncing: true, labSyncError: null });
    try {
      const r = await call('team.sync', {});
      set({ labLastSync: r, labOfflineSince: null });
      await get().refreshLab();
      return true;
    } catch (e) {
      set((s) => ({ labSyncError: messageOf(e), labOfflineSince: unreachable(e) ? (s.labOfflineSince ?? new Date().toISOString()) : s.labOfflineSince }));
      // What this replica knows (pending, last sync) still shows; the members need the server.
      await get().refreshLab();
      return false;
    } finally {
      set({ labSyncing: false });
    }
  },
});
