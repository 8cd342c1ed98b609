import { errorValue, DyadError, type Result } from '../../shared/api/errors';
import type { ApiEvent } from '../../shared/api/define';
import { contract, isMethodName, type MethodName, type Output, type ParsedInput } from '../../shared/api/contract';
import type { CallContext, JobRegistry } from './context';
import type { Project } from '../core/project';
import type { UploadStore } from '../core/uploads';
import { exactCheck } from './dispatchOutput';
import { methodWrites } from '../../shared/api/access';
import { projectError } from '../core/fileErrors';

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: CallContext) => Output<M> | Promise<Output<M>>;
export type HandlerTable = { [M in MethodName]: Handler<M> };

export interface DispatchEnv {
  project: Project;
  jobs: JobRegistry;
  emit(event: ApiEvent): void;
  uploads?: UploadStore | undefined;
}

/**
 * The single entry point of every transport (IPC, HTTP, tests): the method name and input arrive as `unknown`,
 * are validated against the contract, run, and the output is validated again on the way out. Never throws.
 */
export async function dispatch(table: HandlerTable, env: DispatchEnv, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return { ok: false, error: { kind: 'invalid-input', message: `Unknown call: ${String(method).slice(0, 100)}` } };
  const def = contract[method];
  const parsed = def.input.safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    return { ok: false, error: { kind: 'invalid-input', message: `Invalid input for ${method}${where}: ${first?.message ?? 'invalid'}` } };
  }
  // A snapshot of a project open in another Dyad, or a project file deleted meanwhile: said before anything runs.
  if (methodWrites(method)) {
    try {
      env.project.assertWritable();
    } catch (e) {
      return { ok: false, error: errorValue(e) };
    }
  }
  const jobId = def.job ? (parsed.data as { jobId?: string }).jobId : undefined;
  const controller = env.jobs.start(jobId);
  const ctx: CallContext = {
    project: env.project,
    signal: controller.signal,
    jobs: env.jobs,
    emit: env.emit,
    uploads: env.uploads,
    progress: (done, total, message) => {
      if (jobId) env.emit({ type: 'progress', jobId, done, total, message });
    },
  };
  try {
    const handler = table[method] as (i: unknown, c: CallContext) => unknown;
    const out = await handler(parsed.data, ctx);
    // Same verdict as zod, without its copy, for answers zod would pass on unchanged (dispatchOutput.ts).
    if (exactCheck(def.output)?.(out)) return { ok: true, value: out };
    const checked = def.output.safeParse(out);
    if (!checked.success) {
      const first = checked.error.issues[0];
      throw new DyadError('internal', `Dyad produced an invalid answer for ${method} at ${first?.path.join('.')}: ${first?.message}`);
    }
    return { ok: true, value: checked.data };
  } catch (e) {
    // A full disk, a read-only folder, a file that vanished: said in plain words, naming the project file.
    return { ok: false, error: errorValue(projectError(e, env.project.path, methodWrites(method) ? 'write' : 'read')) };
  } finally {
    env.jobs.finish(jobId);
  }
}
