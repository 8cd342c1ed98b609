import { expect } from 'vitest';
import { DyadError } from '../../../shared/api/errors';

/** Runs `work` on one fuzzed input: it returns, or refuses with a DyadError — never another exception — within `ms`. */
export async function refusesCleanly(work: () => unknown, ms: number, what: () => string): Promise<void> {
  const t0 = performance.now();
  try {
    await work();
  } catch (e) {
    if (!(e instanceof DyadError)) throw new Error(`${what()}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
    expect(e.message.length).toBeGreaterThan(0);
  }
  const took = performance.now() - t0;
  if (took > ms) throw new Error(`${what()}: took ${took.toFixed(0)} ms (budget ${ms} ms)`);
}

/** How many inputs each property tries: few by default (CI), more with DYAD_FUZZ_RUNS. */
export const RUNS = Number(process.env.DYAD_FUZZ_RUNS ?? 150);
