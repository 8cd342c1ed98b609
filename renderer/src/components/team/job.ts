import type { Input, Output } from '../../../../shared/api/contract';
import type { ProgressEvent } from '../../../../shared/api/define';
import { call, onEvent } from '../../api/client';

type TeamJob = 'merge.preview' | 'merge.apply' | 'agreement.report' | 'agreement.export';

export interface TeamJobHandle<T> {
  jobId: string;
  result: Promise<T>;
  cancel(): Promise<void>;
}

/**
 * The team calls that run as jobs (api/client.ts's startJob is typed for the import calls only): progress events
 * of this job's id go to `onProgress` until the call settles; cancel asks the core to stop.
 */
export function startTeamJob<M extends TeamJob>(method: M, input: Omit<Input<M>, 'jobId'>, onProgress: (p: ProgressEvent) => void): TeamJobHandle<Output<M>> {
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
