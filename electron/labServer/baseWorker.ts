/**
 * The worker thread that cleans a copy of a replica into the published project (cleanBase.ts), off the thread that
 * serves the app. One request, one answer: the copy's facts, or the error as a value. Built as its own file beside
 * the command line's bundle and the app's main bundle (scripts/build.mjs); run from the sources under tsx.
 */
import { parentPort } from 'node:worker_threads';
import { errorValue } from '../../shared/api/errors';
import { cleanBaseCopy } from './cleanBase';

export interface CleanRequest {
  path: string;
}

parentPort?.once('message', (req: CleanRequest) => {
  try {
    parentPort!.postMessage({ ok: true, facts: cleanBaseCopy(req.path) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: errorValue(e) });
  }
});
