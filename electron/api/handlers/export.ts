import { DEFAULT_ATTRIBUTION_TEMPLATE } from '../../../shared/export/attribution';
import type { Db } from '../../core/database';
/** The Word and Excel writers load with the first export, not when Dyad starts. */
const run = () => import('../../export/run');
import { availableFields, getExportSettings, setExportSettings } from '../../export/settings';
import type { Handler } from '../dispatch';

function settingsView(db: Db) {
  return { ...getExportSettings(db), defaultAttributionTemplate: DEFAULT_ATTRIBUTION_TEMPLATE, fields: availableFields(db) };
}

/** Exports only read the project, so they emit no 'changed' event; the settings do. */
export const exportHandlers = {
  'export.excerpts': async (input, { project, signal, progress }) =>
    (await run()).exportExcerpts(project.db, project.settings().alignToleranceSeconds, input, { signal, progress }),
  'export.dialogue': async (input, { project, signal, progress }) =>
    (await run()).exportDialogue(project.db, project.settings().alignToleranceSeconds, input, { signal, progress }),
  'export.settings.get': (_input, { project }) => settingsView(project.db),
  'export.settings.set': (patch, { project, emit }) => {
    setExportSettings(project.db, patch);
    emit({ type: 'changed', what: ['exportSettings'] });
    return settingsView(project.db);
  },
} satisfies { [K in 'export.excerpts' | 'export.dialogue' | 'export.settings.get' | 'export.settings.set']: Handler<K> };
