import { create } from 'zustand';
import { createAnalysisSlice } from './analysisSlice';
import { createCodingSlice } from './codingSlice';
import { createConcordanceSlice } from './concordanceSlice';
import { createExportSlice } from './exportSlice';
import { createImportSlice } from './importSlice';
import { createPageSlice } from './pageSlice';
import { createProjectSlice } from './projectSlice';
import { createTeamSlice } from './teamSlice';
import type { All } from './types';
import { createUiSlice } from './uiSlice';
import { createViewSlice } from './viewSlice';

/** One store of slices; it caches what the core owns and is refreshed when the core says something changed. */
export const useStore = create<All>()((...a) => ({
  ...createUiSlice(...a),
  ...createProjectSlice(...a),
  ...createViewSlice(...a),
  ...createImportSlice(...a),
  ...createPageSlice(...a),
  ...createCodingSlice(...a),
  ...createTeamSlice(...a),
  ...createAnalysisSlice(...a),
  ...createConcordanceSlice(...a),
  ...createExportSlice(...a),
}));

export type { All } from './types';
