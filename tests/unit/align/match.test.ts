import { describe, expect, it } from 'vitest';
import { alignUnits } from '../../../shared/align/align';
import type { AlignmentRow } from '../../../shared/align/types';

// Which moments the side-by-side view pairs when the automatic matching (shared/align/match.ts) has a choice
// between equally good pairings. Mutation testing (issue 16, docs/mutation.md) found these choices unguarded.

const moments = (prefix: string, times: number[]) => times.map((time, i) => ({ id: `${prefix}${i}`, time }));
/** Rows as the researcher reads them: "c0+t1", or "c2" alone. */
const brief = (rows: AlignmentRow[]) => rows.map((r) => (r.client && r.therapist ? `${r.client}+${r.therapist}` : (r.client ?? r.therapist) as string));

describe('the automatic matching, when two pairings are equally good', () => {
  it('pairs a therapist moment exactly between two client moments with the earlier one', () => {
    // t0 at 5 s is 5 s from both c0 (0 s) and c1 (10 s): a tie; the earlier client moment takes it.
    expect(brief(alignUnits(moments('c', [0, 10]), moments('t', [5]), [], 5))).toEqual(['c0+t0', 'c1']);
    // Likewise on the therapist side.
    expect(brief(alignUnits(moments('c', [5]), moments('t', [0, 10]), [], 5))).toEqual(['c0+t0', 't1']);
  });

  it('keeps the earlier pairs when a later moment could take the last partner at the same distance', () => {
    // c2–t0 and c3–t1 (0 s + 1 s off); c4 at 6 s is as close to t1 (5 s) as c3 (4 s) is, but c4 stays alone.
    expect(brief(alignUnits(moments('c', [0, 1, 2, 4, 6]), moments('t', [2, 5]), [], 2))).toEqual(['c0', 'c1', 'c2+t0', 'c3+t1', 'c4']);
  });

  it('treats distances a billionth of a second apart as equal, so the earlier moment still wins the tie', () => {
    // t1 is exactly c0's time and t0 a billionth before it: within the slack kept for decimal times, a tie.
    expect(brief(alignUnits(moments('c', [1e-9]), moments('t', [0, 1e-9]), [], 0))).toEqual(['c0+t0', 't1']);
    // The researcher unlinked c1–t1; c0–t0 (a billionth apart) and c1–t0 (same time) are then equally good.
    const unlinked = [{ kind: 'unlink' as const, clientUnitId: 'c1', therapistUnitId: 't1' }];
    expect(brief(alignUnits(moments('c', [0, 1e-9]), moments('t', [1e-9, 1e-9]), unlinked, 0))).toEqual(['c0+t0', 'c1', 't1']);
  });

  it('pairs the first of two moments at the same session time as their partner', () => {
    // Two client markers at 10 s, one therapist marker at 10 s: the first in transcript order pairs, the second follows alone.
    expect(brief(alignUnits(moments('c', [10, 10]), moments('t', [10]), [], 0))).toEqual(['c0+t0', 'c1']);
    expect(brief(alignUnits(moments('c', [10]), moments('t', [10, 10]), [], 0))).toEqual(['c0+t0', 't1']);
  });

  it('does not move a pair onto a moment the researcher unlinked from its partner', () => {
    // Two client markers at 10 s, the therapist's at 12 s: the later client marker would take it, but the
    // researcher unlinked c1–t0, so t0 stays with c0 and c1 follows alone.
    const unlinked = [{ kind: 'unlink' as const, clientUnitId: 'c1', therapistUnitId: 't0' }];
    expect(brief(alignUnits(moments('c', [10, 10]), moments('t', [12]), [], 5))).toEqual(['c0', 'c1+t0']);
    expect(brief(alignUnits(moments('c', [10, 10]), moments('t', [12]), unlinked, 5))).toEqual(['c0+t0', 'c1']);
  });
});
