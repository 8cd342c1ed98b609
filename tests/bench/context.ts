import type { Report } from './report';
import type { StudyShape } from './synthetic';

export interface BenchContext {
  report: Report;
  shape: StudyShape;
  /** Scratch folder for this run. */
  dir: string;
  /** The synthetic study's project, built by the foundation bench and reused by the others. */
  projectPath: string;
}
