import type { ReliabilityData } from './types';
import { isMissing, unitCount, valueKey } from './values';

export interface KappaDetails {
  /** Cohen's κ = (pₒ − pₑ) / (1 − pₑ); NaN when pₑ = 1 (both coders used one and the same category throughout) or no units. */
  kappa: number;
  /** pₒ: share of units on which the two coders gave the same value (= percent agreement as a fraction). */
  observed: number;
  /** pₑ: agreement expected from each coder's own distribution of values, Σ p_A(c)·p_B(c). */
  expected: number;
  /** Units both coders gave a value (possibly weighted, see kappaFromTable). */
  units: number;
}

/**
 * Cohen's kappa from a square contingency table: `table[a][b]` is how many units (or how much weight) coder A
 * put in category a and coder B in category b. The same category order on both axes.
 */
export function kappaFromTable(table: readonly (readonly number[])[]): KappaDetails {
  const k = table.length;
  let n = 0;
  let agree = 0;
  const rowSum = new Array<number>(k).fill(0);
  const colSum = new Array<number>(k).fill(0);
  for (let a = 0; a < k; a++) {
    const row = table[a] as readonly number[];
    for (let b = 0; b < k; b++) {
      const x = row[b] ?? 0;
      n += x;
      rowSum[a] = (rowSum[a] as number) + x;
      colSum[b] = (colSum[b] as number) + x;
      if (a === b) agree += x;
    }
  }
  if (n === 0) return { kappa: Number.NaN, observed: Number.NaN, expected: Number.NaN, units: 0 };
  let expected = 0;
  for (let c = 0; c < k; c++) expected += ((rowSum[c] as number) / n) * ((colSum[c] as number) / n);
  const observed = agree / n;
  // pₑ = 1 only when both coders put every unit in the same single category: κ is 0/0 there (ReCal and most
  // packages report it as undefined), although the coders agree perfectly. Percent agreement still says 100 %.
  const kappa = expected === 1 ? Number.NaN : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, units: n };
}

/** Cohen's kappa with its parts, for two coders; units where either coder gave no value are skipped. */
export function cohensKappaDetails(data: ReliabilityData): KappaDetails {
  const n = unitCount(data, "Cohen's kappa", 'two');
  const index = new Map<string, number>();
  const pairs: [number, number][] = [];
  const idOf = (key: string) => {
    let i = index.get(key);
    if (i === undefined) index.set(key, (i = index.size));
    return i;
  };
  for (let u = 0; u < n; u++) {
    const x = (data[0] as ReliabilityData[number])[u];
    const y = (data[1] as ReliabilityData[number])[u];
    if (isMissing(x) || isMissing(y)) continue;
    pairs.push([idOf(valueKey(x)), idOf(valueKey(y))]);
  }
  const table = Array.from({ length: index.size }, () => new Array<number>(index.size).fill(0));
  for (const [x, y] of pairs) (table[x] as number[])[y] = ((table[x] as number[])[y] as number) + 1;
  return kappaFromTable(table);
}

/** Cohen's kappa for two coders (`data[coder][unit]`); NaN when undefined (see KappaDetails). */
export function cohensKappa(data: ReliabilityData): number {
  return cohensKappaDetails(data).kappa;
}

/**
 * Share of units (0–1) on which two coders gave the same value, counting only units both coded; NaN when there
 * are none. As a fraction, not a percentage, to sit beside kappa and alpha.
 */
export function percentAgreement(data: ReliabilityData): number {
  const n = unitCount(data, 'Percent agreement', 'two');
  let both = 0;
  let same = 0;
  for (let u = 0; u < n; u++) {
    const x = (data[0] as ReliabilityData[number])[u];
    const y = (data[1] as ReliabilityData[number])[u];
    if (isMissing(x) || isMissing(y)) continue;
    both++;
    if (valueKey(x) === valueKey(y)) same++;
  }
  return both === 0 ? Number.NaN : same / both;
}
