/**
 * Transcripts are read and parsed in worker threads, one file at a time per worker, as many workers as the
 * machine has cores (at most four): decoding, Word documents and the researcher's marker patterns never take
 * turns on the thread that serves the app and `dyad serve`, and two cores parse two files at once.
 *
 * The workers are kept between imports (starting one costs tens of milliseconds bundled, more from the sources)
 * and do not keep the process alive while idle. A cancel ends the workers still parsing, so a huge file cannot
 * hold the cancel up; the next import starts fresh ones.
 *
 * Where the worker's code is: beside the bundle that runs this module (build/cli/import-worker.mjs,
 * build/electron/import-worker.cjs; scripts/build.mjs), or, run from the sources, parseWorker.ts through tsx
 * (core/workerScript.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DyadError, type DyadErrorValue } from '../../shared/api/errors';
import { workerScript, type WorkerScript } from '../core/workerScript';
import type { ParseRequest } from './parseWorker';
import { DEFAULT_MAX_TRANSCRIPT_BYTES } from './readTranscript';
import { stageTranscript, type StagedTranscript } from './stageOne';

type StageOutcome = { ok: true; staged: StagedTranscript } | { ok: false; error: DyadErrorValue; dyad: boolean };

interface StageSource {
  name: string;
  bytes: Uint8Array;
}

const MAX_WORKERS = 4;

const parseWorkerScript = () => workerScript('import-worker', import.meta.url, './parseWorker.ts');

interface Job {
  id: number;
  owner: object;
  source: StageSource;
  resolve: (o: StageOutcome) => void;
}

class ParseWorker {
  readonly worker: Worker;
  job: Job | null = null;
  online = false;
  stopping = false;
  constructor(
    script: WorkerScript,
    private readonly onGone: (w: ParseWorker, startFailed: boolean) => void,
  ) {
    this.worker = new Worker(script.code, { eval: script.eval });
    this.worker.unref();
    this.worker.on('online', () => (this.online = true));
    this.worker.on('message', (m: { job: number } & StageOutcome) => {
      const job = this.job;
      if (!job || job.id !== m.job) return;
      this.job = null;
      this.worker.unref();
      job.resolve(m.ok ? { ok: true, staged: m.staged } : { ok: false, error: m.error, dyad: m.dyad });
    });
    const gone = (why: string) => {
      const job = this.job;
      this.job = null;
      const startFailed = !this.online && !this.stopping;
      this.onGone(this, startFailed);
      if (!job) return;
      // A worker that could not start leaves its file to this thread; a file that crashed its worker (out of
      // memory, say) is that file's error, and the others go on.
      if (startFailed) void stageHere(job.source, this.patterns).then(job.resolve);
      else job.resolve({ ok: false, error: { kind: 'bad-file', message: `${job.source.name} could not be read: ${why}` }, dyad: true });
    };
    this.worker.on('error', (e) => gone(e.message));
    this.worker.on('exit', (code) => gone(`the reader stopped (exit ${code})`));
  }
  private patterns: readonly string[] | undefined;
  stop(): void {
    this.stopping = true;
    void this.worker.terminate();
  }
  run(job: Job, customMarkerPatterns: readonly string[] | undefined): void {
    this.job = job;
    this.patterns = customMarkerPatterns;
    this.worker.ref();
    const req: ParseRequest = { job: job.id, name: job.source.name, bytes: job.source.bytes, customMarkerPatterns };
    this.worker.postMessage(req);
  }
}

const pool = new Set<ParseWorker>();
let nextJob = 1;
/** Set when a worker could not even start (its code missing from a build): files are then read on this thread. */
let workersUnavailable: string | null = null;

function startWorker(): ParseWorker | null {
  if (workersUnavailable) return null;
  try {
    const w = new ParseWorker(parseWorkerScript(), (gone, startFailed) => {
      pool.delete(gone);
      if (startFailed && !workersUnavailable) workersUnavailable = 'the import worker did not start';
    });
    pool.add(w);
    return w;
  } catch (e) {
    workersUnavailable = e instanceof Error ? e.message : String(e);
    return null;
  }
}

async function stageHere(source: StageSource, patterns: readonly string[] | undefined): Promise<StageOutcome> {
  try {
    return { ok: true, staged: await stageTranscript(source.name, source.bytes, patterns) };
  } catch (e) {
    return { ok: false, error: { kind: e instanceof DyadError ? e.kind : 'bad-file', message: e instanceof Error ? e.message : String(e) }, dyad: e instanceof DyadError };
  }
}

/**
 * Stages every source in the workers; `each` hears of every file as it is done (in any order). Resolves with the
 * outcomes in the sources' order; a cancel rejects with a 'cancelled' DyadError.
 */
export function stageInWorkers(
  sources: StageSource[],
  customMarkerPatterns: readonly string[] | undefined,
  opts: { signal?: AbortSignal; each?: (index: number, outcome: StageOutcome) => void } = {},
): Promise<StageOutcome[]> {
  const outcomes: StageOutcome[] = new Array(sources.length);
  const wanted = Math.max(1, Math.min(MAX_WORKERS, availableParallelism(), sources.length));
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let finished = false;
    const owner = {};
    const onAbort = () => {
      if (finished) return;
      finished = true;
      for (const w of pool) if (w.job?.owner === owner) w.stop();
      reject(new DyadError('cancelled', 'The import was cancelled; nothing was written.'));
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (index: number, o: StageOutcome) => {
      if (finished) return;
      outcomes[index] = o;
      done++;
      opts.each?.(index, o);
      if (done === sources.length) {
        finished = true;
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(outcomes);
      }
    };
    const feed = (w: ParseWorker | null) => {
      while (!finished && next < sources.length) {
        const index = next++;
        const source = sources[index]!;
        if (source.bytes.byteLength > DEFAULT_MAX_TRANSCRIPT_BYTES || source.bytes.byteLength === 0) {
          // Refused by its size before it is read: no need to copy it to a worker first.
          void stageHere(source, customMarkerPatterns).then((o) => settle(index, o));
          continue;
        }
        if (!w || !pool.has(w)) {
          // No worker: read it here, one file per turn of the event loop.
          void stageHere(source, customMarkerPatterns).then((o) => {
            settle(index, o);
            setImmediate(() => feed(null));
          });
          return;
        }
        w.run({ id: nextJob++, owner, source, resolve: (o) => (settle(index, o), feed(pool.has(w) ? w : takeWorker())) }, customMarkerPatterns);
        return;
      }
    };
    const takeWorker = (): ParseWorker | null => {
      for (const w of pool) if (!w.job) return w;
      return startWorker();
    };
    if (sources.length === 0) return resolve(outcomes);
    for (let i = 0; i < wanted; i++) feed(takeWorker());
  });
}

/** Ends the idle workers (tests, and a process about to exit that wants no stray threads). */
export async function stopImportWorkers(): Promise<void> {
  const all = [...pool];
  for (const w of all) w.stopping = true;
  await Promise.all(all.map((w) => w.worker.terminate()));
  pool.clear();
}
