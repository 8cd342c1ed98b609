import type { StateCreator } from 'zustand';
import type { Output } from '../../../shared/api/contract';
import type { Coder } from '../../../shared/coding/types';
import { call } from '../api/client';
import { messageOf } from '../api/errors';
import type { CoderFilter } from '../model/visible';
import type { All } from './types';
import { isLeaving } from './writeQueue';

type CoderSummary = Output<'coders.list'>[number];

/** Who is coding, the project's coders, and whose codings the view shows. */
export interface CoderSlice {
  coder: Coder | null;
  coders: CoderSummary[];
  coderFilter: CoderFilter;
  coderPrompt: { reason: string } | null;
  refreshCoders(): Promise<void>;
  /** Resolves with null when done, else the core's message. */
  chooseCoder(name: string): Promise<string | null>;
  /** Asks who is coding, then runs `then` (the action that needed a coder). */
  askCoder(reason: string, then?: () => void): void;
  cancelCoderPrompt(): void;
  setCoderFilter(patch: Partial<CoderFilter>): void;
}

/** The coder whose codings the codebook panel counts: the one coding, while the view shows only their codings. */
export function countedCoder(s: { coderFilter: CoderFilter; coder: Coder | null }): Coder | null {
  return s.coderFilter.mode === 'mine' ? s.coder : null;
}

let afterCoder: (() => void) | null = null;

export const createCoderSlice: StateCreator<All, [], [], CoderSlice> = (set, get) => ({
  coder: null,
  coders: [],
  coderFilter: { mode: 'mine', coderIds: null },
  coderPrompt: null,

  async refreshCoders() {
    try {
      const [coder, coders] = await Promise.all([call('coders.current', {}), call('coders.list', {})]);
      set({ coder, coders });
      if (countedCoder(get())?.id !== get().ownCounts?.coder.id) void get().refreshCodebooks();
    } catch (e) {
      if (!isLeaving()) get().reportError(e, 'Could not read the list of coders');
    }
  },
  async chooseCoder(name) {
    try {
      const coder = await call('coders.setCurrent', { name });
      set({ coder, coderPrompt: null });
      void get().refreshCoders();
      if (countedCoder(get())?.id !== get().ownCounts?.coder.id) void get().refreshCodebooks();
      const then = afterCoder;
      afterCoder = null;
      then?.();
      return null;
    } catch (e) {
      return messageOf(e);
    }
  },
  askCoder(reason, then) {
    afterCoder = then ?? null;
    set({ coderPrompt: { reason } });
  },
  cancelCoderPrompt() {
    afterCoder = null;
    set({ coderPrompt: null });
  },
  setCoderFilter(patch) {
    const before = countedCoder(get());
    set((s) => ({ coderFilter: { ...s.coderFilter, ...patch } }));
    if (countedCoder(get())?.id !== before?.id) void get().refreshCodebooks();
  },
});
