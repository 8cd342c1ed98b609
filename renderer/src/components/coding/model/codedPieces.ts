import { splitPieces, type MarkKind, type TextMark } from '../../../model/pieces';

/** A coding as the text draws it: only what the marks need, so pending (optimistic) codings draw the same way. */
interface DrawnCoding {
  id: string;
  codeId: string;
  start: number;
  end: number;
  color: string;
}

export interface CodedPiece {
  start: number;
  end: number;
  kinds: MarkKind[];
  /** Codings covering the whole piece, in the order they were given (outermost first). */
  codings: DrawnCoding[];
}

/**
 * The pieces of `splitPieces` (markers, find hits) cut again at every coding boundary, so each rendered span is
 * covered by one fixed set of codings and can say which (data-codings) for the margin stripes to measure.
 */
export function splitCoded(start: number, end: number, marks: readonly TextMark[], codings: readonly DrawnCoding[]): CodedPiece[] {
  const inside = codings.filter((c) => c.end > start && c.start < end && c.end > c.start);
  const base = splitPieces(start, end, marks);
  if (inside.length === 0) return base.map((p) => ({ ...p, codings: [] }));
  const cuts = new Set<number>();
  for (const c of inside) {
    if (c.start > start && c.start < end) cuts.add(c.start);
    if (c.end > start && c.end < end) cuts.add(c.end);
  }
  const out: CodedPiece[] = [];
  for (const p of base) {
    const points = [p.start, ...[...cuts].filter((x) => x > p.start && x < p.end).sort((a, b) => a - b), p.end];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      out.push({ start: a, end: b, kinds: p.kinds, codings: inside.filter((c) => c.start <= a && c.end >= b) });
    }
  }
  return out;
}

/** Longer codings first, so the outer one keeps the lowest underline whatever was coded after it. */
export function drawOrder<T extends DrawnCoding>(codings: readonly T[]): T[] {
  return [...codings].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : 1));
}
