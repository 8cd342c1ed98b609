/**
 * Retrieval: the passages coded with a code, alone or combined with a second code, with everything a write-up
 * needs to attribute them (dyad, session, role, speaker, session time) and some context.
 *
 * Codings come from one query; the combinations are interval work in memory (shared/analysis/intervals.ts);
 * texts, turns and moments are read only for the page returned.
 *
 * - and-overlap: the maximal passages coded with both codes (by any coders, unless filtered), one excerpt each.
 * - but-not: the codings of the code that share no character with a coding of the other in the same interview.
 * - same-moment: the codings of the code whose recall moment also holds a coding of the other, in the same
 *   interview ('same-side'), in the partner moment of the other side of the session as the alignment pairs them
 *   ('other-side'), or either.
 */
import { coUnit, intersectRuns, withoutOverlap, type Span } from '../../../shared/analysis/intervals';
import { contextAround } from '../../../shared/analysis/passages';
import { DyadError } from '../../../shared/api/errors';
import type { Role, SpeakerRole } from '../../../shared/domain/types';
import type { Db } from '../database';
import { alignSessions } from './alignments';
import { loadCodeTree } from './codes';
import { codingUuids, groupByInterview, loadCodings, type CodingRow } from './codings';
import { coderFilter, coderNames, resolveScope, type InterviewMeta, type ScopeFilter } from './scope';
import { loadMomentPoints, loadTexts, loadTurnBounds, loadTurnDetails, loadUnits, momentIds, type TurnBounds } from './units';

type CombineOp = 'and-overlap' | 'but-not' | 'same-moment';
type SameMomentScope = 'same-side' | 'other-side' | 'either-side';

export interface RetrieveInput extends ScopeFilter {
  code: string;
  combine?: { op: CombineOp; other: string } | undefined;
  sameMomentScope?: SameMomentScope | undefined;
  coderIds?: string[] | undefined;
  includeSubcodes?: boolean | undefined;
  contextChars?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

interface ExcerptCoding {
  id: string;
  codeId: string;
  codePath: string;
  coderId: string;
  coderName: string;
  start: number;
  end: number;
  of: 'code' | 'other';
  interviewId: string;
  /** The coded words. */
  text: string;
}

export interface Excerpt {
  interviewId: string;
  dyadId: string;
  dyadName: string;
  sessionId: string;
  sessionNumber: number;
  role: Role;
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
  codePath: string;
  codingIds: string[];
  codings: ExcerptCoding[];
  coders: string[];
  turnId: string | null;
  speaker: string | null;
  speakerRole: SpeakerRole | null;
  interviewTime: number | null;
  momentId: string | null;
  sessionTime: number | null;
  /** Memos on the excerpt's codings of the code asked for, oldest first. */
  memos: ExcerptMemo[];
}

interface ExcerptMemo {
  codingId: string;
  title: string;
  text: string;
  coderName: string | null;
}

/** Memos on the given codings, by coding id, oldest first. */
function codingMemos(db: Db, codingIds: string[]): Map<string, ExcerptMemo[]> {
  const out = new Map<string, ExcerptMemo[]>();
  if (!codingIds.length) return out;
  const rows = db
    .prepare(
      `SELECT m.target_id AS codingId, m.title, m.text, c.name AS coderName FROM memos m LEFT JOIN coders c ON c.id = m.coder_id
        WHERE m.target_kind = 'coding' AND m.target_id IN (SELECT value FROM json_each(?)) ORDER BY m.created_at, m.id`,
    )
    .all(JSON.stringify(codingIds)) as ExcerptMemo[];
  for (const r of rows) {
    const l = out.get(r.codingId);
    if (l) l.push(r);
    else out.set(r.codingId, [r]);
  }
  return out;
}

interface RetrieveResult {
  code: { id: string; path: string };
  other: { id: string; path: string } | null;
  total: number;
  offset: number;
  excerpts: Excerpt[];
}

/** An excerpt before its text and attribution are read. */
interface Found extends Span {
  interviewId: string;
  /** The interview's place in reading order (InterviewMeta.order), the first key excerpts are sorted by. */
  order: number;
  a: readonly CodingRow[];
  b: readonly CodingRow[];
}

/** The `b` of every excerpt without a second code: one shared empty list rather than 10,000. */
const NONE: readonly CodingRow[] = [];

export function retrieve(db: Db, input: RetrieveInput, toleranceSeconds: number): RetrieveResult {
  const tree = loadCodeTree(db);
  const codeA = tree.get(input.code);
  const codeB = input.combine ? tree.get(input.combine.other) : null;
  const sub = input.includeSubcodes ?? false;
  const aIds = new Set(sub ? tree.withDescendants(codeA.id) : [codeA.id]);
  const bIds = new Set(codeB ? (sub ? tree.withDescendants(codeB.id) : [codeB.id]) : []);
  const coders = coderFilter(db, input.coderIds);
  const scope = resolveScope(db, input);
  const op = input.combine?.op ?? null;
  const across = op === 'same-moment' && (input.sameMomentScope ?? 'same-side') !== 'same-side';
  // Across the two sides, the other code is looked for in the partner interview whatever the role filter says.
  const bScope = across ? resolveScope(db, { ...input, roles: undefined }) : scope;

  const codings = loadCodings(db, [...new Set([...aIds, ...bIds])], coders, new Set(bScope.byId.keys()));
  const aBy = groupByInterview(codings.filter((c) => aIds.has(c.codeId) && scope.byId.has(c.interviewId)));
  const bBy = groupByInterview(codings.filter((c) => bIds.has(c.codeId)));

  const found: Found[] = [];
  const orderOf = (iv: string) => scope.byId.get(iv)!.order;
  if (!op) {
    for (const [iv, list] of aBy) {
      const order = orderOf(iv);
      for (const c of list) found.push({ interviewId: iv, order, start: c.start, end: c.end, a: [c], b: NONE });
    }
  } else if (op === 'and-overlap') {
    for (const [iv, list] of aBy) {
      for (const r of intersectRuns(list, bBy.get(iv) ?? [])) found.push({ interviewId: iv, order: orderOf(iv), start: r.start, end: r.end, a: r.a, b: r.b });
    }
  } else if (op === 'but-not') {
    for (const [iv, list] of aBy) {
      for (const c of withoutOverlap(list, bBy.get(iv) ?? [])) found.push({ interviewId: iv, order: orderOf(iv), start: c.start, end: c.end, a: [c], b: NONE });
    }
  } else {
    for (const f of sameMoment(db, aBy, bBy, scope.byId, bScope, input.sameMomentScope ?? 'same-side', toleranceSeconds)) found.push(f);
  }

  found.sort((x, y) => x.order - y.order || x.start - y.start || x.end - y.end || x.a[0]!.rowid - y.a[0]!.rowid);
  const offset = input.offset ?? 0;
  const page = found.slice(offset, offset + (input.limit ?? 1000));
  return {
    code: { id: codeA.id, path: tree.path(codeA.id) },
    other: codeB ? { id: codeB.id, path: tree.path(codeB.id) } : null,
    total: found.length,
    offset,
    excerpts: attribute(db, page, scope.byId, (id) => tree.path(id), input.contextChars ?? 0),
  };
}

function sameMoment(
  db: Db,
  aBy: Map<string, CodingRow[]>,
  bBy: Map<string, CodingRow[]>,
  aScope: Map<string, InterviewMeta>,
  bScope: { interviews: InterviewMeta[]; byId: Map<string, InterviewMeta> },
  which: SameMomentScope,
  toleranceSeconds: number,
): Found[] {
  const sameSide = which !== 'other-side';
  const otherSide = which !== 'same-side';
  // Sessions whose client and therapist interviews matter: those holding codings of the code.
  const sessions = new Map<string, { sessionId: string; clientInterviewId: string | null; therapistInterviewId: string | null }>();
  if (otherSide) {
    const wanted = new Set([...aBy.keys()].map((iv) => aScope.get(iv)!.sessionId));
    for (const m of bScope.interviews) {
      if (!wanted.has(m.sessionId) || m.role === 'other') continue;
      const s = sessions.get(m.sessionId) ?? { sessionId: m.sessionId, clientInterviewId: null, therapistInterviewId: null };
      if (m.role === 'client') s.clientInterviewId = m.interviewId;
      else s.therapistInterviewId = m.interviewId;
      sessions.set(m.sessionId, s);
    }
  }
  const need = new Map<string, InterviewMeta>();
  for (const iv of aBy.keys()) need.set(iv, aScope.get(iv)!);
  for (const s of sessions.values()) {
    for (const iv of [s.clientInterviewId, s.therapistInterviewId]) if (iv) need.set(iv, bScope.byId.get(iv)!);
  }
  const units = loadUnits(db, [...need.values()]);
  // unitId → the units of the other side aligned with it, as indices into the partner interview's units.
  const partner = new Map<string, { interviewId: string; index: number }>();
  if (otherSide) {
    for (const s of alignSessions(db, [...sessions.values()], units, toleranceSeconds)) {
      for (const r of s.rows) {
        if (!r.client || !r.therapist) continue;
        const cu = units.get(r.client.interviewId);
        const tu = units.get(r.therapist.interviewId);
        if (!cu || !tu) continue;
        partner.set(r.client.unitId, { interviewId: r.therapist.interviewId, index: tu.index.get(r.therapist.unitId)! });
        partner.set(r.therapist.unitId, { interviewId: r.client.interviewId, index: cu.index.get(r.client.unitId)! });
      }
    }
  }
  const out: Found[] = [];
  for (const [iv, list] of aBy) {
    const own = units.get(iv);
    if (!own) continue;
    const hits = new Map<number, { item: CodingRow; partners: Set<CodingRow> }>();
    const add = (matches: { item: CodingRow; partners: CodingRow[] }[]) => {
      for (const m of matches) {
        const h = hits.get(m.item.rowid) ?? { item: m.item, partners: new Set<CodingRow>() };
        for (const p of m.partners) h.partners.add(p);
        hits.set(m.item.rowid, h);
      }
    };
    if (sameSide) add(coUnit(list, own.units, bBy.get(iv) ?? [], own.units, (u) => [u]));
    if (otherSide) {
      const meta = aScope.get(iv)!;
      const s = sessions.get(meta.sessionId);
      const other = meta.role === 'client' ? s?.therapistInterviewId : meta.role === 'therapist' ? s?.clientInterviewId : null;
      const ou = other && units.get(other);
      if (other && ou) {
        add(
          coUnit(list, own.units, bBy.get(other) ?? [], ou.units, (u) => {
            const p = partner.get(own.units[u]!.unitId);
            return p ? [p.index] : [];
          }),
        );
      }
    }
    for (const h of hits.values()) {
      // Same side first, then in text order; codings starting together in the order they were made (rowid), not
      // in whatever order the query plan returned them.
      const b = [...h.partners].sort(
        (x, y) => (x.interviewId === y.interviewId ? 0 : x.interviewId === iv ? -1 : 1) || x.start - y.start || x.rowid - y.rowid,
      );
      out.push({ interviewId: iv, order: aScope.get(iv)!.order, start: h.item.start, end: h.item.end, a: [h.item], b });
    }
  }
  return out;
}

/** Index of the turn in which a passage starts: the one containing its start, else the first one starting inside it. */
function turnAt(turns: TurnBounds, span: Span): number | null {
  let lo = 0;
  let hi = turns.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (turns.start[mid]! <= span.start) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && turns.end[lo - 1]! > span.start) return lo - 1;
  return lo < turns.start.length && turns.start[lo]! < span.end ? lo : null;
}

/** Index of the last value <= x in ascending `values`; -1 when none. */
function lastAtOrBefore(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function attribute(db: Db, page: Found[], scope: Map<string, InterviewMeta>, pathOf: (codeId: string) => string, contextChars: number): Excerpt[] {
  if (!page.length) return [];
  const ivs = new Set<string>();
  for (const f of page) ivs.add(f.interviewId);
  // A partner's coding (same moment, other side) lies in another interview, whose text it is read from.
  const codingIvs = new Set(ivs);
  for (const f of page) for (const c of f.b) codingIvs.add(c.interviewId);
  const texts = loadTexts(db, codingIvs);
  const bounds = loadTurnBounds(db, ivs);
  const moments = loadMomentPoints(db, ivs);
  const names = coderNames(db);
  // Rowids of what each excerpt needs, so that ids and details are read (or found kept) in one go per kind.
  const turnOf: (number | null)[] = new Array(page.length);
  const momentOf: (number | null)[] = new Array(page.length);
  const codingRowids: number[] = [];
  for (let i = 0; i < page.length; i++) {
    const f = page[i]!;
    const b = bounds.get(f.interviewId);
    const k = b ? turnAt(b, f) : null;
    turnOf[i] = k === null ? null : b!.rowid[k]!;
    const m = moments.get(f.interviewId);
    const j = m ? lastAtOrBefore(m.offset, f.start) : -1;
    momentOf[i] = j < 0 ? null : j;
    for (const c of f.a) codingRowids.push(c.rowid);
    for (const c of f.b) codingRowids.push(c.rowid);
  }
  const details = loadTurnDetails(db, turnOf.filter((t): t is number => t !== null));
  const mIds = momentIds(db, page.flatMap((f, i) => (momentOf[i] === null ? [] : [moments.get(f.interviewId)!.rowid[momentOf[i]!]!])));
  const uuids = codingUuids(db, codingRowids);
  const paths = new Map<string, string>();
  const path = (codeId: string) => {
    let p = paths.get(codeId);
    if (p === undefined) paths.set(codeId, (p = pathOf(codeId)));
    return p;
  };
  const excerptCoding = (c: CodingRow, of: 'code' | 'other'): ExcerptCoding => ({
    id: uuids.get(c.rowid) ?? '',
    codeId: c.codeId,
    codePath: path(c.codeId),
    coderId: c.coderId,
    coderName: names.get(c.coderId) ?? '',
    start: c.start,
    end: c.end,
    of,
    interviewId: c.interviewId,
    text: texts.get(c.interviewId)?.slice(c.start, c.end) ?? '',
  });
  const memos = codingMemos(db, page.flatMap((f) => f.a.map((c) => uuids.get(c.rowid) ?? '')));
  const out: Excerpt[] = new Array(page.length);
  for (let i = 0; i < page.length; i++) {
    const f = page[i]!;
    const meta = scope.get(f.interviewId)!;
    const text = texts.get(f.interviewId);
    if (text === undefined) throw new DyadError('not-found', `The interview ${f.interviewId} disappeared while Dyad was reading it.`);
    const turn = turnOf[i] === null ? null : (details.get(turnOf[i]!) ?? null);
    const m = momentOf[i] === null ? null : moments.get(f.interviewId)!;
    const codings: ExcerptCoding[] = [];
    for (const c of f.a) codings.push(excerptCoding(c, 'code'));
    for (const c of f.b) codings.push(excerptCoding(c, 'other'));
    const codingIds: string[] = new Array(codings.length);
    for (let k = 0; k < codings.length; k++) codingIds[k] = codings[k]!.id;
    const { before, after } = contextAround(text, f.start, f.end, contextChars);
    out[i] = {
      interviewId: f.interviewId,
      dyadId: meta.dyadId,
      dyadName: meta.dyadName,
      sessionId: meta.sessionId,
      sessionNumber: meta.sessionNumber,
      role: meta.role,
      start: f.start,
      end: f.end,
      text: text.slice(f.start, f.end),
      before,
      after,
      codePath: f.a.length === 1 ? path(f.a[0]!.codeId) : distinct(f.a.map((c) => path(c.codeId))).join('; '),
      codingIds,
      codings,
      coders: codings.length === 1 ? [codings[0]!.coderName] : distinct(codings.map((c) => c.coderName)),
      turnId: turn?.id ?? null,
      speaker: turn?.speaker ?? null,
      speakerRole: turn?.speakerRole ?? null,
      interviewTime: turn?.interviewTime ?? null,
      momentId: m ? (mIds.get(m.rowid[momentOf[i]!]!) ?? null) : null,
      sessionTime: m ? m.sessionTime[momentOf[i]!]! : null,
      memos: f.a.flatMap((c) => memos.get(uuids.get(c.rowid) ?? '') ?? []),
    };
  }
  return out;
}

/** The values in first-seen order, each once. */
function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
