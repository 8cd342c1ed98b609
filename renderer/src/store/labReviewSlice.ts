import type { StateCreator } from 'zustand';
import type { Output } from '../../../shared/api/contract';
import { call } from '../api/client';
import type { All } from './types';

type LabConflict = Output<'team.conflicts'>[number];

/** The lead's review on the lab server: changes of the same field of a code by two leads who had not seen each other's. */
export interface LabReviewSlice {
  /** The open ones; null until asked. */
  labConflicts: LabConflict[] | null;
  refreshLabConflicts(): Promise<void>;
  /** Keeps one side; the choice is sent with the next sync. Resolves true when it was kept. */
  resolveLabConflict(id: number, keep: 'earlier' | 'later'): Promise<boolean>;
}

export const createLabReviewSlice: StateCreator<All, [], [], LabReviewSlice> = (set, get) => ({
  labConflicts: null,
  async refreshLabConflicts() {
    try {
      set({ labConflicts: await call('team.conflicts', {}) });
    } catch (e) {
      get().reportError(e, 'Could not read the changes to review');
    }
  },
  async resolveLabConflict(id, keep) {
    try {
      await call('team.resolve', { id, keep });
      await get().refreshLabConflicts();
      await get().refreshLab();
      return true;
    } catch (e) {
      get().reportError(e, 'Could not keep that choice');
      return false;
    }
  },
});
