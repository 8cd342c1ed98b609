/**
 * Second, deliberately plain implementations straight from the textbook formulas, written without looking at
 * shared/agreement's way of computing (no coincidence matrix, no contingency table class): if the two agree
 * on random data, neither is likely to be wrong in the same way.
 */
type V = string | number | boolean | null;

/** Cohen (1960): κ = (pₒ − pₑ)/(1 − pₑ), pₑ = Σ_c (share of A's units in c)(share of B's units in c). */
export function textbookKappa(a: readonly V[], b: readonly V[]): number {
  const pairs = a.map((x, i) => [x, b[i] as V] as const).filter(([x, y]) => x !== null && y !== null);
  const n = pairs.length;
  const po = pairs.filter(([x, y]) => x === y).length / n;
  const categories = [...new Set(pairs.flatMap(([x, y]) => [x, y]))];
  let pe = 0;
  for (const c of categories) pe += (pairs.filter(([x]) => x === c).length / n) * (pairs.filter(([, y]) => y === c).length / n);
  return (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha by pairs of values rather than a coincidence matrix:
 *   α = 1 − (n − 1) · Σ_u Σ_{i≠j ∈ u} δ²(vᵢ, vⱼ)/(m_u − 1)  /  Σ_{i≠j over all pairable values} δ²(vᵢ, vⱼ)
 * where the pairable values are those in units with m_u ≥ 2 values. For the ordinal level δ² uses the counts
 * n_g of pairable values with each value g.
 */
export function pairwiseAlpha(data: readonly (readonly V[])[], level: 'nominal' | 'ordinal' | 'interval' | 'ratio'): number {
  const units = (data[0] ?? []).map((_, u) => data.map((row) => row[u] as V).filter((x): x is Exclude<V, null> => x !== null));
  const pairable = units.filter((vs) => vs.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  const count = (g: number) => all.filter((x) => x === g).length;
  const delta = (c: Exclude<V, null>, k: Exclude<V, null>): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    const x = c as number;
    const y = k as number;
    if (level === 'interval') return (x - y) ** 2;
    if (level === 'ratio') return x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
    if (x === y) return 0;
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    const between = [...new Set(all)].filter((g) => (g as number) >= lo && (g as number) <= hi).reduce<number>((s, g) => s + count(g as number), 0);
    return (between - (count(lo) + count(hi)) / 2) ** 2;
  };
  let within = 0;
  for (const vs of pairable) {
    for (let i = 0; i < vs.length; i++) {
      for (let j = 0; j < vs.length; j++) if (i !== j) within += delta(vs[i] as never, vs[j] as never) / (vs.length - 1);
    }
  }
  let across = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) across += delta(all[i] as never, all[j] as never);
  return 1 - ((n - 1) * within) / across;
}
