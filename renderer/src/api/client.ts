/**
 * The renderer's only way to the core. `call` resolves with the method's output or throws an ApiError carrying
 * the core's kind and message; long calls (import, export, merge…) run as jobs whose progress arrives as events.
 */
import type { Input, MethodName, Output } from '../../../shared/api/contract';
import type { ApiEvent, ProgressEvent } from '../../../shared/api/define';
import { ApiError } from './errors';
import { transport } from './transport';

export { ApiError } from './errors';

export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = await transport().call(method, input);
  if (!result.ok) throw ApiError.from(result.error);
  return result.value as Output<M>;
}

const listeners = new Set<(event: ApiEvent) => void>();
let unsubscribe: (() => void) | null = null;

/** One connection to the event stream, shared by every listener. */
export function onEvent(listener: (event: ApiEvent) => void): () => void {
  listeners.add(listener);
  if (!unsubscribe) unsubscribe = transport().subscribe((e) => listeners.forEach((l) => l(e)));
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}

/** The calls that run as jobs: those whose input takes a job id (import, export, exchange, merge, agreement…). */
type JobMethod = { [M in MethodName]: 'jobId' extends keyof Input<M> ? M : never }[MethodName];

export interface Job<T> {
  jobId: string;
  result: Promise<T>;
  cancel(): Promise<void>;
}

/**
 * Starts a long call under a fresh job id. Progress events of that id go to `onProgress` until the call settles.
 * Cancelling asks the core to stop; the result then rejects with kind 'cancelled'.
 */
export function startJob<M extends JobMethod>(
  method: M,
  input: Omit<Input<M>, 'jobId'>,
  onProgress: (p: ProgressEvent) => void,
): Job<Output<M>> {
  const jobId = crypto.randomUUID();
  const stop = onEvent((e) => {
    if (e.type === 'progress' && e.jobId === jobId) onProgress(e);
  });
  const result = call(method, { ...input, jobId } as Input<M>).finally(stop);
  return {
    jobId,
    result,
    cancel: async () => {
      await call('jobs.cancel', { jobId });
    },
  };
}
