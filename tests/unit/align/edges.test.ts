import { describe, expect, it } from 'vitest';
import { alignUnits, alignWithReport } from '../../../shared/align/align';
import { layoutStretch } from '../../../shared/align/rows';
import type { AlignmentRow, ManualDecision } from '../../../shared/align/types';

// What the side-by-side view tells the researcher at the edges of the alignment rules (shared/align/): the messages
// for bad input and the tolerance counted inclusively down to its slack.
// Mutation testing (issue 16, docs/mutation.md) found these unguarded by examples.test.ts and properties.test.ts.

const untimed = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, time: null }));
const link = (c: number, t: number): ManualDecision => ({ kind: 'link', clientUnitId: `c${c}`, therapistUnitId: `t${t}` });
const unlink = (c: number, t: number): ManualDecision => ({ kind: 'unlink', clientUnitId: `c${c}`, therapistUnitId: `t${t}` });
/** Rows as the researcher reads them: "c0+t1 manual", "c2" alone. */
const brief = (rows: AlignmentRow[]) => rows.map((r) => (r.client && r.therapist ? `${r.client}+${r.therapist} ${r.match}` : (r.client ?? r.therapist) as string));
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('the alignment', () => {
  it('says which side lists which unit twice, and which unit has an unusable time', () => {
    expect(refusal(() => alignUnits([], [{ id: 'm3', time: 1 }, { id: 'm3', time: 2 }], [], 15))).toBe(
      'The therapist interview lists the unit "m3" twice; each recall moment or turn must appear once.',
    );
    expect(refusal(() => alignUnits([{ id: 'm1', time: Number.NaN }], [], [], 15))).toBe('The client unit "m1" has an unusable session time (NaN).');
    expect(refusal(() => alignUnits([], [], [], -0.5))).toBe('The alignment tolerance must be zero or more seconds (got -0.5).');
  });

  it('counts the tolerance inclusively down to the slack kept for decimal times', () => {
    // At tolerance 0, two moments a billionth of a second apart are the same time (the slack of parsed decimals).
    expect(alignUnits([{ id: 'c0', time: 1e-9 }], [{ id: 't0', time: 0 }], [], 0).map((r) => r.match)).toEqual(['auto']);
    expect(alignUnits([{ id: 'c0', time: 3e-9 }], [{ id: 't0', time: 0 }], [], 0).map((r) => r.match)).toEqual(['none', 'none']);
  });

  it('shows a moment alone before the pair its neighbour joined when the researcher unlinked it, even when it is later than the pair’s partner', () => {
    // Therapist t0 (4.5 s) is within 2 s of both client moments; the researcher unlinked c0–t0, so t0 pairs with c1.
    const rows = alignWithReport([{ id: 'c0', time: 5 }, { id: 'c1', time: 6 }], [{ id: 't0', time: 4.5 }], [{ kind: 'unlink', clientUnitId: 'c0', therapistUnitId: 't0' }], 2).rows;
    expect(rows.map((r) => [r.client, r.therapist, r.match])).toEqual([
      ['c0', null, 'none'],
      ['c1', 't0', 'auto'],
    ]);
  });

  it('stops with an internal error, not wrong rows, should pairs ever cross', () => {
    const units = (p: string) => [{ id: `${p}0`, time: 1 }, { id: `${p}1`, time: 2 }];
    expect(refusal(() => layoutStretch(units('c'), units('t'), Int32Array.from([1, 0]), () => 0))).toBe('Moment alignment produced crossing pairs; please report this.');
    try {
      layoutStretch(units('c'), units('t'), Int32Array.from([1, 0]), () => 0);
    } catch (e) {
      expect((e as { kind?: unknown }).kind).toBe('internal');
    }
  });
});

describe('the report of manual decisions without effect', () => {
  it('an unlink of another pair leaves the client’s link in place', () => {
    const report = alignWithReport(untimed('c', 1), untimed('t', 2), [link(0, 0), unlink(0, 1)], 15);
    expect(brief(report.rows)).toEqual(['c0+t0 manual', 't1']);
    expect(report.ignored).toEqual([]);
  });

  it('an unlink said twice: the first is superseded by the second', () => {
    const report = alignWithReport([{ id: 'c0', time: 10 }], [{ id: 't0', time: 11 }], [unlink(0, 0), unlink(0, 0)], 15);
    expect(brief(report.rows)).toEqual(['c0', 't0']);
    expect(report.ignored).toEqual([{ decision: unlink(0, 0), index: 0, reason: 'superseded', because: 1 }]);
  });

  it('a link said twice is superseded; a link that loses its therapist unit to a later one is replaced', () => {
    const twice = alignWithReport(untimed('c', 1), untimed('t', 1), [link(0, 0), link(0, 0)], 15);
    expect(twice.ignored).toEqual([{ decision: link(0, 0), index: 0, reason: 'superseded', because: 1 }]);
    const taken = alignWithReport(untimed('c', 2), untimed('t', 1), [link(0, 0), link(1, 0)], 15);
    expect(brief(taken.rows)).toEqual(['c0', 'c1+t0 manual']);
    expect(taken.ignored).toEqual([{ decision: link(0, 0), index: 0, reason: 'replaced-by-later-link', because: 1 }]);
  });

  it('lists the decisions in the order they were made, however late each was overridden', () => {
    const gone: ManualDecision = { kind: 'link', clientUnitId: 'c0', therapistUnitId: 'removed' };
    const report = alignWithReport(untimed('c', 1), untimed('t', 1), [link(0, 0), gone, unlink(0, 0)], 15);
    expect(report.ignored.map((x) => [x.index, x.reason])).toEqual([[0, 'superseded'], [1, 'unknown-unit']]);
  });
});
