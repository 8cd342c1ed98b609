import { JobRegistry } from '../../electron/api/context';
import { dispatch } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import type { Project } from '../../electron/core/project';
import type { ApiEvent } from '../../shared/api/define';

const table = createHandlers();
/** One job registry per open project, as the app has: a merge's plan from merge.preview is found by merge.apply. */
const registries = new WeakMap<Project, JobRegistry>();

/** Calls the API as the app does, checked in and out by dispatch; a refusal throws an Error carrying its kind. */
export async function callApi<T = any>(project: Project, method: string, input: unknown = {}, emit: (e: ApiEvent) => void = () => {}): Promise<T> {
  let jobs = registries.get(project);
  if (!jobs) registries.set(project, (jobs = new JobRegistry()));
  const r = await dispatch(table, { project, jobs, emit }, method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
  return r.value as T;
}
