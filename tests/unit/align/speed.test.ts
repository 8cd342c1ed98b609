import { describe, expect, it } from 'vitest';
import { alignUnits } from '../../../shared/align/align';
import type { AlignUnit } from '../../../shared/align/types';

/** A deterministic stand-in for Math.random, so a slow case can be re-run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** n recall moments spread over a 50-minute session, about every 3000/n seconds, each side jittered. */
function moments(prefix: string, n: number, rnd: () => number): AlignUnit[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, time: Math.round((i + rnd()) * (3000 / n)) }));
}

function timeIt(f: () => unknown, runs: number): number {
  f(); // warm-up: the first call includes JIT compilation
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

// Figures are printed, never asserted: the machine is shared. The target is well under 10 ms for 300 × 300.
describe('alignment speed', () => {
  it('300 × 300 moments, and the densest case (every moment at the same time)', () => {
    const rnd = random(7);
    const client = moments('c', 300, rnd);
    const therapist = moments('t', 300, rnd);
    const typical = timeIt(() => alignUnits(client, therapist, [], 15), 20);
    const allSame = (prefix: string) => Array.from({ length: 300 }, (_, i) => ({ id: `${prefix}${i}`, time: 600 }));
    const dense = timeIt(() => alignUnits(allSame('c'), allSame('t'), [], 15), 5);
    console.log(`align 300×300 typical: ${typical.toFixed(2)} ms (median of 20); all at one time: ${dense.toFixed(2)} ms`);

    const rows = alignUnits(client, therapist, [], 15);
    expect(rows.filter((r) => r.client).length).toBe(300);
    expect(rows.filter((r) => r.therapist).length).toBe(300);
    expect(alignUnits(allSame('c'), allSame('t'), [], 15).every((r) => r.match === 'auto')).toBe(true);
  });
});
