import { describe, expect, it } from 'vitest';
import { agreementForCode, alphaFromCoincidences, kappaFromTable, type CodeAgreement, type InterviewCodings } from '../../../shared/agreement/index';

// The agreement report's "all codes" row pools each code's sums (electron/team/agreement.ts) instead of walking the
// units again. Pooled over codes, the figures must be those of one code whose units are all the codes' units side by
// side: here each code's codings sit in a copy of the interview of its own. (The sums were unguarded: an empty
// object passed every unit test, docs/mutation.md.)
const session = (interviewId: string, codings: InterviewCodings['codings']): InterviewCodings => ({
  interviewId,
  coders: ['ann', 'ben'],
  textLength: 60,
  segments: [
    { start: 0, end: 20 },
    { start: 20, end: 40 },
    { start: 40, end: 60 },
  ],
  codings,
});

const shame = [
  { coder: 'ann', start: 2, end: 18 },
  { coder: 'ben', start: 5, end: 30 },
];
const withdrawal = [
  { coder: 'ben', start: 22, end: 26 },
  { coder: 'ann', start: 24, end: 25 },
  { coder: 'ann', start: 41, end: 58 },
  { coder: 'ben', start: 44, end: 50 },
];

function pooled(rows: CodeAgreement[]) {
  let agreeing = 0;
  let units = 0;
  let o00 = 0;
  let o01 = 0;
  let o11 = 0;
  const table = [
    [0, 0],
    [0, 0],
  ];
  for (const r of rows) {
    units += r.units;
    agreeing += r.sums.agreeing;
    o00 += r.sums.o00;
    o01 += r.sums.o01;
    o11 += r.sums.o11;
    for (const i of [0, 1]) for (const j of [0, 1]) table[i]![j]! += r.sums.table[i]![j]!;
  }
  return {
    percent: agreeing / units,
    kappa: kappaFromTable(table).kappa,
    alpha: alphaFromCoincidences(
      [false, true],
      [
        [o00, o01],
        [o01, o11],
      ],
      'nominal',
      units,
    ).alpha,
  };
}

describe('the sums behind one code’s figures pool into the figures over several codes', () => {
  it.each(['char', 'turn'] as const)('per %s: two codes pooled give the figures of their units taken together', (unit) => {
    const a = agreementForCode({ unit, interviews: [session('d1s1-client', shame)] });
    const b = agreementForCode({ unit, interviews: [session('d1s1-client', withdrawal)] });
    const together = agreementForCode({ unit, interviews: [session('shame-copy', shame), session('withdrawal-copy', withdrawal)] });
    const p = pooled([a, b]);
    expect(p.percent).toBeCloseTo(together.percent, 12);
    expect(p.kappa).toBeCloseTo(together.kappa as number, 12);
    expect(p.alpha).toBeCloseTo(together.alpha, 12);
    // Not a case where pooling is trivially right: the codes disagree differently.
    expect(a.percent).not.toBeCloseTo(b.percent, 3);
  });

  it('the two-coder table counts each unit under the first coder’s row and the second coder’s column', () => {
    const r = agreementForCode({ unit: 'turn', interviews: [session('d1s1-client', shame)] });
    // Turn 1: both; turn 2: ben only; turn 3: neither.
    expect(r.sums.coders).toEqual(['ann', 'ben']);
    expect(r.sums.table).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(r.sums.agreeing).toBe(2);
    expect(r.units).toBe(3);
  });
});
