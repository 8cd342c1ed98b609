import { useCallback, useState } from 'react';
import type { ProgressEvent } from '../../../../shared/api/define';
import { ProgressBar } from './ProgressBar';

interface Running {
  done: number;
  total: number;
  message: string;
  cancel(): Promise<void>;
}

/**
 * The progress of a page's long call (a store action that starts a job): `begin` when it starts, `onProgress` for its
 * events, `end` when it settles; `progress` is the bar with its Cancel button, or null when nothing runs.
 */
export function useJobProgress() {
  const [running, setRunning] = useState<Running | null>(null);
  const onProgress = useCallback((p: ProgressEvent) => setRunning((r) => (r ? { ...r, done: p.done, total: p.total, message: p.message } : r)), []);
  const begin = useCallback((message: string, cancel: () => Promise<void>) => setRunning({ done: 0, total: 0, message, cancel }), []);
  const end = useCallback(() => setRunning(null), []);
  const progress = running ? <ProgressBar done={running.done} total={running.total} message={running.message} onCancel={() => void running.cancel()} /> : null;
  return { running, onProgress, begin, end, progress };
}
