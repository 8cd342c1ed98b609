/** The coding core: coders, codebooks, codes, codings, memos, undo/redo and transcript corrections. */
export * from './coders';
export * from './codebooks';
export * from './codes';
export * from './codeMerge';
export * from './codePaths';
export * from './codings';
export * from './memos';
export * from './corrections';
export { undoable, undo, redo, undoState, clearUndoHistory, markReindex, UNDO_LIMIT } from './undo';
export { getCode, descendantIds } from './rows';
export { reindexInterviewTurns } from './searchIndex';
