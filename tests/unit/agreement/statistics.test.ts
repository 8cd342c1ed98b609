import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  cohensKappaDetails,
  krippendorffAlpha,
  krippendorffAlphaDetails,
  percentAgreement,
} from '../../../shared/agreement/index';
import { DyadError } from '../../../shared/api/errors';
import { pairwiseAlpha, textbookKappa } from './reference';

const _ = null;

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
 * Departmental Papers 43, section C: 4 observers, 12 units, values 1–5, missing values. The paper reports
 * α_nominal = 0.743, α_ordinal = 0.815, α_interval = 0.849, α_ratio = 0.797. (The ordinal and ratio figures
 * are also the expected values in the test suite of the Python package `krippendorff`, pln-fing-udelar/fast-krippendorff.)
 */
const krippendorff2011C = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/**
 * Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders, 15 units, values 1–4.
 * Published: α_nominal = 0.691, α_interval = 0.811 (0.691358 and 0.810845 in the `krippendorff` package's tests).
 */
const wikipediaExample = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

describe("Krippendorff's alpha against published values", () => {
  it('reproduces Krippendorff (2011), section C, at all four levels', () => {
    expect(krippendorffAlpha(krippendorff2011C, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(krippendorff2011C, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(krippendorff2011C, 'interval')).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(krippendorff2011C, 'ratio')).toBeCloseTo(0.797, 3);
    // Unit 12 has one value and is unpairable; the other 11 units hold 40 pairable values (the paper's n = 40).
    const details = krippendorffAlphaDetails(krippendorff2011C, 'nominal');
    expect(details.units).toBe(11);
    expect(details.pairableValues).toBe(40);
  });

  it('reproduces Krippendorff (2011), section A: binary data, 2 observers, 10 units, α = 0.095', () => {
    // By hand: 5 units agree on 0, 1 on 1, 4 disagree; n₀ = 14, n₁ = 6, n = 20, α = 1 − 19·4/(14·6) = 0.0952.
    const data = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    expect(krippendorffAlpha(data, 'nominal')).toBeCloseTo(0.095, 3);
    expect(krippendorffAlpha(data, 'nominal')).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12);
  });

  it('reproduces Krippendorff (2011), section B: nominal data, 2 observers, 12 units, α = 0.692', () => {
    // By hand: 3 disagreeing units; n_a = 4, n_b = 6, n_c = 6, n_d = 6, n_e = 2, n = 24;
    // α = 1 − 23·6 / (24² − Σn_c²) = 1 − 138/448 = 0.692.
    const data = [
      ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
      ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'],
    ];
    expect(krippendorffAlpha(data, 'nominal')).toBeCloseTo(0.692, 3);
    expect(krippendorffAlpha(data, 'nominal')).toBeCloseTo(1 - 138 / 448, 12);
  });

  it('reproduces the Wikipedia computational example', () => {
    expect(krippendorffAlpha(wikipediaExample, 'nominal')).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(wikipediaExample, 'interval')).toBeCloseTo(0.810845, 6);
  });
});

describe("Cohen's kappa and percent agreement against a published example", () => {
  it('gives pₒ = 0.70, pₑ = 0.50, κ = 0.40 for the 2×2 table 20 / 5 / 10 / 15 (Wikipedia, "Cohen\'s kappa")', () => {
    // 20 units both say yes, 5 A yes B no, 10 A no B yes, 15 both no.
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    const details = cohensKappaDetails([a, b]);
    expect(details.observed).toBeCloseTo(0.7, 12);
    expect(details.expected).toBeCloseTo(0.5, 12);
    expect(details.kappa).toBeCloseTo(0.4, 12);
    expect(details.units).toBe(50);
    expect(percentAgreement([a, b])).toBeCloseTo(0.7, 12);
  });

  it('skips units either coder left without a value', () => {
    const a = ['x', 'y', null, 'x', 'y'];
    const b = ['x', null, 'y', 'y', 'y'];
    expect(percentAgreement([a, b])).toBeCloseTo(2 / 3, 12);
    expect(cohensKappaDetails([a, b]).units).toBe(3);
  });
});

describe('agreement statistics against independent textbook computations', () => {
  const value = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 4 });
  const table = (coders: number) =>
    fc.integer({ min: 1, max: 12 }).chain((units) => fc.array(fc.array(value, { minLength: units, maxLength: units }), { minLength: coders, maxLength: coders }));

  it('kappa equals the textbook formula whenever it is defined', () => {
    fc.assert(
      fc.property(table(2), (data) => {
        const expected = textbookKappa(data[0] as never, data[1] as never);
        const got = cohensKappa(data);
        if (Number.isFinite(expected)) expect(got).toBeCloseTo(expected, 10);
        else expect(got).toBeNaN();
      }),
      { numRuns: 500 },
    );
  });

  it('alpha equals the pairwise definition at every level, for 2–5 coders with missing values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((k) => table(k)),
        fc.constantFrom('nominal', 'ordinal', 'interval', 'ratio') as fc.Arbitrary<'nominal' | 'ordinal' | 'interval' | 'ratio'>,
        (data, level) => {
          const expected = pairwiseAlpha(data, level);
          const got = krippendorffAlpha(data, level);
          if (Number.isFinite(expected)) expect(got).toBeCloseTo(expected, 9);
          else expect(got).toBeNaN();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('for two coders without missing values, nominal observed disagreement is the share of disagreeing units', () => {
    fc.assert(
      fc.property(table(2), (data) => {
        const full = data.map((row) => row.map((x) => x ?? 0));
        expect(krippendorffAlphaDetails(full, 'nominal').observedDisagreement).toBeCloseTo(1 - percentAgreement(full), 12);
      }),
    );
  });
});

describe('edge cases', () => {
  it('perfect agreement on varied values is 1', () => {
    const data = [
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, _, 4],
    ];
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) expect(krippendorffAlpha(data, level)).toBe(1);
  });

  it('is undefined (NaN), not 1, when everybody gives every unit the same value', () => {
    const same = [
      ['shame', 'shame', 'shame'],
      ['shame', 'shame', 'shame'],
    ];
    expect(krippendorffAlpha(same, 'nominal')).toBeNaN();
    expect(cohensKappa(same)).toBeNaN();
    expect(percentAgreement(same)).toBe(1);
  });

  it('is undefined when no unit has two values', () => {
    const data = [
      [1, _],
      [_, 2],
    ];
    expect(krippendorffAlpha(data, 'nominal')).toBeNaN();
    expect(percentAgreement(data)).toBeNaN();
    expect(cohensKappa(data)).toBeNaN();
  });

  it('keeps 1, "1" and true apart as nominal categories', () => {
    expect(percentAgreement([[1, '1', true], ['1', 1, 1]])).toBe(0);
  });

  const kindOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DyadError ? e.kind : 'not a DyadError';
    }
    return 'no error';
  };
  it('refuses data it cannot interpret', () => {
    expect(kindOf(() => krippendorffAlpha([[1, 2]], 'nominal'))).toBe('invalid-input');
    expect(kindOf(() => cohensKappa([[1], [1], [1]]))).toBe('invalid-input');
    expect(kindOf(() => percentAgreement([[1, 2], [1]]))).toBe('invalid-input');
    expect(kindOf(() => krippendorffAlpha([['low'], ['high']], 'interval'))).toBe('invalid-input');
    expect(kindOf(() => krippendorffAlpha([[-1], [2]], 'ratio'))).toBe('invalid-input');
    expect(kindOf(() => krippendorffAlpha([[Number.NaN], [2]], 'interval'))).toBe('invalid-input');
  });
});
