import type { ApiEvent } from '../../shared/api/define';
import type { Project } from '../core/project';
import type { UploadStore } from '../core/uploads';

/** What a handler gets besides its input: the open project, and, for long work, progress and cancellation. */
export interface CallContext {
  project: Project;
  /** Aborted when the caller cancels the job (jobs.cancel) or the transport goes away. */
  signal: AbortSignal;
  /** Reports progress of this call's job (no-op when the caller gave no jobId). */
  progress(done: number, total: number, message: string): void;
  /** Broadcasts an event to every client of this project (e.g. 'changed'). */
  emit(event: ApiEvent): void;
  /** Jobs under way, by id, so jobs.cancel can reach them. */
  jobs: JobRegistry;
  /** Files the browser sent to `dyad serve` before the call (absent in the desktop app, which sends paths). */
  uploads?: UploadStore | undefined;
}

export class JobRegistry {
  private readonly running = new Map<string, AbortController>();
  start(jobId: string | undefined): AbortController {
    const controller = new AbortController();
    if (jobId) this.running.set(jobId, controller);
    return controller;
  }
  finish(jobId: string | undefined): void {
    if (jobId) this.running.delete(jobId);
  }
  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }
}
