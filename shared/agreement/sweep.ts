import { DyadError } from '../domain/errors';

export interface Span {
  start: number;
  end: number;
}

/** One coder's coverage: sorted, disjoint, non-touching [starts[i], ends[i]). */
export interface Union {
  starts: Float64Array;
  ends: Float64Array;
}

/** A coder who has not coded: shared, since nothing writes to a union once made. */
const NONE: Union = { starts: new Float64Array(0), ends: new Float64Array(0) };

/**
 * One coder's coded stretches as sorted, disjoint, non-touching intervals, clipped to [0, limit).
 * Overlapping or adjacent codings merge: for agreement on a single code, a character is coded or not.
 *
 * Starts and ends are sorted separately (a native numeric sort, several times faster than sorting objects)
 * and the union is where the count of open codings is above zero; a start at the same offset as an end is
 * taken first, so touching codings join. A study's report makes one union per coder, code and interview (tens of
 * thousands, of two or three codings each): the two arrays sorted are the only ones allocated, and the union is
 * written over them.
 */
export function unionOf(spans: readonly Span[], limit: number): Union {
  let starts = new Float64Array(spans.length);
  let ends = new Float64Array(spans.length);
  let count = 0;
  for (const s of spans) {
    const start = s.start > 0 ? s.start : 0;
    const end = s.end < limit ? s.end : limit;
    if (end <= start) continue;
    starts[count] = start;
    ends[count] = end;
    count++;
  }
  if (count === 0) return NONE;
  if (count < spans.length) {
    starts = starts.slice(0, count);
    ends = ends.slice(0, count);
  }
  starts.sort();
  ends.sort();
  // The k-th smallest end is never before the k-th smallest start, so an end is only read while one is open.
  // The n-th interval of the union is written at index n, behind every start and end still to be read (each
  // interval used up at least one of each).
  let n = 0;
  let j = 0;
  let open = 0;
  for (let i = 0; i < count; ) {
    if ((starts[i] as number) <= (ends[j] as number)) {
      if (i - j === 0) open = starts[i] as number;
      i++;
    } else {
      j++;
      if (i - j === 0) {
        const end = ends[j - 1] as number;
        starts[n] = open;
        ends[n] = end;
        n++;
      }
    }
  }
  const last = ends[count - 1] as number;
  starts[n] = open;
  ends[n] = last;
  n++;
  return n === count ? { starts, ends } : { starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

/**
 * Walks [0, length) once, calling `visit` for every maximal stretch on which no coder's coverage changes, with
 * each coder's state (1 coded, 0 not) in `coded`. The work is proportional to the number of interval ends
 * times the number of coders, never to the text's length: 4 million characters cost nothing by themselves.
 * `coded` is reused between calls.
 */
export function sweepCoverage(
  unions: readonly Union[],
  length: number,
  visit: (start: number, end: number, coded: Uint8Array) => void,
): void {
  const k = unions.length;
  const next = new Int32Array(k); // index of each coder's next interval
  const coded = new Uint8Array(k);
  let pos = 0;
  while (pos < length) {
    let boundary = length;
    for (let c = 0; c < k; c++) {
      const u = unions[c] as Union;
      const i = next[c] as number;
      const b = coded[c] ? (u.ends[i] as number) : i < u.starts.length ? (u.starts[i] as number) : Infinity;
      if (b < boundary) boundary = b;
    }
    if (boundary > pos) visit(pos, boundary, coded);
    for (let c = 0; c < k; c++) {
      const u = unions[c] as Union;
      const i = next[c] as number;
      if (coded[c]) {
        if (u.ends[i] === boundary) {
          coded[c] = 0;
          next[c] = i + 1;
        }
      } else if (i < u.starts.length && u.starts[i] === boundary) coded[c] = 1;
    }
    pos = boundary;
  }
}

/** Whether a coder's union touches [start, end) with at least one character; a binary search, O(log n). */
export function overlaps(union: Union, start: number, end: number): boolean {
  // First interval ending after `start`; it overlaps when it also begins before `end`.
  let lo = 0;
  let hi = union.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((union.ends[mid] as number) > start) hi = mid;
    else lo = mid + 1;
  }
  return lo < union.starts.length && (union.starts[lo] as number) < end;
}

export function checkSpan(s: Span, what: string): void {
  if (!Number.isFinite(s.start) || !Number.isFinite(s.end) || s.start < 0 || s.start > s.end) {
    throw new DyadError('invalid-input', `${what} has an impossible extent (${String(s.start)}–${String(s.end)}).`);
  }
}
