import type { RowModel } from './rows';
import type { Side } from './types';

/** One hit of "find in session": where it is (row, column) and its absolute offsets in that interview's text. */
export interface FindMatch {
  row: number;
  side: Side;
  interviewId: string;
  start: number;
  end: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Case-insensitive search over what the cells show, in reading order: row by row, client before therapist.
 * A regular expression on the original text (not a lower-cased copy) keeps offsets exact.
 */
export function findMatches(rows: readonly RowModel[], query: string): FindMatch[] {
  const q = query.trim();
  if (q.length === 0) return [];
  const re = new RegExp(escapeRegExp(q), 'giu');
  const out: FindMatch[] = [];
  for (const r of rows) {
    for (const c of [r.client, r.therapist]) {
      if (!c) continue;
      for (const seg of c.segments) {
        const slice = c.interview.text.slice(seg.start, seg.end);
        re.lastIndex = 0;
        for (let m = re.exec(slice); m; m = re.exec(slice)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          out.push({ row: r.index, side: c.side, interviewId: c.interview.id, start: seg.start + m.index, end: seg.start + m.index + m[0].length });
        }
      }
    }
  }
  return out;
}
