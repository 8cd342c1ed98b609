/** The `dyad` command line run in-process (runCli), with what it printed and its exit code. */
import { expect } from 'vitest';
import { runCli } from '../../electron/cli/main';

export async function dyad(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** A command run with --json that must succeed quietly: its parsed answer. */
export async function dyadJson(...args: string[]) {
  const r = await dyad(...args, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}
