import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process running a script under tsx, talked to one line at a time. */
export interface Child {
  proc: ChildProcess;
  /** Sends the parts (tab-separated) and resolves with the next line the child prints. */
  ask(...parts: string[]): Promise<string>;
  next(): Promise<string>;
  /** Lines printed so far that nobody asked for. */
  lines: string[];
  exited: Promise<number | null>;
}

/**
 * Under mutation testing (docs/mutation.md), the mutant this test process runs: Stryker switches it on in this
 * process's globals only, so a child would otherwise run the unchanged code and a mutant of the code it runs
 * could not fail the test. Stryker's instrumented code reads it from __STRYKER_ACTIVE_MUTANT__ at start.
 */
const activeMutant = () => (globalThis as { __stryker__?: { activeMutant?: string } }).__stryker__?.activeMutant;

export function startChild(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Child {
  const mutant = activeMutant();
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...(mutant === undefined ? {} : { __STRYKER_ACTIVE_MUTANT__: String(mutant) }), ...env },
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const l = lines.shift();
      if (l !== undefined) return resolve(l);
      waiting.push(resolve);
      void exited.then(() => reject(new Error(`${script} exited`)));
    });
  return {
    proc,
    lines,
    exited,
    next,
    ask(...parts) {
      proc.stdin!.write(`${parts.join('\t')}\n`);
      return next();
    },
  };
}
