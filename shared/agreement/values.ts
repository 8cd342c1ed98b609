import { DyadError } from '../domain/errors';
import type { ReliabilityData, Value } from './types';

/**
 * Checks that reliability data is a proper coders × units table and returns the number of units.
 * A ragged table means the caller lost track of which value belongs to which unit: refuse rather than guess.
 */
export function unitCount(data: ReliabilityData, statistic: string, coders: 'two' | 'two or more'): number {
  if (coders === 'two' ? data.length !== 2 : data.length < 2) {
    throw new DyadError('invalid-input', `${statistic} needs ${coders} coders; got ${data.length}.`);
  }
  const n = (data[0] as readonly unknown[]).length;
  data.forEach((row, c) => {
    if (row.length !== n) {
      throw new DyadError('invalid-input', `${statistic}: coder ${c + 1} has values for ${row.length} units, coder 1 for ${n}; every coder needs one entry per unit (null when missing).`);
    }
    for (const v of row) {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new DyadError('invalid-input', `${statistic}: coder ${c + 1} has the value ${String(v)}; use null for a missing value.`);
      }
    }
  });
  return n;
}

/** Identity of a value for nominal comparison: 1, "1" and true are three different categories. */
export function valueKey(v: Value): string {
  return `${typeof v}:${String(v)}`;
}

export function isMissing(v: Value | null | undefined): v is null | undefined {
  return v === null || v === undefined;
}
