import { TIME_EPSILON, withinTolerance } from './sequence';

const UP = 0; // best(i, j) = best(i − 1, j): client i stays alone
const LEFT = 1; // best(i, j) = best(i, j − 1): therapist j stays alone
const PAIR = 2; // client i and therapist j share a row

/**
 * Pairs two time-sorted lists of session times without crossings: the most pairs within the tolerance and,
 * among those, the smallest total |time difference|. Returns, for each client index, its therapist index or −1.
 *
 * A plain longest-common-subsequence table would be n·m. Because both lists are sorted, the therapist times
 * within tolerance of client i form a window [lo_i, hi_i] whose ends only move right as i grows, so the table
 * is kept only on those windows (plus the column just before each): O(n·w) time and memory, w the widest window.
 * Outside its window a row holds no new pairs, which is what `lookup` uses to answer for any column.
 */
export function matchWithinTolerance(
  client: ArrayLike<number>,
  therapist: ArrayLike<number>,
  toleranceSeconds: number,
  allowed: (clientIndex: number, therapistIndex: number) => boolean,
): Int32Array {
  const n = client.length;
  const m = therapist.length;
  const match = new Int32Array(n).fill(-1);
  const ct = (i: number) => client[i] as number;
  const tt = (j: number) => therapist[j] as number;

  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const base = new Int32Array(n + 1);
  let l = 0;
  let h = -1;
  for (let i = 0; i < n; i++) {
    const a = ct(i);
    while (l < m && tt(l) < a && !withinTolerance(a, tt(l), toleranceSeconds)) l++;
    // Every time before lo is earlier than a, so h (which never moves back) reaches at least lo − 1 here.
    while (h + 1 < m && (tt(h + 1) <= a || withinTolerance(a, tt(h + 1), toleranceSeconds))) h++;
    lo[i] = l;
    hi[i] = h;
    // Row i stores columns lo−1 … hi; lo ≤ hi + 1 always, so at least one cell.
    base[i + 1] = (base[i] as number) + (h - l + 2);
  }

  const size = base[n] as number;
  const count = new Int32Array(size);
  const cost = new Float64Array(size);
  const choice = new Uint8Array(size);
  const cell = (i: number, j: number) => (base[i] as number) + (j - (lo[i] as number) + 1);

  // best(x, y) for y ≥ lo_x − 1 (always the case: lo only moves right), as an index into the arrays, or −1 for
  // the empty matching before the first row. hi_x ≥ lo_x − 1, so the column is always one row x stores.
  const lookup = (x: number, y: number): number => {
    if (x < 0) return -1;
    const top = hi[x] as number;
    return cell(x, y > top ? top : y);
  };
  const countAt = (k: number) => (k < 0 ? 0 : (count[k] as number));
  const costAt = (k: number) => (k < 0 ? 0 : (cost[k] as number));

  for (let i = 0; i < n; i++) {
    const first = lo[i] as number;
    const last = hi[i] as number;
    const edge = cell(i, first - 1);
    const fromAbove = lookup(i - 1, first - 1);
    count[edge] = countAt(fromAbove);
    cost[edge] = costAt(fromAbove);
    choice[edge] = UP;
    for (let j = first; j <= last; j++) {
      const here = cell(i, j);
      const up = lookup(i - 1, j);
      let bestCount = countAt(up);
      let bestCost = costAt(up);
      let how = UP;
      const left = here - 1;
      const leftCount = count[left] as number;
      const leftCost = cost[left] as number;
      if (leftCount > bestCount || (leftCount === bestCount && leftCost < bestCost - TIME_EPSILON)) {
        bestCount = leftCount;
        bestCost = leftCost;
        how = LEFT;
      }
      if (allowed(i, j)) {
        const diag = lookup(i - 1, j - 1);
        const pairCount = countAt(diag) + 1;
        const pairCost = costAt(diag) + Math.abs(ct(i) - tt(j));
        if (pairCount > bestCount || (pairCount === bestCount && pairCost < bestCost - TIME_EPSILON)) {
          bestCount = pairCount;
          bestCost = pairCost;
          how = PAIR;
        }
      }
      count[here] = bestCount;
      cost[here] = bestCost;
      choice[here] = how;
    }
  }

  let i = n - 1;
  let j = m - 1;
  while (i >= 0 && j >= 0) {
    // j never falls below lo_i − 1, row i's first stored column, whose choice is UP.
    if (j > (hi[i] as number)) j = hi[i] as number;
    else {
      const how = choice[cell(i, j)];
      if (how === PAIR) {
        match[i] = j;
        i--;
        j--;
      } else if (how === LEFT) j--;
      else i--;
    }
  }
  return match;
}

/**
 * Among equally good matchings, picks the one that keeps rows in time order when a side has several units at
 * the same session time (two markers at 12:34). Such units are read in transcript order, so if the pair's
 * other unit is later, the pair should take the last free one of them (the rest come first, at the earlier
 * time); if it is earlier, the first (where matchWithinTolerance already puts it). Moving a pair within a run of unpaired equal-time units changes neither
 * the number of pairs, nor the total difference, nor any crossing.
 */
export function settleTies(
  match: Int32Array,
  client: ArrayLike<number>,
  therapist: ArrayLike<number>,
  allowed: (clientIndex: number, therapistIndex: number) => boolean,
): void {
  settleSide(match, client, therapist, allowed);
  const byTherapist = new Int32Array(therapist.length).fill(-1);
  match.forEach((j, i) => {
    if (j >= 0) byTherapist[j] = i;
  });
  settleSide(byTherapist, therapist, client, (j, i) => allowed(i, j));
  match.fill(-1);
  byTherapist.forEach((i, j) => {
    if (i >= 0) match[i] = j;
  });
}

/**
 * Slides each pair of `own` units whose partner is later to the last allowed free unit of its run of equal-time
 * units. A pair whose partner is earlier is already on the first: on a tie the matching leaves the later unit
 * alone (UP and LEFT win over PAIR unless the pair is strictly better), so it never pairs a unit while an
 * equal-time one before it, allowed with the same partner, stays free.
 */
function settleSide(
  partner: Int32Array,
  own: ArrayLike<number>,
  other: ArrayLike<number>,
  allowed: (ownIndex: number, otherIndex: number) => boolean,
): void {
  const n = own.length;
  // Last-first, so that each pair frees room for the one before it.
  for (let i = n - 1; i >= 0; i--) {
    const p = partner[i] as number;
    const t = own[i] as number;
    if (p < 0 || !((other[p] as number) > t)) continue;
    let target = i;
    for (let k = i + 1; k < n && own[k] === t && partner[k] === -1; k++) {
      if (allowed(k, p)) target = k;
    }
    if (target !== i) {
      partner[i] = -1;
      partner[target] = p;
    }
  }
}
