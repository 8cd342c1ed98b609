import type { z } from 'zod';

/**
 * One call of the API. `job: true` marks long work: the caller may pass a `jobId`, progress events carry it,
 * and `jobs.cancel` stops it.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  job?: boolean;
  /** What it does, in one line (shown by `dyad serve --help` and in the docs). */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

/** A progress event of a long job. */
export interface ProgressEvent {
  type: 'progress';
  jobId: string;
  done: number;
  total: number;
  message: string;
}

/** Something in the project changed (another window, the command line, a merge): caches should refresh. */
interface ChangedEvent {
  type: 'changed';
  what: string[];
}

export type ApiEvent = ProgressEvent | ChangedEvent;
