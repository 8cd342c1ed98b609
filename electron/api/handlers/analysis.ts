import { codeMatrix } from '../../core/analysis/matrix';
import { concordance, concordanceRows } from '../../core/analysis/concordance';
import { retrieve } from '../../core/analysis/retrieve';
import { searchText } from '../../core/analysis/search';
import type { Handler } from '../dispatch';

/** The Excel writer loads with the first export, not when Dyad starts. */
const concordanceFile = () => import('../../export/concordanceFile');

/** Read-only: nothing here writes or emits 'changed'. */
export const analysisHandlers = {
  'search.text': (input, { project }) => searchText(project.db, input),
  'analysis.retrieve': (input, { project }) => retrieve(project.db, input, project.settings().alignToleranceSeconds),
  'analysis.matrix': (input, { project }) => codeMatrix(project.db, input),
  'analysis.concordance': (input, { project }) => concordance(project.db, input, project.settings().alignToleranceSeconds),
  'analysis.concordanceRows': (input, { project }) => concordanceRows(project.db, input, project.settings().alignToleranceSeconds),
  'analysis.exportConcordance': async ({ format, path, ...filter }, { project, signal }) =>
    (await concordanceFile()).exportConcordance(concordance(project.db, filter, project.settings().alignToleranceSeconds), { format, path, signal }),
} satisfies {
  [K in 'search.text' | 'analysis.retrieve' | 'analysis.matrix' | 'analysis.concordance' | 'analysis.concordanceRows' | 'analysis.exportConcordance']: Handler<K>;
};
