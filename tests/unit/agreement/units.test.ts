import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreedSpans,
  agreementForCode,
  codingsToUnitData,
  cohensKappa,
  krippendorffAlpha,
  unitDataToReliabilityData,
  type InterviewCodings,
  type UnitDataParams,
} from '../../../shared/agreement/index';

describe('agreement on a code, worked by hand', () => {
  // A 100-character interview: Ann codes 10–30, Ben 20–40. Characters: 10 both, 10 Ann only, 10 Ben only, 70 neither.
  const interview: InterviewCodings = {
    interviewId: 'd1s1-client',
    coders: ['ann', 'ben'],
    textLength: 100,
    segments: [
      { start: 0, end: 50 },
      { start: 50, end: 100 },
    ],
    codings: [
      { coder: 'ann', start: 10, end: 30 },
      { coder: 'ben', start: 20, end: 40 },
    ],
  };

  it('by character: 80 % agreement, κ = 0.375, α = 0.378125, and the two stretches where they differ', () => {
    const r = agreementForCode({ unit: 'char', interviews: [interview] });
    expect(r.units).toBe(100);
    expect(r.percent).toBeCloseTo(0.8, 12);
    // pₒ = 0.8; each coder applies the code to 20 % of characters, pₑ = 0.2² + 0.8² = 0.68; κ = 0.12/0.32.
    expect(r.kappa).toBeCloseTo(0.375, 12);
    // Coincidences: o₁₁ = 20, o₀₀ = 140, o₀₁ = o₁₀ = 20; n₁ = 40, n₀ = 160; α = 1 − 199·40/(2·40·160).
    expect(r.alpha).toBeCloseTo(1 - (199 * 40) / (2 * 40 * 160), 12);
    expect(r.disagreements).toEqual([
      { interviewId: 'd1s1-client', start: 10, end: 20, present: ['ann'], absent: ['ben'] },
      { interviewId: 'd1s1-client', start: 30, end: 40, present: ['ben'], absent: ['ann'] },
    ]);
  });

  it('by turn: both coded the first turn and not the second, so they agree fully', () => {
    const r = agreementForCode({ unit: 'turn', interviews: [interview] });
    expect(r).toMatchObject({ units: 2, percent: 1, kappa: 1, alpha: 1, disagreements: [] });
    // Recall-moment passages are segments too. A coding touching one character of a passage codes it (Ann's
    // 10–30 codes 0–11), and ends are exclusive (Ben's 20–40 does not reach the passage starting at 40).
    const moments = { ...interview, segments: [{ start: 0, end: 11 }, { start: 11, end: 20 }, { start: 40, end: 100 }] };
    const m = agreementForCode({ unit: 'moment', interviews: [moments] });
    expect(m.units).toBe(3);
    expect(m.disagreements.map((d) => [d.start, d.end, d.present, d.absent])).toEqual([
      [0, 11, ['ann'], ['ben']],
      [11, 20, ['ann'], ['ben']],
    ]);
  });

  it('counts a coder who did not code an interview as missing there, and ignores codings by unlisted coders', () => {
    const second: InterviewCodings = {
      interviewId: 'd1s1-therapist',
      coders: ['ann'],
      textLength: 50,
      segments: [],
      codings: [
        { coder: 'ann', start: 0, end: 50 },
        { coder: 'ben', start: 0, end: 25 }, // ben was not assigned this interview
      ],
    };
    const both = agreementForCode({ unit: 'char', interviews: [interview, second] });
    const first = agreementForCode({ unit: 'char', interviews: [interview] });
    expect(both).toEqual(first);
  });

  it('reports three coders’ kappa as null and percent as unanimity', () => {
    const three: InterviewCodings = { ...interview, coders: ['ann', 'ben', 'cy'], codings: [...interview.codings, { coder: 'cy', start: 0, end: 100 }] };
    const r = agreementForCode({ unit: 'turn', interviews: [three] });
    expect(r.kappa).toBeNull();
    expect(r.percent).toBe(0.5); // all three coded the first turn; only cy the second
    expect(r.disagreements.map((d) => [d.start, d.present, d.absent])).toEqual([[50, ['cy'], ['ann', 'ben']]]);
  });

  it('says undefined (NaN) for kappa and alpha when nobody applied the code at all', () => {
    const r = agreementForCode({ unit: 'char', interviews: [{ ...interview, codings: [] }] });
    expect(r.percent).toBe(1);
    expect(r.kappa).toBeNaN();
    expect(r.alpha).toBeNaN();
  });
});

// ---------------------------------------------------------------------------------------------------------
// The weighted sweep against a naive per-character (or per-segment) computation.

const CODERS = ['ann', 'ben', 'cy'];
const span = (limit: number) =>
  fc.tuple(fc.integer({ min: 0, max: limit + 3 }), fc.integer({ min: 0, max: 15 })).map(([start, len]) => ({ start, end: start + len }));
const interviewArb = (coderPool: string[]) =>
  fc.integer({ min: 0, max: 60 }).chain((textLength) =>
    fc.record({
      interviewId: fc.constantFrom('i1', 'i2', 'i3'),
      coders: fc.subarray(coderPool, { minLength: 1 }),
      textLength: fc.constant(textLength),
      segments: fc.array(span(textLength), { maxLength: 6 }),
      codings: fc.array(fc.record({ coder: fc.constantFrom(...coderPool, 'stranger'), start: fc.constant(0), end: fc.constant(0) }).chain((c) => span(textLength).map((s) => ({ ...c, ...s }))), {
        maxLength: 8,
      }),
    }),
  );
const paramsArb = (unit: 'char' | 'turn', coderPool: string[]) =>
  fc.array(interviewArb(coderPool), { minLength: 1, maxLength: 3 }).map((interviews): UnitDataParams => ({ unit, interviews }));

/** data[coder][unit] by looking at every character (or every character of every segment) one by one. */
function naiveData(params: UnitDataParams): { coders: string[]; data: (boolean | null)[][]; where: { id: string; start: number; end: number }[] } {
  const coders = [...new Set(params.interviews.flatMap((iv) => iv.coders))];
  const data: (boolean | null)[][] = coders.map(() => []);
  const where: { id: string; start: number; end: number }[] = [];
  for (const iv of params.interviews) {
    const covers = (coder: string, x: number) => iv.codings.some((c) => c.coder === coder && c.start <= x && x < c.end);
    const units =
      params.unit === 'char'
        ? Array.from({ length: iv.textLength }, (_, x) => ({ start: x, end: x + 1 }))
        : iv.segments.filter((s) => s.end > s.start);
    for (const u of units) {
      where.push({ id: iv.interviewId, ...u });
      coders.forEach((coder, k) => {
        if (!iv.coders.includes(coder)) (data[k] as (boolean | null)[]).push(null);
        else {
          let hit = false;
          for (let x = u.start; x < u.end && !hit; x++) hit = covers(coder, x);
          (data[k] as (boolean | null)[]).push(hit);
        }
      });
    }
  }
  return { coders, data, where };
}

function naiveAgreement(params: UnitDataParams) {
  const { coders, data, where } = naiveData(params);
  const columns = where.map((_, u) => data.map((row) => row[u] as boolean | null));
  const pairable = columns.map((col, u) => ({ col, u })).filter(({ col }) => col.filter((x) => x !== null).length >= 2);
  const unanimous = pairable.filter(({ col }) => new Set(col.filter((x) => x !== null)).size === 1).length;
  // One line per disagreeing unit: "interview:start-end:present|absent".
  const disagreeing: string[] = [];
  for (const { col, u } of pairable) {
    if (new Set(col.filter((x) => x !== null)).size === 1) continue;
    const w = where[u] as { id: string; start: number; end: number };
    const present = coders.filter((_, k) => col[k] === true);
    const absent = coders.filter((_, k) => col[k] === false);
    disagreeing.push(`${w.id}:${w.start}-${w.end}:${present.join(',')}|${absent.join(',')}`);
  }
  return {
    units: pairable.length,
    percent: pairable.length ? unanimous / pairable.length : Number.NaN,
    kappa: coders.length === 2 ? cohensKappa(data) : null,
    alpha: coders.length >= 2 ? krippendorffAlpha(data, 'nominal') : Number.NaN,
    data,
    disagreeing,
  };
}

const same = (got: number | null, expected: number | null) => {
  if (expected === null) expect(got).toBeNull();
  else if (Number.isNaN(expected)) expect(got).toBeNaN();
  else expect(got).toBeCloseTo(expected, 10);
};

describe('weighted sweep equals the per-character computation', () => {
  for (const unit of ['char', 'turn'] as const) {
    for (const pool of [CODERS.slice(0, 2), CODERS]) {
      it(`${unit} units, ${pool.length} coders`, () => {
        fc.assert(
          fc.property(paramsArb(unit, pool), (params) => {
            const got = agreementForCode(params);
            const want = naiveAgreement(params);
            expect(got.units).toBe(want.units);
            same(got.percent, want.percent);
            same(got.kappa, want.kappa);
            same(got.alpha, want.alpha);
            // The same disagreements, character by character for 'char' (the sweep reports maximal stretches).
            const seen: string[] = [];
            for (const d of got.disagreements) {
              const step = unit === 'char' ? 1 : d.end - d.start;
              for (let x = d.start; x < d.end; x += step) seen.push(`${d.interviewId}:${x}-${x + step}:${d.present.join(',')}|${d.absent.join(',')}`);
            }
            expect(seen).toEqual(want.disagreeing);
            // And the unit data, expanded, is the naive table.
            expect(unitDataToReliabilityData(codingsToUnitData(params))).toEqual(want.data);
          }),
          { numRuns: 300 },
        );
      });
    }
  }
});

describe('agreed spans (what a consensus takes over) equal the per-unit definition', () => {
  // Per unit, by looking at every character: all coders of the interview (at least two) applied the code; then
  // stretches that touch are one.
  function naiveAgreed(iv: InterviewCodings, unit: 'char' | 'turn'): { start: number; end: number }[] {
    const { data, where } = naiveData({ unit, interviews: [iv] });
    const out: { start: number; end: number }[] = [];
    where.forEach((w, u) => {
      const given = data.map((row) => row[u]).filter((x) => x !== null);
      if (given.length < 2 || !given.every((x) => x === true)) return;
      const last = out[out.length - 1];
      if (last && last.end >= w.start) last.end = Math.max(last.end, w.end);
      else out.push({ start: w.start, end: w.end });
    });
    return out;
  }
  for (const unit of ['char', 'turn'] as const) {
    for (const pool of [CODERS.slice(0, 2), CODERS]) {
      it(`${unit} units, ${pool.length} coders`, () => {
        fc.assert(
          fc.property(interviewArb(pool), (iv) => {
            // Turn units come sorted in an interview, as the project lists them.
            const sorted = { ...iv, segments: [...iv.segments].sort((a, b) => a.start - b.start || a.end - b.end) };
            expect(agreedSpans(sorted, unit)).toEqual(naiveAgreed(sorted, unit));
          }),
          { numRuns: 300 },
        );
      });
    }
  }
});

describe('character units at the scale of a study', () => {
  function random(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  it('2 coders × 50,000 codings over 4 million characters (timing printed, not asserted)', () => {
    const length = 4_000_000;
    const rnd = random(42);
    const codings = (coder: string) =>
      Array.from({ length: 50_000 }, () => {
        const start = Math.floor(rnd() * length);
        return { coder, start, end: Math.min(length, start + 20 + Math.floor(rnd() * 200)) };
      });
    const interview: InterviewCodings = {
      interviewId: 'whole-study',
      coders: ['ann', 'ben'],
      textLength: length,
      segments: [],
      codings: [...codings('ann'), ...codings('ben')],
    };
    const params: UnitDataParams = { unit: 'char', interviews: [interview] };
    agreementForCode(params); // warm-up (JIT)
    const times: number[] = [];
    let r = agreementForCode(params);
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      r = agreementForCode(params);
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    console.log(
      `agreementForCode, 'char', 2 coders × 50,000 codings, 4,000,000 characters: median ${times[2]?.toFixed(0)} ms, best ${times[0]?.toFixed(0)} ms (target < 300); ${r.disagreements.length} disagreements`,
    );

    // Check against painting every character, which is affordable once at this size.
    const paint = (coder: string) => {
      const a = new Uint8Array(length);
      for (const c of interview.codings) if (c.coder === coder) a.fill(1, c.start, c.end);
      return a;
    };
    const a = paint('ann');
    const b = paint('ben');
    // n_xy: characters Ann coded (x = 1) or not, and Ben coded (y = 1) or not.
    let n00 = 0;
    let n01 = 0;
    let n10 = 0;
    let n11 = 0;
    for (let x = 0; x < length; x++) {
      if (a[x]) {
        if (b[x]) n11++;
        else n10++;
      } else if (b[x]) n01++;
      else n00++;
    }
    const po = (n00 + n11) / length;
    const pa = (n10 + n11) / length;
    const pb = (n01 + n11) / length;
    const pe = pa * pb + (1 - pa) * (1 - pb);
    expect(r.units).toBe(length);
    expect(r.percent).toBeCloseTo(po, 12);
    expect(r.kappa).toBeCloseTo((po - pe) / (1 - pe), 12);
    const n1 = 2 * n11 + n01 + n10;
    const n0 = 2 * n00 + n01 + n10;
    expect(r.alpha).toBeCloseTo(1 - ((2 * length - 1) * (n01 + n10) * 2) / (2 * n0 * n1), 12);
    expect(r.disagreements.reduce((s, d) => s + d.end - d.start, 0)).toBe(n01 + n10);
    // Seven runs and a painted check: on a loaded machine this takes longer than the default 5 s; a timer is never the test.
  }, 60_000);
});
