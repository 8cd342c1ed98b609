import type { Input, Output } from '../../../../shared/api/contract';
import type { ProgressEvent } from '../../../../shared/api/define';
import { call, onEvent } from '../../api/client';

type LongCall = 'export.excerpts' | 'export.dialogue' | 'refi.exportQdpx' | 'refi.previewQdpx' | 'refi.importQdpx';

export interface LongCallHandle<T> {
  jobId: string;
  result: Promise<T>;
  cancel(): Promise<void>;
}

/**
 * The export and exchange calls that run as jobs (api/client.ts's startJob is typed for the import calls only):
 * progress events of this job's id go to `onProgress` until the call settles; cancel asks the core to stop.
 */
export function startLongCall<M extends LongCall>(method: M, input: Omit<Input<M>, 'jobId'>, onProgress: (p: ProgressEvent) => void): LongCallHandle<Output<M>> {
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
