import { QdpxStaging } from '../refi/staging';
import type { HandlerTable } from './dispatch';
import { analysisHandlers } from './handlers/analysis';
import { codingHandlers } from './handlers/coding';
import { dyadHandlers } from './handlers/dyads';
import { exportHandlers } from './handlers/export';
import { importHandlers } from './handlers/imports';
import { labReviewHandlers } from './handlers/labReview';
import { labServerHandlers } from './handlers/labServer';
import { mediaHandlers } from './handlers/media';
import { nameHandlers } from './handlers/names';
import { projectHandlers } from './handlers/project';
import { refiHandlers } from './handlers/refi';
import { sessionHandlers } from './handlers/sessions';
import { teamHandlers } from './handlers/team';

/** Made on first use: their modules bring the readers of Word, zip and REFI-QDA files, which start-up does without. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The one table of handlers behind every transport. State that lives between calls (import previews) is per table. */
export function createHandlers(): HandlerTable {
  return {
    ...projectHandlers,
    ...dyadHandlers,
    ...sessionHandlers,
    ...mediaHandlers,
    ...importHandlers(once(async () => new (await import('../core/importer')).StagingStore())),
    ...codingHandlers,
    ...analysisHandlers,
    ...exportHandlers,
    ...refiHandlers(new QdpxStaging()),
    ...teamHandlers(once(async () => new (await import('../team/merge')).MergeStore())),
    ...labServerHandlers,
    ...labReviewHandlers,
    ...nameHandlers,
  };
}
