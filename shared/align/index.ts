export { alignUnits, alignWithReport } from './align';
export type { AlignmentReport, AlignmentRow, AlignUnit, IgnoredDecision, IgnoredReason, ManualDecision } from './types';
