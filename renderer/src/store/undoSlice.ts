import type { StateCreator } from 'zustand';
import type { UndoState } from '../../../shared/coding/types';
import { call } from '../api/client';
import type { All } from './types';
import { enqueue, isLeaving, wrote } from './writeQueue';

/** Undo and redo of the project's changes, in the order they were made. */
export interface UndoSlice {
  undoState: UndoState;
  refreshUndo(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

const NO_UNDO: UndoState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

export const createUndoSlice: StateCreator<All, [], [], UndoSlice> = (set, get) => {
  const report = (e: unknown, context: string) => {
    if (!isLeaving()) get().reportError(e, context);
  };
  async function afterWrite(): Promise<void> {
    await Promise.all([get().refreshCodings(), get().refreshCodebooks(), get().refreshUndo()]);
  }

  return {
    undoState: NO_UNDO,

    async refreshUndo() {
      try {
        set({ undoState: await call('undo.state', {}) });
      } catch (e) {
        report(e, 'Could not read the undo history');
      }
    },
    async undo() {
      await enqueue(async () => {
        try {
          const r = await call('undo.undo', {});
          wrote();
          set({ undoState: r.state, selectedCodingId: null });
          await afterWrite();
          if (r.undone) get().notify('info', `Undone: ${r.undone}`);
        } catch (e) {
          report(e, 'Could not undo');
        }
      });
    },
    async redo() {
      await enqueue(async () => {
        try {
          const r = await call('undo.redo', {});
          wrote();
          set({ undoState: r.state, selectedCodingId: null });
          await afterWrite();
          if (r.redone) get().notify('info', `Redone: ${r.redone}`);
        } catch (e) {
          report(e, 'Could not redo');
        }
      });
    },
  };
};
