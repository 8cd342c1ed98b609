/** The coding core: coders, codebooks, codes, codings, memos, undo/redo and transcript corrections. */
export * from './coders';
export * from './codebooks';
export * from './codes';
export * from './codeMerge';
export * from './codePaths';
export * from './codings';
export * from './memos';
export * from './corrections';
export { undoable, undoState, clearUndoHistory, markReindex, UNDO_LIMIT } from './undo';
// Undo and redo refuse a step the team's changes made stale (undoOutside.ts).
export { undo, redo, applyOutsideHistory } from './undoOutside';
export { getCode, descendantIds } from './rows';
export { reindexInterviewTurns } from './searchIndex';
