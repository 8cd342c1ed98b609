import type { StateCreator } from 'zustand';
import type { All } from './types';

/** The passage selected in the view. `live` is false once the browser's own selection is gone (a click in the
 * codebook, a code applied): the view then draws it itself, so the next code still knows where to go. */
export interface ViewSelection {
  interviewId: string;
  start: number;
  end: number;
  text: string;
  live: boolean;
}

/** What the researcher points at in the dyad view: a passage, a coding, a turn being corrected, a place to show. */
export interface SelectionSlice {
  selection: ViewSelection | null;
  selectedCodingId: string | null;
  /** The turn segment being corrected in the Lexical editor (its interview and the segment's start). */
  editingTurn: { interviewId: string; start: number } | null;
  /** A passage the view should scroll to (after a jump); seq makes a repeated jump scroll again. */
  reveal: { interviewId: string; offset: number; seq: number } | null;
  setSelection(selection: ViewSelection | null): void;
  selectCoding(codingId: string | null): void;
  editTurn(edit: { interviewId: string; start: number } | null): void;
  revealOffset(interviewId: string, offset: number): void;
}

let revealSeq = 0;

export const createSelectionSlice: StateCreator<All, [], [], SelectionSlice> = (set, get) => ({
  selection: null,
  selectedCodingId: null,
  editingTurn: null,
  reveal: null,

  setSelection(selection) {
    const cur = get().selection;
    if (
      cur === selection ||
      (cur && selection && cur.interviewId === selection.interviewId && cur.start === selection.start && cur.end === selection.end && cur.live === selection.live)
    ) {
      return;
    }
    set({ selection });
  },
  selectCoding(codingId) {
    if (get().selectedCodingId !== codingId) set({ selectedCodingId: codingId });
  },
  editTurn(edit) {
    set({ editingTurn: edit });
  },
  revealOffset(interviewId, offset) {
    set({ reveal: { interviewId, offset, seq: ++revealSeq } });
  },
});
