import { describe, expect, it } from 'vitest';
import { alignUnits, alignWithReport } from '../../../shared/align/align';
import { DyadError } from '../../../shared/api/errors';
import type { AlignmentRow, AlignUnit, ManualDecision } from '../../../shared/align/types';

const side = (prefix: string, ts: readonly (number | null)[]): AlignUnit[] => ts.map((time, i) => ({ id: `${prefix}${i}`, time }));
const untimed = (prefix: string, n: number) => side(prefix, Array.from({ length: n }, () => null));
const link = (c: number, t: number): ManualDecision => ({ kind: 'link', clientUnitId: `c${c}`, therapistUnitId: `t${t}` });
const unlink = (c: number, t: number): ManualDecision => ({ kind: 'unlink', clientUnitId: `c${c}`, therapistUnitId: `t${t}` });
/** Rows as short strings: "c0+t1 auto", "c2 alone", "- t3" …, the way a researcher would read the view. */
const brief = (rows: AlignmentRow[]) =>
  rows.map((r) => (r.client && r.therapist ? `${r.client}+${r.therapist} ${r.match}` : (r.client ?? r.therapist) as string));

describe('moments of two timed interviews', () => {
  it('pairs moments recalled about the same stretch of the session and leaves the rest alone, in time order', () => {
    const rows = alignUnits(side('c', [10, 65, 130]), side('t', [12, 70, 200]), [], 15);
    expect(brief(rows)).toEqual(['c0+t0 auto', 'c1+t1 auto', 'c2', 't2']);
    expect(rows[0]).toEqual({ sessionTime: 11, client: 'c0', therapist: 't0', match: 'auto', delta: 2 });
    expect(rows[3]).toEqual({ sessionTime: 200, client: null, therapist: 't2', match: 'none', delta: null });
  });

  it('counts the tolerance inclusively, also for times parsed from decimals', () => {
    expect(brief(alignUnits(side('c', [0]), side('t', [15]), [], 15))).toEqual(['c0+t0 auto']);
    expect(brief(alignUnits(side('c', [12.3]), side('t', [27.3]), [], 15))).toEqual(['c0+t0 auto']);
    expect(brief(alignUnits(side('c', [0]), side('t', [15.01]), [], 15))).toEqual(['c0', 't0']);
  });

  it('prefers more pairs over a closer single pair', () => {
    // c0 is closest to t1, but pairing it there would leave t0 and c1 out: two pairs beat one.
    expect(brief(alignUnits(side('c', [20, 34]), side('t', [8, 21]), [], 13))).toEqual(['c0+t0 auto', 'c1+t1 auto']);
  });

  it('shows a participant going back to an earlier moment at its place in the session', () => {
    // The client asked to see 00:50 again after 01:40: transcript order c0 (100 s), c1 (50 s).
    const rows = alignUnits(side('c', [100, 50]), side('t', [52, 98]), [], 15);
    expect(brief(rows)).toEqual(['c1+t0 auto', 'c0+t1 auto']);
  });

  it('keeps a moment marked twice at the same time in transcript order, both before the later pair', () => {
    expect(brief(alignUnits(side('c', [40, 40]), side('t', [45]), [], 10))).toEqual(['c0', 'c1+t0 auto']);
    expect(brief(alignUnits(side('c', [40, 40]), side('t', [35]), [], 10))).toEqual(['c0+t0 auto', 'c1']);
  });
});

describe('manual decisions', () => {
  it('a link forces a pair beyond the tolerance and splits both sides at it', () => {
    // t0 (12 s) would pair with c1 (20 s), but t0 is before the link on the therapist side and c1 after it.
    const rows = alignUnits(side('c', [10, 20]), side('t', [12, 300]), [link(0, 1)], 15);
    expect(brief(rows)).toEqual(['t0', 'c0+t1 manual', 'c1']);
    expect(rows[1]).toMatchObject({ sessionTime: 155, delta: 290 });
  });

  it('an unlink forbids that automatic pair, and the next best is taken', () => {
    expect(brief(alignUnits(side('c', [10]), side('t', [12, 20]), [], 15))).toEqual(['c0+t0 auto', 't1']);
    expect(brief(alignUnits(side('c', [10]), side('t', [12, 20]), [unlink(0, 0)], 15))).toEqual(['t0', 'c0+t1 auto']);
  });

  it('ignores a link that would cross an earlier one, and says which', () => {
    const report = alignWithReport(side('c', [10, 20]), side('t', [10, 20]), [link(0, 1), link(1, 0)], 0);
    expect(brief(report.rows)).toEqual(['t0', 'c0+t1 manual', 'c1']);
    expect(report.ignored).toEqual([{ decision: link(1, 0), index: 1, reason: 'crosses-earlier-link', because: 0 }]);
  });

  it('a later link takes a unit away from an earlier one', () => {
    const report = alignWithReport(untimed('c', 2), untimed('t', 2), [link(0, 0), link(0, 1)], 15);
    expect(brief(report.rows)).toEqual(['t0', 'c0+t1 manual', 'c1']);
    expect(report.ignored).toEqual([{ decision: link(0, 0), index: 0, reason: 'replaced-by-later-link', because: 1 }]);
  });

  it('an ignored link leaves the links it would have replaced in place', () => {
    // c2–t0 would take t0 from the first link, but it crosses c1–t1, so nothing changes.
    const report = alignWithReport(untimed('c', 3), untimed('t', 2), [link(0, 0), link(1, 1), link(2, 0)], 15);
    expect(brief(report.rows)).toEqual(['c0+t0 manual', 'c1+t1 manual', 'c2']);
    expect(report.ignored.map((x) => [x.index, x.reason, x.because])).toEqual([[2, 'crosses-earlier-link', 1]]);
  });

  it('the last word about the same two units wins', () => {
    const undone = alignWithReport(side('c', [10]), side('t', [11]), [link(0, 0), unlink(0, 0)], 15);
    expect(brief(undone.rows)).toEqual(['c0', 't0']);
    expect(undone.ignored.map((x) => [x.index, x.reason, x.because])).toEqual([[0, 'superseded', 1]]);

    const redone = alignWithReport(side('c', [10]), side('t', [100]), [unlink(0, 0), link(0, 0)], 15);
    expect(brief(redone.rows)).toEqual(['c0+t0 manual']);
    expect(redone.ignored.map((x) => [x.index, x.reason, x.because])).toEqual([[0, 'superseded', 1]]);
  });

  it('reports decisions about units that are no longer there', () => {
    const gone: ManualDecision = { kind: 'link', clientUnitId: 'c0', therapistUnitId: 'removed-by-reimport' };
    const report = alignWithReport(side('c', [10]), side('t', [11]), [gone], 15);
    expect(brief(report.rows)).toEqual(['c0+t0 auto']);
    expect(report.ignored).toEqual([{ decision: gone, index: 0, reason: 'unknown-unit', because: null }]);
  });
});

describe('interviews without session-time markers', () => {
  it('interleaves two untimed sides by relative position, starting with the client', () => {
    expect(brief(alignUnits(untimed('c', 3), untimed('t', 6), [], 15))).toEqual(['c0', 't0', 't1', 'c1', 't2', 't3', 'c2', 't4', 't5']);
  });

  it('places untimed turns between the links that frame them', () => {
    const rows = alignUnits(untimed('c', 5), untimed('t', 4), [link(2, 1)], 15);
    expect(brief(rows)).toEqual(['c0', 't0', 'c1', 'c2+t1 manual', 'c3', 't2', 'c4', 't3']);
    expect(rows.every((r) => r.sessionTime === null && r.delta === null)).toBe(true);
  });

  it('never pairs a timed side with an untimed one by itself, but honours a link between them', () => {
    const client = side('c', [30, 90]);
    const therapist = untimed('t', 2);
    expect(alignUnits(client, therapist, [], 15).filter((r) => r.match !== 'none')).toEqual([]);
    const rows = alignUnits(client, therapist, [link(1, 0)], 15);
    expect(brief(rows)).toEqual(['c0', 'c1+t0 manual', 't1']);
    expect(rows[1]).toEqual({ sessionTime: 90, client: 'c1', therapist: 't0', match: 'manual', delta: null });
  });

  it('lines up one side alone when the other interview is missing', () => {
    expect(brief(alignUnits(side('c', [50, 10]), [], [], 15))).toEqual(['c1', 'c0']);
    expect(alignUnits([], [], [], 15)).toEqual([]);
  });
});

describe('bad input', () => {
  const kindOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DyadError ? e.kind : 'not a DyadError';
    }
    return 'no error';
  };
  it('refuses a negative or missing tolerance, a repeated unit and an unusable time', () => {
    expect(kindOf(() => alignUnits([], [], [], -1))).toBe('invalid-input');
    expect(kindOf(() => alignUnits([], [], [], Number.NaN))).toBe('invalid-input');
    expect(kindOf(() => alignUnits(side('c', [1, 2]).map((u) => ({ ...u, id: 'same' })), [], [], 15))).toBe('invalid-input');
    expect(kindOf(() => alignUnits(side('c', [Number.POSITIVE_INFINITY]), [], [], 15))).toBe('invalid-input');
  });
});
