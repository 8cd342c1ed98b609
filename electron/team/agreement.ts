/**
 * Inter-coder agreement of a project's codings: per code and overall, with the passages where coders differ.
 * The statistics are shared/agreement's (percent agreement, Cohen's kappa for two coders, Krippendorff's alpha,
 * nominal, for two or more with missing data); this file chooses what is compared.
 *
 * - A coder takes part in an interview when they coded anything in it; only they have a say on its units (a coder
 *   who never coded an interview is missing there, not "absent"). Interviews with fewer than two of the chosen
 *   coders taking part count for nothing and are listed as left out.
 * - Overall figures pool every code: each unit counts once per code (units × codes), and the figures are computed
 *   on that pooled set, so common codes weigh more than rare ones. They are not an average of the per-code figures.
 */
import { agreementForCode, alphaFromCoincidences, kappaFromTable, type Disagreement, type InterviewCodings } from '../../shared/agreement';
import { DyadError } from '../../shared/api/errors';
import type { Role } from '../../shared/domain/types';
import type { Db } from '../core/database';
import { now } from '../core/ids';
import { loadScope, type AgreementUnit, type Scope, type ScopeQuery, type ScopeSpan } from './scope';

export type AgreementQuery = ScopeQuery;

export interface Figures {
  /** 0–1; null when there is nothing to compare. */
  percent: number | null;
  /** Two coders only; null with more, or when undefined (no variation). */
  kappa: number | null;
  /** null when undefined (no variation: e.g. no coder applied the code). */
  alpha: number | null;
  units: number;
  /** Passages (character stretches, turns or moments) where the coders differ. */
  disagreements: number;
}

interface CodeAgreementRow extends Figures {
  codeId: string;
  path: string;
  color: string;
  /** Codings of the code by each chosen coder, in the report's coder order, in the interviews compared. */
  codings: number[];
}

export interface AgreementReport {
  title: string;
  generatedAt: string;
  unit: AgreementUnit;
  coders: { id: string; name: string }[];
  interviews: {
    compared: number;
    leftOut: { id: string; sourceName: string; dyad: string; session: number; role: Role; coders: string[] }[];
  };
  codes: CodeAgreementRow[];
  overall: Figures;
  notes: string[];
}

export const UNIT_WORDS: Record<AgreementUnit, string> = { char: 'character', turn: 'speaker turn', moment: 'recall moment' };

const READING_NOTES = [
  'Percent agreement: the share of units on which the coders agree (all applied the code, or none did).',
  "Cohen's kappa (two coders) and Krippendorff's alpha (nominal; two or more coders, missing data allowed) correct percent agreement for agreement expected by chance: 1 is perfect agreement, 0 no better than chance, below 0 systematic disagreement. Krippendorff suggests relying on codes with alpha ≥ 0.80 and drawing only tentative conclusions from 0.667 to 0.80.",
  'A blank figure is undefined: there was no variation to agree on (for example, no coder applied the code in the interviews compared).',
];

function unitNote(unit: AgreementUnit): string {
  if (unit === 'char') return 'Unit: the character. Every character of an interview is a unit; a coder applied the code to it or not.';
  if (unit === 'turn') return 'Unit: the speaker turn. A coder applied the code to a turn when one of their codings touches it.';
  return 'Unit: the recall moment (from one session-time marker to the next; speaker turns in interviews without markers). A coder applied the code to a moment when one of their codings touches it.';
}

const finite = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

interface Computed {
  scope: Scope;
  compared: Scope['interviews'];
  rows: CodeAgreementRow[];
  overall: Figures;
  disagreements: Map<string, Disagreement[]>;
  /** code → interview → codings of the chosen coders, in no particular order */
  byCode: Scope['byCode'];
}

function compute(db: Db, q: AgreementQuery, signal?: AbortSignal, progress?: (done: number, total: number) => void): Computed {
  const scope = loadScope(db, q);
  const coderIndex = new Map(scope.coders.map((c, i) => [c.id, i]));
  const compared = scope.interviews.filter((iv) => (scope.participants.get(iv.id)?.length ?? 0) >= 2);
  const byCode = scope.byCode;

  const rows: CodeAgreementRow[] = [];
  const disagreements = new Map<string, Disagreement[]>();
  // Pooled over codes: the 2×2 table (two coders) and the coincidences of absent (0) and present (1).
  const table = [
    [0, 0],
    [0, 0],
  ];
  let o00 = 0;
  let o01 = 0;
  let o11 = 0;
  let pooledUnits = 0;
  let pooledAgreeing = 0;
  let pooledDisagreements = 0;
  const two = scope.coders.length === 2;
  scope.codes.forEach((code, k) => {
    if (signal?.aborted) throw new DyadError('cancelled', 'The agreement report was cancelled.');
    const perInterview = byCode.get(code.id);
    const interviews: InterviewCodings[] = compared.map((iv) => ({
      interviewId: iv.id,
      coders: scope.participants.get(iv.id) as string[],
      textLength: iv.length,
      segments: scope.segments.get(iv.id) ?? [],
      codings: perInterview?.get(iv.id) ?? [],
    }));
    const params = { unit: q.unit, interviews };
    const r = agreementForCode(params);
    disagreements.set(code.id, r.disagreements);
    const counts = new Array<number>(scope.coders.length).fill(0);
    for (const iv of compared) for (const c of perInterview?.get(iv.id) ?? []) counts[coderIndex.get(c.coder) as number]!++;
    rows.push({
      codeId: code.id,
      path: code.path,
      color: code.color,
      percent: finite(r.percent),
      // Kappa is a two-coder statistic: with more coders chosen it is not given, even where only two took part.
      kappa: two ? finite(r.kappa) : null,
      alpha: finite(r.alpha),
      units: r.units,
      disagreements: r.disagreements.length,
      codings: counts,
    });
    pooledDisagreements += r.disagreements.length;
    // Pooled from the code's own sums (one pass over its units, none materialised).
    const sums = r.sums;
    pooledUnits += r.units;
    pooledAgreeing += sums.agreeing;
    o00 += sums.o00;
    o01 += sums.o01;
    o11 += sums.o11;
    if (two) {
      // The pooled table's rows are the first coder chosen; the code's are the first coder of its interviews.
      const flip = sums.coders[0] !== scope.coders[0]!.id;
      for (const i of [0, 1]) for (const j of [0, 1]) (table[i] as number[])[j]! += (sums.table[flip ? j : i] as number[])[flip ? i : j]!;
    }
    progress?.(k + 1, scope.codes.length);
  });
  const overall: Figures = {
    percent: pooledUnits > 0 ? pooledAgreeing / pooledUnits : null,
    kappa: two ? finite(kappaFromTable(table).kappa) : null,
    alpha: finite(
      alphaFromCoincidences(
        [false, true],
        [
          [o00, o01],
          [o01, o11],
        ],
        'nominal',
        pooledUnits,
      ).alpha,
    ),
    units: pooledUnits,
    disagreements: pooledDisagreements,
  };
  return { scope, compared, rows, overall, disagreements, byCode };
}

export function agreementReport(db: Db, q: AgreementQuery, job: { signal?: AbortSignal | undefined; progress?: ((done: number, total: number, message: string) => void) | undefined } = {}): AgreementReport {
  const c = compute(db, q, job.signal, (done, total) => job.progress?.(done, total, 'Comparing codings'));
  const names = new Map(c.scope.coders.map((x) => [x.id, x.name]));
  const leftOut = c.scope.interviews
    .filter((iv) => (c.scope.participants.get(iv.id)?.length ?? 0) < 2)
    .map((iv) => ({
      id: iv.id,
      sourceName: iv.sourceName,
      dyad: iv.dyadName,
      session: iv.sessionNumber,
      role: iv.role,
      coders: (c.scope.participants.get(iv.id) ?? []).map((id) => names.get(id) as string),
    }));
  return {
    title: `Inter-coder agreement: ${c.scope.coders.map((x) => x.name).join(', ')}`,
    generatedAt: now(),
    unit: q.unit,
    coders: c.scope.coders,
    interviews: { compared: c.compared.length, leftOut },
    codes: c.rows,
    overall: c.overall,
    notes: [
      unitNote(q.unit),
      ...READING_NOTES,
      'Overall: every unit counts once per code (units × codes), pooled; not an average of the codes’ figures.',
      'Only the coders who coded something in an interview have a say on its units; interviews coded by fewer than two of the chosen coders are left out.',
    ],
  };
}

export interface DisagreementItem {
  /** Stable while the codings stay as they are: code, interview and passage. */
  id: string;
  codeId: string;
  codePath: string;
  interviewId: string;
  sourceName: string;
  dyadId: string;
  dyad: string;
  sessionId: string;
  session: number;
  role: Role;
  start: number;
  end: number;
  text: string;
  present: { id: string; name: string }[];
  absent: { id: string; name: string }[];
  /** The codings of this code that make up the difference (on or touching the passage), to show side by side. */
  codings: { id: string; coderId: string; coderName: string; start: number; end: number; text?: string }[];
  /**
   * The passage in its turn(s), and where it is in the session (see withContext); given by listDisagreements,
   * which also adds to `codings` the compared coders' other codings of the code in that turn.
   */
  context?: DisagreementContext;
}

interface DisagreementContext {
  /** The turn(s) holding the passage and the codings around it, in offsets of the interview's text. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  /** The session time of the recall moment the passage falls in (the last stop before it), or null. */
  sessionTime: number | null;
}

const MAX_CONTEXT = 1200;

/**
 * A disagreement as a reader checks it: each coder's whole segment (not the splinter where they differ), inside
 * the turn it belongs to, with the session time of its moment.
 */
export function withContext(db: Db, item: DisagreementItem): DisagreementItem {
  const row = db.prepare('SELECT text FROM interviews WHERE id = ?').get(item.interviewId) as { text: string } | undefined;
  if (!row) return item;
  const lo = Math.min(item.start, ...item.codings.map((k) => k.start));
  const hi = Math.max(item.end, ...item.codings.map((k) => k.end));
  const turns = db
    .prepare('SELECT start, "end", speaker FROM turns WHERE interview_id = ? AND "end" > ? AND start < ? ORDER BY start')
    .all(item.interviewId, lo, hi) as { start: number; end: number; speaker: string }[];
  let start = turns[0]?.start ?? lo;
  let end = turns[turns.length - 1]?.end ?? hi;
  if (end - start > MAX_CONTEXT) {
    start = Math.max(start, lo - 200);
    end = Math.min(end, Math.max(hi + 200, start + MAX_CONTEXT));
  }
  const moment = db.prepare('SELECT session_time FROM moments WHERE interview_id = ? AND offset <= ? ORDER BY offset DESC LIMIT 1').get(item.interviewId, item.start) as
    | { session_time: number }
    | undefined;
  const cap = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);
  // The compared coders' other codings of this code in the same turn: the segment the other coder chose instead.
  const coders = [...item.present, ...item.absent];
  const names = new Map(coders.map((p) => [p.id, p.name]));
  const known = new Set(item.codings.map((k) => k.id));
  const nearby = (
    db
      .prepare(`SELECT id, coder_id, start, "end" FROM codings WHERE interview_id = ? AND code_id = ? AND "end" > ? AND start < ? AND coder_id IN (${coders.map(() => '?').join(',')}) ORDER BY start`)
      .all(item.interviewId, item.codeId, start, end, ...coders.map((p) => p.id)) as { id: string; coder_id: string; start: number; end: number }[]
  )
    .filter((k) => !known.has(k.id))
    .map((k) => ({ id: k.id, coderId: k.coder_id, coderName: names.get(k.coder_id) as string, start: k.start, end: k.end }));
  return {
    ...item,
    codings: [...item.codings, ...nearby].map((k) => ({ ...k, text: cap(row.text.slice(k.start, k.end)) })),
    context: { start, end, text: row.text.slice(start, end), speaker: turns.length === 1 ? turns[0]!.speaker : null, sessionTime: moment?.session_time ?? null },
  };
}

const MAX_TEXT = 600;

/** Disagreement ids name code, interview and passage; the parts are URI-encoded so that ':' never occurs inside one. */
export const disagreementId = (codeId: string, interviewId: string, start: number, end: number) =>
  `${encodeURIComponent(codeId)}:${encodeURIComponent(interviewId)}:${start}:${end}`;

export function parseDisagreementId(id: string): { codeId: string; interviewId: string; start: number; end: number } {
  const parts = id.split(':');
  const [code, interview, start, end] = parts;
  if (parts.length !== 4 || !code || !interview || !/^\d+$/.test(start ?? '') || !/^\d+$/.test(end ?? '')) {
    throw new DyadError('invalid-input', `"${id.slice(0, 80)}" is not a disagreement of this project (ask for the list again).`);
  }
  return { codeId: decodeURIComponent(code), interviewId: decodeURIComponent(interview), start: Number(start), end: Number(end) };
}

/** The passages where the coders differ, code by code in report order, then in interview and text order. */
export function listDisagreements(db: Db, q: AgreementQuery & { codeId?: string | null | undefined; offset?: number | undefined; limit?: number | undefined }): { total: number; items: DisagreementItem[] } {
  const c = compute(db, q.codeId ? { ...q, codeIds: [q.codeId] } : q);
  const all = expand(c);
  const offset = q.offset ?? 0;
  return { total: all.length, items: all.slice(offset, offset + (q.limit ?? 200)).map((d) => withContext(db, d.item())) };
}

/** Codings of one code in one interview as the reader sees them: by start, then end, then coder (a total order). */
const inTextOrder = (a: ScopeSpan, b: ScopeSpan) => a.start - b.start || a.end - b.end || (a.coder < b.coder ? -1 : a.coder > b.coder ? 1 : 0);

/** Every disagreement, with its details built only when asked for (there may be tens of thousands). */
export function expand(c: Computed): { codeId: string; interviewId: string; start: number; end: number; present: string[]; absent: string[]; item: () => DisagreementItem }[] {
  const names = new Map(c.scope.coders.map((x) => [x.id, x.name]));
  const ivs = new Map(c.scope.interviews.map((iv) => [iv.id, iv]));
  const paths = new Map(c.scope.codes.map((x) => [x.id, x.path]));
  const out: ReturnType<typeof expand> = [];
  for (const code of c.scope.codes) {
    for (const d of c.disagreements.get(code.id) ?? []) {
      out.push({
        codeId: code.id,
        interviewId: d.interviewId,
        start: d.start,
        end: d.end,
        present: d.present,
        absent: d.absent,
        item: () => {
          const iv = ivs.get(d.interviewId)!;
          const text = c.scope.textOf(d.interviewId).slice(d.start, d.end);
          const involved = c.byCode.get(code.id)?.get(d.interviewId) ?? [];
          return {
            id: disagreementId(code.id, d.interviewId, d.start, d.end),
            codeId: code.id,
            codePath: paths.get(code.id) as string,
            interviewId: iv.id,
            sourceName: iv.sourceName,
            dyadId: iv.dyadId,
            dyad: iv.dyadName,
            sessionId: iv.sessionId,
            session: iv.sessionNumber,
            role: iv.role,
            start: d.start,
            end: d.end,
            text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text,
            present: d.present.map((id) => ({ id, name: names.get(id) as string })),
            absent: d.absent.map((id) => ({ id, name: names.get(id) as string })),
            codings: involved
              .filter((k) => k.start <= d.end && k.end >= d.start)
              .sort(inTextOrder)
              .map((k) => ({ id: c.scope.codingId(k.rowid), coderId: k.coder, coderName: names.get(k.coder) as string, start: k.start, end: k.end })),
          };
        },
      });
    }
  }
  return out;
}

export { compute as computeAgreement };
