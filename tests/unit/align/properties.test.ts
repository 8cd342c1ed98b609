import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignWithReport } from '../../../shared/align/align';
import type { AlignmentRow, AlignUnit, ManualDecision } from '../../../shared/align/types';
import { bruteForceBest, readingOrder } from './reference';

// Small integer times make ties and boundary cases (difference exactly the tolerance) common.
const times = (max: number) => fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: max });
const tolerance = fc.integer({ min: 0, max: 8 });

const side = (prefix: string, ts: readonly (number | null)[]): AlignUnit[] => ts.map((time, i) => ({ id: `${prefix}${i}`, time }));

/** Decisions over unit indices; index −1 names a unit that does not exist. */
const decisions = (n: number, m: number) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom<'link' | 'unlink'>('link', 'unlink', 'unlink'),
      c: fc.integer({ min: -1, max: Math.max(0, n - 1) }),
      t: fc.integer({ min: -1, max: Math.max(0, m - 1) }),
    }),
    { maxLength: 6 },
  ).map((ds) =>
    ds.map((d): ManualDecision => ({ kind: d.kind, clientUnitId: d.c < 0 ? 'gone' : `c${d.c}`, therapistUnitId: d.t < 0 ? 'gone' : `t${d.t}` })),
  );

/** A timed or untimed client side, a therapist side, decisions, tolerance. */
const scenario = fc
  .record({
    client: times(7),
    therapist: times(7),
    clientTimed: fc.boolean(),
    therapistTimed: fc.boolean(),
    tolerance,
  })
  .chain((s) =>
    decisions(s.client.length, s.therapist.length).map((ds) => ({
      client: side('c', s.clientTimed ? s.client : s.client.map(() => null)),
      therapist: side('t', s.therapistTimed ? s.therapist : s.therapist.map(() => null)),
      decisions: ds,
      tolerance: s.tolerance,
    })),
  );

const column = (rows: AlignmentRow[], key: 'client' | 'therapist') => rows.map((r) => r[key]).filter((x): x is string => x !== null);
const timeOf = (units: AlignUnit[]) => new Map(units.map((u) => [u.id, u.time]));

describe('alignWithReport: structure', () => {
  it('puts every unit in exactly one row, and each column in its side’s reading order (hence no crossings)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { rows } = alignWithReport(s.client, s.therapist, s.decisions, s.tolerance);
        expect(column(rows, 'client')).toEqual(readingOrder(s.client));
        expect(column(rows, 'therapist')).toEqual(readingOrder(s.therapist));
        for (const r of rows) expect(r.client !== null || r.therapist !== null).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('pairs automatically only within the tolerance, never an unlinked pair, and marks every row truthfully', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { rows, ignored } = alignWithReport(s.client, s.therapist, s.decisions, s.tolerance);
        const ct = timeOf(s.client);
        const tt = timeOf(s.therapist);
        const ignoredAt = new Set(ignored.map((x) => x.index));
        const live = s.decisions.filter((_, i) => !ignoredAt.has(i));
        const unlinked = new Set(live.filter((d) => d.kind === 'unlink').map((d) => `${d.clientUnitId}|${d.therapistUnitId}`));
        const linked = new Set(live.filter((d) => d.kind === 'link').map((d) => `${d.clientUnitId}|${d.therapistUnitId}`));
        const manual = new Set<string>();
        for (const r of rows) {
          const both = r.client !== null && r.therapist !== null;
          expect(r.match === 'none').toBe(!both);
          if (!both) continue;
          const key = `${r.client}|${r.therapist}`;
          const a = ct.get(r.client as string) ?? null;
          const b = tt.get(r.therapist as string) ?? null;
          if (r.match === 'auto') {
            expect(a !== null && b !== null && Math.abs(a - b) <= s.tolerance).toBe(true);
            expect(unlinked.has(key)).toBe(false);
          } else manual.add(key);
          if (a !== null && b !== null) {
            expect(r.delta).toBe(Math.abs(a - b));
            expect(r.sessionTime).toBe((a + b) / 2);
          } else {
            expect(r.delta).toBeNull();
            expect(r.sessionTime).toBe(a ?? b);
          }
        }
        // Every link still in force is drawn, and nothing else is drawn as manual.
        expect([...manual].sort()).toEqual([...linked].sort());
      }),
      { numRuns: 500 },
    );
  });

  it('keeps rows in session-time order when both sides are timed and nothing was decided by hand', () => {
    // A narrow range of times: equal times on one side are what this property is most fragile about.
    const crowded = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 10 });
    fc.assert(
      fc.property(crowded, crowded, tolerance, (a, b, tol) => {
        const { rows } = alignWithReport(side('c', a), side('t', b), [], tol);
        const sessionTimes = rows.map((r) => r.sessionTime as number);
        for (let k = 1; k < sessionTimes.length; k++) expect(sessionTimes[k]).toBeGreaterThanOrEqual(sessionTimes[k - 1] as number);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('alignWithReport: optimality against brute force', () => {
  const sorted = (ts: number[]) => [...ts].sort((x, y) => x - y);
  const autoTotals = (rows: AlignmentRow[]) => {
    const auto = rows.filter((r) => r.match === 'auto');
    return { pairs: auto.length, cost: auto.reduce((s, r) => s + (r.delta as number), 0) };
  };

  it('finds the most pairs and, among those, the least total difference', () => {
    fc.assert(
      fc.property(times(7), times(7), tolerance, (a, b, tol) => {
        const best = bruteForceBest(sorted(a), sorted(b), tol, new Set(), []);
        const got = autoTotals(alignWithReport(side('c', a), side('t', b), [], tol).rows);
        expect(got.pairs).toBe(best.pairs);
        expect(got.cost).toBeCloseTo(best.cost, 9);
      }),
      { numRuns: 1000 },
    );
  });

  it('stays optimal around forbidden pairs and fixed links', () => {
    const withDecisions = fc
      .record({ a: times(6), b: times(6), tol: tolerance })
      .chain(({ a, b, tol }) =>
        fc
          .record({
            linkPairs: fc.array(fc.tuple(fc.nat(Math.max(0, a.length - 1)), fc.nat(Math.max(0, b.length - 1))), { maxLength: 3 }),
            unlinkPairs: fc.array(fc.tuple(fc.nat(Math.max(0, a.length - 1)), fc.nat(Math.max(0, b.length - 1))), { maxLength: 4 }),
          })
          .map((d) => ({ a: sorted(a), b: sorted(b), tol, ...d })),
      )
      .filter(({ a, b }) => a.length > 0 && b.length > 0);
    fc.assert(
      fc.property(withDecisions, ({ a, b, tol, linkPairs, unlinkPairs }) => {
        // Keep a set of links the spec accepts as is: no shared unit, no crossing.
        const links: [number, number][] = [];
        for (const [c, t] of linkPairs) {
          if (links.some(([c2, t2]) => c2 === c || t2 === t || c2 < c !== t2 < t)) continue;
          links.push([c, t]);
        }
        const unlinks = unlinkPairs.filter(
          ([c, t], k) =>
            !links.some(([c2, t2]) => c2 === c && t2 === t) && unlinkPairs.findIndex(([c2, t2]) => c2 === c && t2 === t) === k,
        );
        // Times are sorted and the sort is stable, so unit indices are reading positions.
        const ds: ManualDecision[] = [
          ...unlinks.map(([c, t]): ManualDecision => ({ kind: 'unlink', clientUnitId: `c${c}`, therapistUnitId: `t${t}` })),
          ...links.map(([c, t]): ManualDecision => ({ kind: 'link', clientUnitId: `c${c}`, therapistUnitId: `t${t}` })),
        ];
        const { rows, ignored } = alignWithReport(side('c', a), side('t', b), ds, tol);
        expect(ignored).toEqual([]);
        const best = bruteForceBest(a, b, tol, new Set(unlinks.map(([c, t]) => `${c}:${t}`)), links);
        const got = autoTotals(rows);
        expect(got.pairs).toBe(best.pairs);
        expect(got.cost).toBeCloseTo(best.cost, 9);
        expect(rows.filter((r) => r.match === 'manual').map((r) => `${r.client}|${r.therapist}`)).toEqual(
          [...links].sort((x, y) => x[0] - y[0]).map(([c, t]) => `c${c}|t${t}`),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
