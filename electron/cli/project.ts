/**
 * The command line's one way into a project: open the file, call methods of the handler table (through dispatch,
 * electron/api/local.ts), print the warnings they return, close. Ctrl+C while a project is open cancels the
 * long job under way through its AbortSignal (its transaction rolls back, its temporary files go) and the
 * command ends with exit code 130.
 */
import { basename, resolve } from 'node:path';
import type { Input, MethodName, Output } from '../../shared/api/contract';
import type { ApiEvent } from '../../shared/api/define';
import type { LocalApi } from '../api/local';
import { type CliIo, Interrupted } from './io';

export interface CliProject {
  /** The file as typed, its full path, and its file name as messages show it. */
  readonly file: string;
  readonly path: string;
  readonly fileName: string;
  readonly name: string;
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  callUnknown(method: string, input: unknown): Promise<unknown>;
  /** The open project for another transport (`dyad serve`). */
  readonly api: LocalApi;
}

export interface OpenOptions {
  create?: boolean;
  /**
   * The command only reads: a project open in another Dyad is read from a consistent snapshot (saying so on
   * stderr) instead of being refused.
   */
  readOnly?: boolean;
}

/**
 * Opens a project. The ONE place the command line does so; reading commands open it read-only. The handler
 * table is loaded only now, so `--help` and wrong usage never pay for it.
 */
export async function openProject(file: string, options: OpenOptions = {}): Promise<LocalApi> {
  const { openLocalApi } = await import('../api/local');
  const api = openLocalApi(resolve(file), { create: options.create ?? false, readOnly: options.readOnly ?? false, onEvent: showProgress() });
  if (api.note) process.stderr.write(`${api.note}\n`);
  return api;
}

/**
 * Progress of long jobs on stderr: one line rewritten in place on a terminal, or plain `progress: …` lines when
 * DYAD_PROGRESS=1 (for scripts that want to follow along); nothing otherwise.
 */
function showProgress(): ((e: ApiEvent) => void) | undefined {
  const lines = process.env.DYAD_PROGRESS === '1';
  if (!lines && !process.stderr.isTTY) return undefined;
  const width = () => (process.stderr.columns || 80) - 1;
  return (e) => {
    if (e.type !== 'progress') return;
    const text = `progress: ${e.done}/${e.total} ${e.message}`;
    if (lines) process.stderr.write(`${text}\n`);
    // On a terminal the line is rewritten, and wiped when the job is done so the answer starts clean.
    else process.stderr.write(`\r${(e.done >= e.total ? '' : text.slice(0, width())).padEnd(width())}\r`);
  };
}

/** Runs a command's work on an open project, closing it on every path; Ctrl+C cancels the work (exit 130). */
export async function withProject<T>(file: string, fn: (p: CliProject) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const api = await openProject(file, options);
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    api.cancelJobs();
  };
  process.on('SIGINT', onInterrupt);
  const guard = async <R>(work: () => Promise<R>): Promise<R> => {
    if (interrupted) throw new Interrupted();
    try {
      return await work();
    } catch (e) {
      if (interrupted) throw new Interrupted();
      throw e;
    }
  };
  const p: CliProject = {
    file,
    path: api.path,
    fileName: basename(api.path),
    name: api.name,
    call: (method, input) => guard(() => api.call(method, input)),
    callUnknown: (method, input) => guard(() => api.callUnknown(method, input)),
    api,
  };
  try {
    const out = await fn(p);
    if (interrupted) throw new Interrupted();
    return out;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    api.close();
  }
}

/** A warning as the command line prints it: `warning: FILE: …` (FILE is the file the warning is about). */
export interface Warning {
  file: string;
  message: string;
}

export function warningsOf(file: string, messages: readonly string[]): Warning[] {
  return messages.map((m) => ({ file, message: m.startsWith(`${file}: `) ? m.slice(file.length + 2) : m }));
}

export function printWarnings(io: CliIo, warnings: readonly Warning[]): void {
  for (const w of warnings) io.err(`warning: ${w.file}: ${w.message}`);
}

/**
 * Every warning anywhere in a method's answer (`warnings`, `fileWarnings`), with the file it is about: the
 * nearest `name`, `fileName` or `file` above it, else `fallback`. For `dyad call`, which knows no shapes.
 */
export function findWarnings(value: unknown, fallback: string): Warning[] {
  const out: Warning[] = [];
  const walk = (v: unknown, file: string) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, file);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const here = [o.fileName, o.file, o.name].find((x): x is string => typeof x === 'string' && x.length > 0) ?? file;
    for (const [k, x] of Object.entries(o)) {
      if ((k === 'warnings' || k === 'fileWarnings') && Array.isArray(x) && x.every((w) => typeof w === 'string')) out.push(...warningsOf(here, x as string[]));
      else walk(x, here);
    }
  };
  walk(value, fallback);
  return out;
}
