import { StagingStore } from '../core/importer';
import { MergeStore } from '../core/team/merge';
import { QdpxStaging } from '../refi/staging';
import type { HandlerTable } from './dispatch';
import { analysisHandlers } from './handlers/analysis';
import { codingHandlers } from './handlers/coding';
import { dyadHandlers } from './handlers/dyads';
import { exportHandlers } from './handlers/export';
import { importHandlers } from './handlers/imports';
import { nameHandlers } from './handlers/names';
import { projectHandlers } from './handlers/project';
import { refiHandlers } from './handlers/refi';
import { sessionHandlers } from './handlers/sessions';
import { teamHandlers } from './handlers/team';

/** The one table of handlers behind every transport. State that lives between calls (import previews) is per table. */
export function createHandlers(): HandlerTable {
  return {
    ...projectHandlers,
    ...dyadHandlers,
    ...sessionHandlers,
    ...importHandlers(new StagingStore()),
    ...codingHandlers,
    ...analysisHandlers,
    ...exportHandlers,
    ...refiHandlers(new QdpxStaging()),
    ...teamHandlers(new MergeStore()),
    ...nameHandlers,
  };
}
