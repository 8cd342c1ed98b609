/** Merging projects and codebooks: the pure planner (no files, no database). */
export { planMerge, resolveMerge, checkSnapshot } from './plan';
export { applyToSnapshot } from './apply';
export { normaliseName, normaliseText, collapseSpaces } from './normalise';
export { TextMap } from './textMap';
export { derivedId } from './ids';
export type * from './types';
