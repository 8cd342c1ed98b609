import { describe, expect, it } from 'vitest';
import { alignUnits, alignWithReport } from '../../../shared/align/align';
import { layoutStretch } from '../../../shared/align/rows';

// What the side-by-side view tells the researcher at the edges of the alignment rules (shared/align/): the messages
// for bad input and the tolerance counted inclusively down to its slack.
// Mutation testing (issue 16, docs/mutation.md) found these unguarded by examples.test.ts and properties.test.ts.

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
