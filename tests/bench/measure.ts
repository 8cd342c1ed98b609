/**
 * One operation measured three ways, for a shared, loaded machine where wall time alone says little: wall time,
 * the process's CPU time (what the work cost, whoever else ran), and its peak resident memory while it ran.
 * The peak is sampled by a worker thread, which keeps sampling while the operation holds the main thread (most of
 * these operations are synchronous SQLite and string work, during which no timer of the main thread fires).
 */
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface Measured<T> {
  value: T;
  ms: number;
  cpuMs: number;
  /** Peak resident memory of the process during the operation, MB. */
  peakMb: number;
  /** Resident memory when it started (after a garbage collection when the bench may ask for one), MB. */
  startMb: number;
  /** The machine's 1-minute load average when the operation ended. */
  load: number;
}

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new BigInt64Array(workerData);
setInterval(() => {
  const r = BigInt(process.memoryUsage.rss());
  if (r > Atomics.load(peak, 0)) Atomics.store(peak, 0, r);
}, 5);
`;

let sampler: { worker: Worker; peak: BigInt64Array } | null = null;

function startSampler(): BigInt64Array {
  if (!sampler) {
    const shared = new SharedArrayBuffer(8);
    const worker = new Worker(SAMPLER, { eval: true, workerData: shared });
    // The bench ends when its work does, not when the sampler would.
    worker.unref();
    sampler = { worker, peak: new BigInt64Array(shared) };
  }
  return sampler.peak;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Node's collector, when the bench runs with --expose-gc (scripts/bench.mjs): what earlier work left goes first. */
const collect = (globalThis as { gc?: () => void }).gc;

export async function measure<T>(fn: () => Promise<T> | T): Promise<Measured<T>> {
  collect?.();
  const peak = startSampler();
  const start = process.memoryUsage.rss();
  Atomics.store(peak, 0, BigInt(start));
  const c0 = cpuNow();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const cpuMs = cpuNow() - c0;
  const end = BigInt(process.memoryUsage.rss());
  const top = Atomics.load(peak, 0);
  return { value, ms, cpuMs, peakMb: Number(end > top ? end : top) / 1048576, startMb: start / 1048576, load: loadavg()[0]! };
}

/** "wall 1.2 s, CPU 0.8 s, peak 410 MB, load 6.1" for a figure's name. */
export const how = (m: Measured<unknown>) => `CPU ${fmtMs(m.cpuMs)}, peak ${m.peakMb.toFixed(0)} MB, load ${m.load.toFixed(1)}`;

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
