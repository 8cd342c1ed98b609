/**
 * The coding slice was split into slices that each own their interface (coder, codebook, codings, selection,
 * undo, memos). This file only keeps `MemoTarget` importable where components/memos/ still looks for it; those
 * files change on another branch, and this file goes once they import from './memosSlice'.
 */
export type { MemoTarget } from './memosSlice';
