import type { StateCreator } from 'zustand';
import type { Output } from '../../../shared/api/contract';
import { ApiError, call, startJob } from '../api/client';
import { isCancelled, messageOf } from '../api/errors';
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
  /** A sync under way: how far it is (operations received or sent, of how many), and how to stop it. */
  labSyncProgress: { done: number; total: number; message: string } | null;
  labSyncCancel: (() => Promise<void>) | null;
  /** The refused change whose server value is being taken back, while it is. */
  labDiscarding: string | null;
  refreshLab(): Promise<void>;
  /** Drops a refused change and takes back the server's state for what it touched (team.discard). */
  discardRefused(id: string): Promise<void>;
  /** Sends this replica's changes and receives the team's; resolves true when it went through. */
  syncLab(): Promise<boolean>;
  /** Stops the sync under way: what was received stays, what was not yet sent goes with the next sync. */
  cancelLabSync(): Promise<void>;
}

/** The core says 'io' when the lab server could not be reached (electron/labServer/connect.ts connectionError). */
const unreachable = (e: unknown) => e instanceof ApiError && e.kind === 'io';

export const createLabSlice: StateCreator<All, [], [], LabSlice> = (set, get) => ({
  labStatus: undefined,
  labSyncing: false,
  labLastSync: null,
  labSyncError: null,
  labOfflineSince: null,
  labSyncProgress: null,
  labSyncCancel: null,
  labDiscarding: null,
  async discardRefused(id) {
    if (get().labDiscarding) return;
    set({ labDiscarding: id });
    try {
      await call('team.discard', { change: id });
    } catch (e) {
      get().reportError(e, "Could not take the server's value back");
    } finally {
      set({ labDiscarding: null });
      await get().refreshLab();
    }
  },
  async refreshLab() {
    try {
      set({ labStatus: await call('team.status', {}) });
    } catch (e) {
      get().reportError(e, 'Could not read the lab server status');
    }
  },
  async syncLab() {
    if (get().labSyncing) return false;
    set({ labSyncing: true, labSyncError: null, labSyncProgress: null });
    try {
      const job = startJob('team.sync', {}, (p) => set({ labSyncProgress: { done: p.done, total: p.total, message: p.message } }));
      set({ labSyncCancel: job.cancel });
      const r = await job.result;
      set({ labLastSync: r, labOfflineSince: null });
      await get().refreshLab();
      return true;
    } catch (e) {
      // A cancelled sync is not a failure to reach the server: the banner stays as it was.
      if (isCancelled(e)) {
        set({ labSyncError: messageOf(e) });
        await get().refreshLab();
        return true;
      }
      set((s) => ({ labSyncError: messageOf(e), labOfflineSince: unreachable(e) ? (s.labOfflineSince ?? new Date().toISOString()) : s.labOfflineSince }));
      // What this replica knows (pending, last sync) still shows; the members need the server.
      await get().refreshLab();
      return false;
    } finally {
      set({ labSyncing: false, labSyncProgress: null, labSyncCancel: null });
    }
  },
  async cancelLabSync() {
    try {
      await get().labSyncCancel?.();
    } catch (e) {
      get().reportError(e, 'Could not cancel the sync');
    }
  },
});
