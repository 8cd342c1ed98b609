import type { StateCreator } from 'zustand';
import type { Memo, MemoTargetKind } from '../../../shared/coding/types';
import { call } from '../api/client';
import type { All } from './types';
import { isLeaving } from './writeQueue';

export interface MemoTarget {
  kind: MemoTargetKind;
  id: string | null;
  label: string;
  /** Open this memo first (when jumping from the Memos page). */
  memoId?: string;
}

/** The project's memos, and the memo dialog's subject while it is open. */
export interface MemosSlice {
  memos: Memo[];
  memosLoaded: boolean;
  memoTarget: MemoTarget | null;
  refreshMemos(): Promise<void>;
  openMemos(target: MemoTarget | null): void;
}

export const createMemosSlice: StateCreator<All, [], [], MemosSlice> = (set, get) => ({
  memos: [],
  memosLoaded: false,
  memoTarget: null,

  async refreshMemos() {
    try {
      set({ memos: await call('memos.list', {}), memosLoaded: true });
    } catch (e) {
      if (!isLeaving()) get().reportError(e, 'Could not read the memos');
    }
  },
  openMemos(target) {
    set({ memoTarget: target });
  },
});
