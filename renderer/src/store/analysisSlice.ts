import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import { call } from '../api/client';
import type { All } from './types';

/** A passage to open in the dyad view: its session, its interview and the offsets (UTF-16) to highlight. */
interface PassageRef {
  sessionId: string;
  interviewId: string;
  start: number;
  end: number;
}

export interface AnalysisSlice {
  /** What each analysis page last showed (query, filters, results), so a jump to a passage and back keeps it. */
  analysisMemory: Record<string, unknown>;
  remember(key: string, value: unknown): void;
  /** Opens the passage's session, unfolds its dyad, scrolls to the passage and keeps it highlighted. */
  jumpTo(ref: PassageRef): Promise<void>;
  /** Full-text search of the transcripts (one page of hits). */
  searchText(input: Input<'search.text'>): Promise<Output<'search.text'>>;
  /** A code's excerpts, alone or combined with another code (one page). */
  retrieveExcerpts(input: Input<'analysis.retrieve'>): Promise<Output<'analysis.retrieve'>>;
  /** Codes by role or by dyad: the counts of the matrix view. */
  codeMatrix(input: Input<'analysis.matrix'>): Promise<Output<'analysis.matrix'>>;
}

export const createAnalysisSlice: StateCreator<All, [], [], AnalysisSlice> = (set, get) => ({
  analysisMemory: {},
  searchText: (input) => call('search.text', input),
  retrieveExcerpts: (input) => call('analysis.retrieve', input),
  codeMatrix: (input) => call('analysis.matrix', input),
  remember(key, value) {
    set((s) => ({ analysisMemory: { ...s.analysisMemory, [key]: value } }));
  },
  async jumpTo(ref) {
    const s = get();
    const dyad = s.tree.find((d) => d.sessions.some((x) => x.id === ref.sessionId));
    if (dyad) s.toggleDyad(dyad.id, true);
    try {
      await s.openSession(ref.sessionId);
      await get().refreshCodings();
      const text = get().detail?.interviews.find((i) => i.id === ref.interviewId)?.text.slice(ref.start, ref.end) ?? '';
      // A kept (not live) selection is drawn by the view itself: the passage stays marked after the jump.
      get().setSelection({ interviewId: ref.interviewId, start: ref.start, end: ref.end, text, live: false });
      get().revealOffset(ref.interviewId, ref.start);
    } catch (e) {
      get().reportError(e, 'Could not open the passage');
    }
  },
});
