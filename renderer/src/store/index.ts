import { create } from 'zustand';
import { createAnalysisSlice } from './analysisSlice';
import { createCodebookSlice } from './codebookSlice';
import { createCoderSlice } from './coderSlice';
import { createCodingsSlice } from './codingsSlice';
import { createConcordanceSlice } from './concordanceSlice';
import { createExchangeSlice } from './exchangeSlice';
import { createExportSlice } from './exportSlice';
import { createImportSlice } from './importSlice';
import { createLabReviewSlice } from './labReviewSlice';
import { createLabSlice } from './labSlice';
import { createMemosSlice } from './memosSlice';
import { createPageSlice } from './pageSlice';
import { createPlayerSlice } from './playerSlice';
import { createProjectSlice } from './projectSlice';
import { createSelectionSlice } from './selectionSlice';
import { createTeamSlice } from './teamSlice';
import type { All } from './types';
import { createUiSlice } from './uiSlice';
import { createUndoSlice } from './undoSlice';
import { createViewSlice } from './viewSlice';

/** One store of slices; it caches what the core owns and is refreshed when the core says something changed. */
export const useStore = create<All>()((...a) => ({
  ...createUiSlice(...a),
  ...createProjectSlice(...a),
  ...createViewSlice(...a),
  ...createImportSlice(...a),
  ...createPageSlice(...a),
  ...createCoderSlice(...a),
  ...createCodebookSlice(...a),
  ...createCodingsSlice(...a),
  ...createSelectionSlice(...a),
  ...createUndoSlice(...a),
  ...createMemosSlice(...a),
  ...createTeamSlice(...a),
  ...createLabSlice(...a),
  ...createLabReviewSlice(...a),
  ...createAnalysisSlice(...a),
  ...createPlayerSlice(...a),
  ...createConcordanceSlice(...a),
  ...createExportSlice(...a),
  ...createExchangeSlice(...a),
}));

export type { All } from './types';
