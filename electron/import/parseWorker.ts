/**
 * The import worker's entry point (node:worker_threads). It reads and parses transcripts sent by
 * importWorkers.ts and answers each with the staged transcript or the error as a value. Built as its own file
 * beside the command line's bundle and the app's main bundle (scripts/build.mjs); run from the sources under tsx.
 */
import { parentPort } from 'node:worker_threads';
import { errorValue } from '../../shared/api/errors';
import { stageTranscript } from './stageOne';

export interface ParseRequest {
  job: number;
  name: string;
  bytes: Uint8Array;
  customMarkerPatterns?: readonly string[];
}

parentPort?.on('message', async (req: ParseRequest) => {
  try {
    const staged = await stageTranscript(req.name, req.bytes, req.customMarkerPatterns);
    parentPort!.postMessage({ job: req.job, ok: true, staged });
  } catch (e) {
    // A plain Error from a reader keeps its message; the main thread decides what it means for the import.
    parentPort!.postMessage({ job: req.job, ok: false, error: errorValue(e), dyad: e instanceof Error && e.name === 'DyadError' });
  }
});
