/**
 * Interval logic of retrieval and concordance, over half-open UTF-16 spans [start, end) of one interview's text
 * (shared/text/offsets.ts). Two spans overlap when they share at least one character; touching spans do not.
 * Every function here has a per-character reference in tests/unit/analysis/intervals.test.ts.
 */

export interface Span {
  start: number;
  end: number;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

const byStart = (a: Span, b: Span) => a.start - b.start || a.end - b.end;

/** The characters covered by at least one span, as maximal runs in text order (touching spans merge). */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort(byStart);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Index of the first span of `sorted` (ends non-decreasing) whose end is after `pos`; sorted.length if none. */
function firstEndingAfter(sorted: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Indices of the units a span overlaps. `units` are in text order and do not overlap each other (recall moments,
 * or speaker turns), so their ends are non-decreasing and a binary search finds the first.
 */
export function unitsOverlapping(units: readonly Span[], span: Span): number[] {
  const out: number[] = [];
  if (span.end <= span.start) return out;
  for (let i = firstEndingAfter(units, span.start); i < units.length && units[i]!.start < span.end; i++) {
    if (units[i]!.end > units[i]!.start) out.push(i);
  }
  return out;
}

/** True when `span` overlaps one of `runs` (disjoint, in text order, e.g. the output of `union`). */
function overlapsRuns(runs: readonly Span[], span: Span): boolean {
  const i = firstEndingAfter(runs, span.start);
  return i < runs.length && runs[i]!.start < span.end;
}

interface Intersection<A extends Span, B extends Span> extends Span {
  /** The A items and B items that cover part of this run. */
  a: A[];
  b: B[];
}

/**
 * 'A and B overlap': the maximal runs of characters covered by some A item and some B item, each with the items
 * of either side that touch it. Runs of the union of A and the union of B are separated by at least one
 * character, so the intersections of the two are themselves maximal.
 */
export function intersectRuns<A extends Span, B extends Span>(a: readonly A[], b: readonly B[]): Intersection<A, B>[] {
  const ua = union(a);
  const ub = union(b);
  const runs: Intersection<A, B>[] = [];
  let i = 0;
  let j = 0;
  while (i < ua.length && j < ub.length) {
    const x = ua[i]!;
    const y = ub[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) runs.push({ start, end, a: [], b: [] });
    if (x.end < y.end) i++;
    else j++;
  }
  attach(runs, a, (r) => r.a);
  attach(runs, b, (r) => r.b);
  return runs;
}

function attach<T extends Span, R extends Span>(runs: R[], items: readonly T[], list: (r: R) => T[]): void {
  if (!runs.length) return;
  const sorted = [...items].sort(byStart);
  for (const it of sorted) {
    for (let k = firstEndingAfter(runs, it.start); k < runs.length && runs[k]!.start < it.end; k++) list(runs[k]!).push(it);
  }
}

/** 'A but not B': the A items that share no character with any B item. */
export function withoutOverlap<A extends Span>(a: readonly A[], b: readonly Span[]): A[] {
  const ub = union(b);
  return a.filter((x) => x.end > x.start && !overlapsRuns(ub, x));
}

interface CoUnitMatch<A extends Span, B extends Span> {
  item: A;
  /** Indices (into A's units) of the units through which the item qualified. */
  units: number[];
  /** The B items found in the partner units. */
  partners: B[];
}

/**
 * 'A in the same recall moment as B': the A items that overlap a unit whose partner unit (in `bUnits`) is
 * overlapped by a B item. For the same side, `bUnits` are A's units and `partnersOf(i)` is [i]; across the
 * two sides of a session, `partnersOf` maps a unit to the units of the other side aligned with it.
 */
export function coUnit<A extends Span, B extends Span>(
  a: readonly A[],
  aUnits: readonly Span[],
  b: readonly B[],
  bUnits: readonly Span[],
  partnersOf: (aUnit: number) => readonly number[],
): CoUnitMatch<A, B>[] {
  const inUnit = new Map<number, B[]>();
  for (const it of b) {
    for (const u of unitsOverlapping(bUnits, it)) {
      const list = inUnit.get(u);
      if (list) list.push(it);
      else inUnit.set(u, [it]);
    }
  }
  const out: CoUnitMatch<A, B>[] = [];
  if (!inUnit.size) return out;
  for (const it of a) {
    const units: number[] = [];
    const partners = new Set<B>();
    for (const u of unitsOverlapping(aUnits, it)) {
      let hit = false;
      for (const p of partnersOf(u)) {
        const found = inUnit.get(p);
        if (!found) continue;
        hit = true;
        for (const f of found) partners.add(f);
      }
      if (hit) units.push(u);
    }
    if (units.length) out.push({ item: it, units, partners: [...partners] });
  }
  return out;
}
