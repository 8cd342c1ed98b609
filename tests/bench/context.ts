import type { Report } from './report';
import type { StudyShape } from './synthetic';

/** small: a quick run; full: the issues' study (400 interviews); large: four times it (issue 17, linearity). */
export type BenchScale = 'small' | 'full' | 'large';

export interface BenchContext {
  report: Report;
  scale: BenchScale;
  shape: StudyShape;
  /** Scratch folder for this run. */
  dir: string;
  /** The synthetic study's project, built by the foundation bench and reused by the others. */
  projectPath: string;
}

/** A count of the full study at this run's scale: four times it at large, `small` at small. */
export const atScale = (ctx: BenchContext, full: number, small: number): number =>
  ctx.scale === 'small' ? small : ctx.scale === 'large' ? full * 4 : full;
