import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
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
  searchMemos(input: Input<'memos.search'>): Promise<Output<'memos.search'>>;
  /** Writes a memo: a new one on `target` when `memoId` is null, else that memo's new title and text. */
  saveMemo(memoId: string | null, target: MemoTarget, title: string, text: string): Promise<Memo>;
  deleteMemo(memoId: string): Promise<void>;
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
  searchMemos: (input) => call('memos.search', input),
  async saveMemo(memoId, target, title, text) {
    const memo = memoId
      ? await call('memos.update', { memoId, title, text })
      : await call('memos.create', { targetKind: target.kind, targetId: target.id, title, text });
    void get().refreshMemos();
    return memo;
  },
  async deleteMemo(memoId) {
    await call('memos.delete', { memoId });
    void get().refreshMemos();
  },
});
