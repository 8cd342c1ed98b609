/**
 * From codings of one code to agreement units, for the team-work feature.
 *
 * Three choices of unit, each a common practice in qualitative software:
 * - 'char': every character position of an interview is a unit (NVivo's coding comparison). Its value for a
 *   coder is whether that coder applied the code there.
 * - 'turn' / 'moment': every speaker turn / recall-moment passage is a unit, coded when the coder's coding
 *   touches at least one of its characters.
 * Only the coders listed for an interview have a say on its units (a coder who never opened it is missing,
 * not "absent"). Codings by coders not listed are left out. Offsets are UTF-16 (shared/text/offsets.ts).
 *
 * Character units are never materialised: coverage is constant between coding boundaries, so each stretch
 * counts with its length as weight (sweep.ts). The numbers are exactly those of a per-character computation.
 */
import { DyadError } from '../domain/errors';
import { alphaFromCoincidences } from './krippendorff';
import { checkSpan, overlaps, sweepCoverage, unionOf, type Span, type Union } from './sweep';
import { kappaFromTable } from './twoCoders';

export type { Span };

export type AgreementUnitKind = 'char' | 'turn' | 'moment';

export interface CoderSpan extends Span {
  coder: string;
}

/** One interview's codings of the code under study. */
export interface InterviewCodings {
  interviewId: string;
  /** Coders who coded this interview independently. */
  coders: readonly string[];
  /** Length of the interview text (UTF-16 code units): the extent of character units. */
  textLength: number;
  /** The units for 'turn' and 'moment' (turn spans, or moment passages); unused for 'char'. Empty spans are skipped. */
  segments: readonly Span[];
  /** Every coding of the code, by any coder. */
  codings: readonly CoderSpan[];
}

export interface UnitDataParams {
  unit: AgreementUnitKind;
  interviews: readonly InterviewCodings[];
}

export interface CodedUnit {
  interviewId: string;
  start: number;
  end: number;
  /** How many units this entry stands for: the stretch's length for 'char', 1 for a turn or moment. */
  weight: number;
  /** Per coder, in `UnitData.coders` order: applied the code, did not, or null (did not code this interview). */
  applied: (boolean | null)[];
}

export interface UnitData {
  unit: AgreementUnitKind;
  /** Every coder of any interview, in order of first appearance. */
  coders: string[];
  units: CodedUnit[];
}

export interface Disagreement {
  interviewId: string;
  start: number;
  end: number;
  /** Coders who applied the code here, and those who coded the interview but did not apply it here. */
  present: string[];
  absent: string[];
}

export interface CodeAgreement {
  /** Share (0–1) of units on which every coder who coded it agrees; NaN without units. */
  percent: number;
  /** Cohen's kappa when exactly two coders take part, else null; NaN when undefined. */
  kappa: number | null;
  /** Krippendorff's alpha, nominal (present/absent); NaN when undefined (e.g. nobody applied the code). */
  alpha: number;
  /** Units with at least two coders: characters for 'char', turns or moments otherwise. */
  units: number;
  /** Where coders differ: maximal stretches for 'char', whole units otherwise; in interview and text order. */
  disagreements: Disagreement[];
  /**
   * The sums behind the figures, for pooling several codes without a second pass over their units: units on
   * which all agree, the coincidences of absent (0) and present (1), and with two coders the 2×2 table
   * (rows: `coders[0]` absent/present, columns: `coders[1]`).
   */
  sums: { agreeing: number; o00: number; o01: number; o11: number; table: number[][]; coders: string[] };
}

/** Every coder taking part, in order of first appearance. */
function codersOf(params: UnitDataParams): string[] {
  const all = new Set<string>();
  for (const iv of params.interviews) for (const c of iv.coders) all.add(c);
  return [...all];
}

/**
 * Calls `visit` for each unit (or stretch of equal character units) with every coder's value in `applied`
 * (1 applied, 0 not, −1 missing), indexed like `coders`. `applied` is reused between calls.
 */
function forEachUnit(
  params: UnitDataParams,
  coders: readonly string[],
  visit: (interviewId: string, start: number, end: number, weight: number, applied: Int8Array) => void,
): void {
  const slot = new Map(coders.map((c, i) => [c, i]));
  const applied = new Int8Array(coders.length);
  for (const iv of params.interviews) {
    if (!Number.isFinite(iv.textLength) || iv.textLength < 0) {
      throw new DyadError('invalid-input', `Interview "${iv.interviewId}" has an impossible text length (${String(iv.textLength)}).`);
    }
    const here = [...new Set(iv.coders)];
    const spansByCoder = new Map<string, Span[]>(here.map((c) => [c, []]));
    for (const coding of iv.codings) {
      checkSpan(coding, `A coding by ${coding.coder} in interview "${iv.interviewId}"`);
      spansByCoder.get(coding.coder)?.push(coding);
    }
    const limit = params.unit === 'char' ? iv.textLength : Infinity;
    const unions = here.map((c) => unionOf(spansByCoder.get(c) as Span[], limit));
    const slots = here.map((c) => slot.get(c) as number);
    applied.fill(-1);
    if (params.unit === 'char') {
      sweepCoverage(unions, iv.textLength, (start, end, coded) => {
        for (let i = 0; i < slots.length; i++) applied[slots[i] as number] = coded[i] as number;
        visit(iv.interviewId, start, end, end - start, applied);
      });
    } else {
      for (const seg of iv.segments) {
        checkSpan(seg, `A ${params.unit} in interview "${iv.interviewId}"`);
        if (seg.end <= seg.start) continue;
        for (let i = 0; i < slots.length; i++) applied[slots[i] as number] = overlaps(unions[i] as Union, seg.start, seg.end) ? 1 : 0;
        visit(iv.interviewId, seg.start, seg.end, 1, applied);
      }
    }
  }
}

/** The unit-level data behind the agreement figures (character stretches are weighted, not expanded). */
export function codingsToUnitData(params: UnitDataParams): UnitData {
  const coders = codersOf(params);
  const units: CodedUnit[] = [];
  forEachUnit(params, coders, (interviewId, start, end, weight, applied) => {
    units.push({ interviewId, start, end, weight, applied: Array.from(applied, (x) => (x < 0 ? null : x === 1)) });
  });
  return { unit: params.unit, coders, units };
}

/**
 * Stretches of one interview on which every coder taking part (at least two) applied the code, joined where they
 * touch, in text order: what a consensus takes over. The same as filtering `codingsToUnitData`'s units, without
 * building an object per unit (a consensus of a whole study walks hundreds of thousands of them).
 */
export function agreedSpans(iv: InterviewCodings, unit: AgreementUnitKind): Span[] {
  const params = { unit, interviews: [iv] };
  const out: Span[] = [];
  forEachUnit(params, codersOf(params), (_, start, end, _w, applied) => {
    let given = 0;
    for (let i = 0; i < applied.length; i++) {
      if (applied[i] === 0) return;
      if (applied[i] === 1) given++;
    }
    if (given < 2) return;
    const last = out[out.length - 1];
    if (last && last.end >= start) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  });
  return out;
}

/**
 * Expands unit data into `data[coder][unit]`, one column per unit (a character stretch becomes `weight`
 * columns), for krippendorffAlpha and friends. Only for modest amounts: it allocates per character.
 */
export function unitDataToReliabilityData(data: UnitData): (boolean | null)[][] {
  return data.coders.map((_, c) => data.units.flatMap((u) => new Array<boolean | null>(u.weight).fill(u.applied[c] as boolean | null)));
}

/** Percent agreement, Cohen's kappa (two coders) and Krippendorff's alpha for one code, with the disagreements. */
export function agreementForCode(params: UnitDataParams): CodeAgreement {
  const coders = codersOf(params);
  const two = coders.length === 2;
  let units = 0;
  let agreeing = 0;
  // Coincidences of absent (0) and present (1): with p present and a absent among m values, the unit adds
  // p(p−1)/(m−1), a(a−1)/(m−1) and p·a/(m−1) (twice, off the diagonal), times its weight.
  let o00 = 0;
  let o11 = 0;
  let o01 = 0;
  const table = [
    [0, 0],
    [0, 0],
  ];
  const disagreements: Disagreement[] = [];
  forEachUnit(params, coders, (interviewId, start, end, w, applied) => {
    let p = 0;
    let a = 0;
    for (let i = 0; i < applied.length; i++) {
      if (applied[i] === 1) p++;
      else if (applied[i] === 0) a++;
    }
    const m = p + a;
    if (m < 2) return;
    units += w;
    o11 += (w * p * (p - 1)) / (m - 1);
    o00 += (w * a * (a - 1)) / (m - 1);
    o01 += (w * p * a) / (m - 1);
    if (two) {
      const row = table[applied[0] as number] as number[];
      const col = applied[1] as number;
      row[col] = (row[col] as number) + w;
    }
    if (p === 0 || a === 0) {
      agreeing += w;
      return;
    }
    const present: string[] = [];
    const absent: string[] = [];
    applied.forEach((x, i) => {
      if (x === 1) present.push(coders[i] as string);
      else if (x === 0) absent.push(coders[i] as string);
    });
    disagreements.push({ interviewId, start, end, present, absent });
  });
  const alpha = alphaFromCoincidences(
    [false, true],
    [
      [o00, o01],
      [o01, o11],
    ],
    'nominal',
    units,
  ).alpha;
  return {
    percent: units > 0 ? agreeing / units : Number.NaN,
    kappa: two ? kappaFromTable(table).kappa : null,
    alpha,
    units,
    disagreements,
    sums: { agreeing, o00, o01, o11, table, coders },
  };
}
