import { DyadError } from '../domain/errors';
import type { MeasurementLevel, ReliabilityData, Value } from './types';
import { isMissing, unitCount, valueKey } from './values';

export interface AlphaDetails {
  /** α = 1 − Dₒ/Dₑ; NaN when undefined: no pairable values, or a single value throughout (Dₑ = 0). */
  alpha: number;
  /** Dₒ = (1/n) Σ_c Σ_k o_ck δ²_ck */
  observedDisagreement: number;
  /** Dₑ = 1/(n(n−1)) Σ_c Σ_k n_c n_k δ²_ck */
  expectedDisagreement: number;
  /** n: the number of pairable values (values in units that have at least two). */
  pairableValues: number;
  /** Units with at least two values (possibly weighted). */
  units: number;
  /** The distinct values, in the order of `coincidences`' rows (ascending for non-nominal levels). */
  values: Value[];
  /** The coincidence matrix o_ck. */
  coincidences: number[][];
}

/**
 * Krippendorff's alpha from a coincidence matrix, following Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability" (Annenberg School for Communication, Departmental Papers 43):
 *   nominal δ²_ck = 0 if c = k else 1;  ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²;
 *   interval δ²_ck = (c − k)²;  ratio δ²_ck = ((c − k)/(c + k))².
 * For non-nominal levels `values` must be numbers in ascending order.
 *
 * When every pairable value is the same, Dₑ = 0 and α = 0/0. Krippendorff calls α undefined there (there is no
 * variation to be reliable about); the Python package `krippendorff` raises an error and ReCal reports the
 * coefficient as not computable. Dyad returns NaN so that the caller can show "undefined" with that reason.
 */
export function alphaFromCoincidences(
  values: readonly Value[],
  coincidences: readonly (readonly number[])[],
  level: MeasurementLevel,
  units: number,
): AlphaDetails {
  const v = values.length;
  const marginal = coincidences.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginal.reduce((s, x) => s + x, 0);
  const delta = differenceFunction(values, marginal, level);
  let observedSum = 0;
  let expectedSum = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      const d = delta(c, k);
      if (d === 0) continue;
      observedSum += ((coincidences[c] as readonly number[])[k] as number) * d;
      expectedSum += (marginal[c] as number) * (marginal[k] as number) * d;
    }
  }
  const observedDisagreement = n > 0 ? observedSum / n : Number.NaN;
  const expectedDisagreement = n > 1 ? expectedSum / (n * (n - 1)) : Number.NaN;
  // Written as 1 − (n−1)·ΣoΔ/ΣnnΔ: the same quotient with one rounding fewer.
  const alpha = n > 1 && expectedSum > 0 ? 1 - ((n - 1) * observedSum) / expectedSum : Number.NaN;
  return {
    alpha,
    observedDisagreement,
    expectedDisagreement,
    pairableValues: n,
    units,
    values: [...values],
    coincidences: coincidences.map((row) => [...row]),
  };
}

function differenceFunction(values: readonly Value[], marginal: readonly number[], level: MeasurementLevel): (c: number, k: number) => number {
  const num = (i: number) => values[i] as number;
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (num(c) - num(k)) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = num(c) + num(k);
        return sum === 0 ? 0 : ((num(c) - num(k)) / sum) ** 2;
      };
    case 'ordinal': {
      // cumulative[i] = n_0 + … + n_{i−1}, so Σ_{g=c..k} n_g = cumulative[k+1] − cumulative[c].
      const cumulative = [0];
      for (const m of marginal) cumulative.push((cumulative[cumulative.length - 1] as number) + m);
      return (c, k) => {
        if (c === k) return 0;
        const [lo, hi] = c < k ? [c, k] : [k, c];
        const between = (cumulative[hi + 1] as number) - (cumulative[lo] as number);
        return (between - ((marginal[lo] as number) + (marginal[hi] as number)) / 2) ** 2;
      };
    }
  }
}

/**
 * Krippendorff's alpha with its parts. `data[coder][unit]`, null for a missing value; any number of coders (≥ 2);
 * units with fewer than two values cannot be paired and are left out, as Krippendorff prescribes.
 */
export function krippendorffAlphaDetails(data: ReliabilityData, level: MeasurementLevel): AlphaDetails {
  const unitTotal = unitCount(data, "Krippendorff's alpha", 'two or more');
  const index = new Map<string, number>();
  const values: Value[] = [];
  for (const row of data) {
    for (const x of row) {
      if (isMissing(x)) continue;
      if (level !== 'nominal' && typeof x !== 'number') {
        throw new DyadError('invalid-input', `Krippendorff's alpha at the ${level} level needs numbers; got ${JSON.stringify(x)}.`);
      }
      if (level === 'ratio' && (x as number) < 0) {
        throw new DyadError('invalid-input', `Krippendorff's alpha at the ratio level needs values of zero or more; got ${String(x)}.`);
      }
      // Numbers compare as numbers at metric levels (so 2 and 2.0 are one value); nominal keeps types apart.
      const key = level === 'nominal' ? valueKey(x) : String(x);
      if (!index.has(key)) {
        index.set(key, values.length);
        values.push(x);
      }
    }
  }
  let order = values.map((_, i) => i);
  if (level !== 'nominal') order = order.sort((i, j) => (values[i] as number) - (values[j] as number));
  const rank = new Int32Array(values.length);
  order.forEach((original, r) => (rank[original] = r));
  const sortedValues = order.map((i) => values[i] as Value);
  const keyOf = (x: Value) => (level === 'nominal' ? valueKey(x) : String(x));

  const v = sortedValues.length;
  const o = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  let units = 0;
  const counts = new Map<number, number>();
  for (let u = 0; u < unitTotal; u++) {
    counts.clear();
    let m = 0;
    for (const row of data) {
      const x = row[u];
      if (isMissing(x)) continue;
      const r = rank[index.get(keyOf(x)) as number] as number;
      counts.set(r, (counts.get(r) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    units++;
    // Each ordered pair of values from different coders adds 1/(m_u − 1): o_ck += n_uc (n_uk − [c = k]) / (m_u − 1).
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const row = o[c] as number[];
        row[k] = (row[k] as number) + (nc * (c === k ? nk - 1 : nk)) / (m - 1);
      }
    }
  }
  return alphaFromCoincidences(sortedValues, o, level, units);
}

/** Krippendorff's alpha (see krippendorffAlphaDetails); NaN when undefined. */
export function krippendorffAlpha(data: ReliabilityData, level: MeasurementLevel): number {
  return krippendorffAlphaDetails(data, level).alpha;
}
