/**
 * An in-process client of the handler table, for the `dyad` command line (and scripts written against it): opens
 * one project file and calls methods through `dispatch`, with the contract's input and output checks, exactly as
 * the app's IPC and `dyad serve` do. The caller never touches the project's internals.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ApiEvent } from '../../shared/api/define';
import { DyadError } from '../../shared/api/errors';
import { contract, type Input, type MethodName, type Output } from '../../shared/api/contract';
import { appRoot, rendererDistDir } from '../core/paths';
import { openForReading, Project } from '../core/project';
import { JobRegistry } from './context';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

interface LocalOpenOptions {
  /** Create the project file when it does not exist. */
  create?: boolean;
  /** Progress of long jobs, and what changed (the events the app's windows get). */
  onEvent?: (event: ApiEvent) => void;
  /**
   * Only reading calls will be made: when another Dyad has the project open (or the file cannot be written),
   * read a consistent snapshot instead of refusing, and say so in `note`. Writing calls are then refused.
   */
  readOnly?: boolean;
}

export interface LocalApi {
  /** The project file's full path, and its name as the app shows it. */
  readonly path: string;
  readonly name: string;
  /** Calls a method by name; resolves with its checked output, rejects with a DyadError. */
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Calls a method whose name and input arrive untyped (`dyad call`); the contract checks them. */
  callUnknown(method: string, input: unknown): Promise<unknown>;
  /** Cancels every long job under way (through its AbortSignal); returns how many were running. */
  cancelJobs(): number;
  /** The open project, only for handing to another transport (`dyad serve`). */
  readonly transport: { project: Project };
  /** Set when a read-only open fell back to a snapshot: what the user should be told. */
  readonly note: string | null;
  close(): void;
}

export function openLocalApi(path: string, options: LocalOpenOptions = {}): LocalApi {
  const { project, note } = options.readOnly ? openForReading(path) : { project: Project.open(path, { create: options.create ?? false }), note: null };
  const table = createHandlers();
  const jobs = new JobRegistry();
  const running = new Set<string>();
  let next = 0;
  const callUnknown = async (method: string, input: unknown): Promise<unknown> => {
    // Long work gets a job id, so that Ctrl+C can cancel it the way the app's Cancel button does.
    const isJob = Object.prototype.hasOwnProperty.call(contract, method) && contract[method as MethodName].job === true;
    let jobId: string | undefined;
    let args = input;
    if (isJob && input && typeof input === 'object' && !Array.isArray(input) && !('jobId' in input)) {
      jobId = `cli-${++next}`;
      args = { ...(input as object), jobId };
      running.add(jobId);
    }
    try {
      const r = await dispatch(table, { project, jobs, emit: (e) => options.onEvent?.(e) }, method, args);
      if (!r.ok) throw new DyadError(r.error.kind, r.error.message);
      return r.value;
    } finally {
      if (jobId) running.delete(jobId);
    }
  };
  return {
    path: project.path,
    name: project.name,
    call: (method, input) => callUnknown(method, input) as Promise<never>,
    callUnknown,
    cancelJobs: () => {
      let n = 0;
      for (const id of running) if (jobs.cancel(id)) n++;
      return n;
    },
    transport: { project },
    note,
    close: () => project.close(),
  };
}

/** Where the browser's user interface is built, and whether it is (`dyad serve` builds it in a checkout first). */
export function userInterface(): { root: string; dir: string; built: boolean } {
  const dir = rendererDistDir();
  return { root: appRoot(), dir, built: existsSync(join(dir, 'index.html')) };
}

/**
 * `dyad team join`: the one way into a project that is not a call of the handler table, because there is no
 * project yet — the new file IS the server's copy (its bytes, then the operations since), made, synced and closed
 * here. Every later call on it (sync, status, …) goes through `dispatch` like any other. See docs/ARCHITECTURE.md.
 */
export async function joinTeamProject(joinUrl: string, outPath: string): Promise<{ projectId: string; coder: string; sync: Output<'team.sync'> }> {
  const { joinProject } = await import('../labServer/publish');
  return joinProject(joinUrl, resolve(outPath));
}
