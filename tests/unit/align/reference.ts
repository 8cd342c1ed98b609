/**
 * Deliberately naive reference implementations for the property tests: slow, obvious, and independent of
 * shared/align. They restate the spec rather than the algorithm.
 */
import type { AlignUnit } from '../../../shared/align/types';

/** The spec's reading order: by (time, transcript order) when every unit is timed, else transcript order. */
export function readingOrder(units: readonly AlignUnit[]): string[] {
  if (units.some((u) => u.time === null)) return units.map((u) => u.id);
  return units
    .map((u, i) => [u, i] as const)
    .sort((a, b) => (a[0].time as number) - (b[0].time as number) || a[1] - b[1])
    .map(([u]) => u.id);
}

export interface Best {
  pairs: number;
  cost: number;
}

/**
 * Tries every non-crossing matching of two reading-ordered sides that contains all `links` (as index pairs),
 * and returns the most automatic pairs (within tolerance, not forbidden, not involving a linked unit) and, for
 * that number, the least total |time difference|.
 */
export function bruteForceBest(
  clientTimes: readonly number[],
  therapistTimes: readonly number[],
  tolerance: number,
  forbidden: ReadonlySet<string>,
  links: ReadonlyArray<readonly [number, number]>,
): Best {
  const linkOfClient = new Map(links.map(([c, t]) => [c, t]));
  const linkedTherapists = new Set(links.map(([, t]) => t));
  let best: Best = { pairs: -1, cost: Infinity };
  const visit = (i: number, lastJ: number, pairs: number, cost: number) => {
    if (i === clientTimes.length) {
      if (pairs > best.pairs || (pairs === best.pairs && cost < best.cost - 1e-9)) best = { pairs, cost };
      return;
    }
    const linked = linkOfClient.get(i);
    if (linked !== undefined) {
      if (linked > lastJ) visit(i + 1, linked, pairs, cost);
      return;
    }
    visit(i + 1, lastJ, pairs, cost);
    for (let j = lastJ + 1; j < therapistTimes.length; j++) {
      if (linkedTherapists.has(j) || forbidden.has(`${i}:${j}`)) continue;
      const d = Math.abs((clientTimes[i] as number) - (therapistTimes[j] as number));
      if (d <= tolerance) visit(i + 1, j, pairs + 1, cost + d);
    }
  };
  visit(0, -1, 0, 0);
  return best;
}
