/**
 * Splits a stretch of text [start, end) at every boundary of the ranges laid over it (recall-moment markers,
 * find hits, the passage kept selected for coding), so each piece renders as one span that knows its absolute
 * offsets and what covers it. Codings are cut in on top of these (components/coding/model/codedPieces.ts).
 */
export type MarkKind = 'marker' | 'find' | 'find-current' | 'selection' | 'spoken';

export interface TextMark {
  start: number;
  end: number;
  kind: MarkKind;
}

interface TextPiece {
  start: number;
  end: number;
  kinds: MarkKind[];
}

export function splitPieces(start: number, end: number, marks: readonly TextMark[]): TextPiece[] {
  const inside = marks.filter((m) => m.end > start && m.start < end && m.end > m.start);
  if (inside.length === 0) return [{ start, end, kinds: [] }];
  const cuts = new Set<number>([start, end]);
  for (const m of inside) {
    cuts.add(Math.max(start, m.start));
    cuts.add(Math.min(end, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const kinds = inside.filter((m) => m.start <= a && m.end >= b).map((m) => m.kind);
    pieces.push({ start: a, end: b, kinds });
  }
  return pieces;
}
