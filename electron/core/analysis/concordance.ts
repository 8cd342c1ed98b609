/**
 * Client–therapist concordance: for each code, over the aligned rows of every session, on how many rows the code
 * was applied on both sides, on the client's only, on the therapist's only. A unit (recall moment, or speaker
 * turn where an interview marks no session times) is coded when a coding of the code overlaps its passage.
 *
 * Rows where only one side has a unit are counted apart ("unpaired"). The passage before the first stop of
 * the tape (the 'opening' row of the side-by-side view) is no recall moment and is left out.
 *
 * Each session is aligned once per call (alignments.ts), then codings are swept per interview against its units.
 */
import { unitsOverlapping } from '../../../shared/analysis/intervals';
import type { Db } from '../database';
import { alignSessions, type SessionRows } from './alignments';
import { loadCodeTree } from './codes';
import { codingUuids, groupByInterview, loadCodingSpans, loadCodings, type CodingRow } from './codings';
import { orderLike } from './matrix';
import { coderFilter, coderNames, resolveScope, type InterviewMeta, type ScopeFilter } from './scope';
import { loadTexts, loadUnits, type UnitSide } from './units';

export type ConcordanceCategory = 'both' | 'client-only' | 'therapist-only' | 'unpaired-client' | 'unpaired-therapist';

interface ConcordanceInput extends Omit<ScopeFilter, 'roles'> {
  codeIds?: string[] | undefined;
  coderIds?: string[] | undefined;
  includeSubcodes?: boolean | undefined;
}

interface ConcordanceCode {
  codeId: string;
  codePath: string;
  both: number;
  clientOnly: number;
  therapistOnly: number;
  neither: number;
  unpairedClient: number;
  unpairedTherapist: number;
  agreement: number | null;
}

export interface ConcordanceResult {
  toleranceSeconds: number;
  sessions: number;
  pairedRows: number;
  unpairedClientRows: number;
  unpairedTherapistRows: number;
  codes: ConcordanceCode[];
}

interface Study {
  sessions: SessionRows[];
  meta: Map<string, InterviewMeta>;
  units: ReturnType<typeof loadUnits>;
}

/** The sessions in scope, their interviews' units and their aligned rows. */
function alignStudy(db: Db, input: ConcordanceInput, toleranceSeconds: number): Study {
  const scope = resolveScope(db, { ...input, roles: ['client', 'therapist'] });
  const bySession = new Map<string, { sessionId: string; clientInterviewId: string | null; therapistInterviewId: string | null }>();
  for (const m of scope.interviews) {
    const s = bySession.get(m.sessionId) ?? { sessionId: m.sessionId, clientInterviewId: null, therapistInterviewId: null };
    if (m.role === 'client') s.clientInterviewId = m.interviewId;
    else s.therapistInterviewId = m.interviewId;
    bySession.set(m.sessionId, s);
  }
  const units = loadUnits(db, scope.interviews);
  return { sessions: alignSessions(db, [...bySession.values()], units, toleranceSeconds), meta: scope.byId, units };
}

const isMoment = (u: UnitSide | null): u is UnitSide => u !== null && u.kind !== 'opening';

/** Which codes are reported, and which reported codes each coded code counts for. */
function reporting(db: Db, input: ConcordanceInput, only?: string) {
  const tree = loadCodeTree(db);
  const all = tree.ordered().map((c) => c.id);
  const report = only ? [tree.get(only).id] : input.codeIds?.length ? orderLike(all, input.codeIds.map((id) => tree.get(id).id)) : all;
  const index = new Map(report.map((id, k) => [id, k]));
  const sub = input.includeSubcodes ?? false;
  const reportOf = new Map<string, number[]>();
  for (const id of report) {
    for (const d of sub ? tree.withDescendants(id) : [id]) {
      reportOf.set(d, (sub ? tree.withAncestors(d) : [d]).filter((a) => index.has(a)).map((a) => index.get(a)!));
    }
  }
  return { tree, report, reportOf, restrictCodes: Boolean(only || input.codeIds?.length) };
}

export function concordance(db: Db, input: ConcordanceInput, toleranceSeconds: number): ConcordanceResult {
  const { tree, report, reportOf, restrictCodes } = reporting(db, input);
  const coders = coderFilter(db, input.coderIds);
  const study = alignStudy(db, input, toleranceSeconds);
  const spans = loadCodingSpans(db, restrictCodes ? [...reportOf.keys()] : null, coders, new Set(study.units.keys()));
  // coded.get(interviewId)[reportIndex] marks the units (by index) coded with that code.
  const coded = new Map<string, Map<number, Uint8Array>>();
  for (const [iv, list] of groupByInterview(spans)) {
    const u = study.units.get(iv)!;
    const marks = new Map<number, Uint8Array>();
    coded.set(iv, marks);
    for (const s of list) {
      const rows = reportOf.get(s.codeId);
      if (!rows?.length) continue;
      for (let k = 0; k < s.starts.length; k++) {
        const hit = unitsOverlapping(u.units, { start: s.starts[k]!, end: s.ends[k]! });
        for (const r of rows) {
          let arr = marks.get(r);
          if (!arr) marks.set(r, (arr = new Uint8Array(u.units.length)));
          for (const h of hit) arr[h] = 1;
        }
      }
    }
  }
  const n = report.length;
  const both = new Int32Array(n);
  const clientOnly = new Int32Array(n);
  const therapistOnly = new Int32Array(n);
  const unpairedClient = new Int32Array(n);
  const unpairedTherapist = new Int32Array(n);
  let pairedRows = 0;
  let unpairedClientRows = 0;
  let unpairedTherapistRows = 0;
  const codedAt = (u: UnitSide) => {
    const marks = coded.get(u.interviewId);
    return marks ? { marks, index: study.units.get(u.interviewId)!.index.get(u.unitId)! } : null;
  };
  for (const s of study.sessions) {
    for (const row of s.rows) {
      const c = isMoment(row.client) ? row.client : null;
      const t = isMoment(row.therapist) ? row.therapist : null;
      const cc = c && codedAt(c);
      const tc = t && codedAt(t);
      if (c && t) {
        pairedRows++;
        const seen = new Set<number>();
        if (cc) for (const [r, arr] of cc.marks) if (arr[cc.index]) seen.add(r);
        if (tc) {
          for (const [r, arr] of tc.marks) {
            if (!arr[tc.index]) continue;
            if (seen.delete(r)) both[r]!++;
            else therapistOnly[r]!++;
          }
        }
        for (const r of seen) clientOnly[r]!++;
      } else if (c) {
        unpairedClientRows++;
        if (cc) for (const [r, arr] of cc.marks) if (arr[cc.index]) unpairedClient[r]!++;
      } else if (t) {
        unpairedTherapistRows++;
        if (tc) for (const [r, arr] of tc.marks) if (arr[tc.index]) unpairedTherapist[r]!++;
      }
    }
  }
  return {
    toleranceSeconds,
    sessions: study.sessions.length,
    pairedRows,
    unpairedClientRows,
    unpairedTherapistRows,
    codes: report.map((id, r) => {
      const any = both[r]! + clientOnly[r]! + therapistOnly[r]!;
      return {
        codeId: id,
        codePath: tree.path(id),
        both: both[r]!,
        clientOnly: clientOnly[r]!,
        therapistOnly: therapistOnly[r]!,
        neither: pairedRows - any,
        unpairedClient: unpairedClient[r]!,
        unpairedTherapist: unpairedTherapist[r]!,
        agreement: any ? both[r]! / any : null,
      };
    }),
  };
}

interface ConcordanceRowsInput extends ConcordanceInput {
  codeId: string;
  category: ConcordanceCategory;
}

interface ConcordancePassage {
  id: string;
  start: number;
  end: number;
  text: string;
  coderName: string;
}

interface ConcordanceUnit extends UnitSide {
  codingIds: string[];
  /** The codings overlapping the unit as passages: what the drill-down shows of each side. */
  codings: ConcordancePassage[];
}

interface ConcordanceRow {
  dyadId: string;
  dyadName: string;
  sessionId: string;
  sessionNumber: number;
  sessionTime: number | null;
  clientUnitId: string | null;
  therapistUnitId: string | null;
  side: 'both' | 'client' | 'therapist';
  client: ConcordanceUnit | null;
  therapist: ConcordanceUnit | null;
}

/** The rows behind one count of the concordance table, in dyad, session and row order. */
export function concordanceRows(db: Db, input: ConcordanceRowsInput, toleranceSeconds: number) {
  const { tree, reportOf } = reporting(db, input, input.codeId);
  const coders = coderFilter(db, input.coderIds);
  const study = alignStudy(db, input, toleranceSeconds);
  const codings = loadCodings(db, [...reportOf.keys()], coders, new Set(study.units.keys()));
  const uuids = codingUuids(
    db,
    codings.map((c) => c.rowid),
  );
  // unitId → the codings overlapping it, in text order.
  const byUnit = new Map<string, CodingRow[]>();
  for (const [iv, list] of groupByInterview(codings)) {
    const units = study.units.get(iv)!.units;
    for (const c of [...list].sort((x, y) => x.start - y.start || x.end - y.end || x.rowid - y.rowid)) {
      for (const u of unitsOverlapping(units, c)) {
        const id = units[u]!.unitId;
        const l = byUnit.get(id);
        if (l) l.push(c);
        else byUnit.set(id, [c]);
      }
    }
  }
  // Texts and names are read only for the rows listed, once each.
  let texts: Map<string, string> | null = null;
  let names: Map<string, string> | null = null;
  const passages = (list: CodingRow[]): ConcordancePassage[] => {
    texts ??= loadTexts(db, new Set(codings.map((c) => c.interviewId)));
    names ??= coderNames(db);
    return list.map((c) => ({ id: uuids.get(c.rowid)!, start: c.start, end: c.end, text: texts!.get(c.interviewId)?.slice(c.start, c.end) ?? '', coderName: names!.get(c.coderId) ?? '' }));
  };
  const rows: ConcordanceRow[] = [];
  const order = (s: SessionRows) => {
    const iv = s.clientInterviewId ?? s.therapistInterviewId;
    return iv ? study.meta.get(iv)!.order : 0;
  };
  for (const s of [...study.sessions].sort((a, b) => order(a) - order(b))) {
    const meta = study.meta.get((s.clientInterviewId ?? s.therapistInterviewId)!)!;
    for (const row of s.rows) {
      const c = isMoment(row.client) ? row.client : null;
      const t = isMoment(row.therapist) ? row.therapist : null;
      const cIds = c ? (byUnit.get(c.unitId) ?? []) : [];
      const tIds = t ? (byUnit.get(t.unitId) ?? []) : [];
      let category: ConcordanceCategory | null = null;
      if (c && t) category = cIds.length && tIds.length ? 'both' : cIds.length ? 'client-only' : tIds.length ? 'therapist-only' : null;
      else if (c && cIds.length) category = 'unpaired-client';
      else if (t && tIds.length) category = 'unpaired-therapist';
      if (category !== input.category) continue;
      rows.push({
        dyadId: meta.dyadId,
        dyadName: meta.dyadName,
        sessionId: s.sessionId,
        sessionNumber: meta.sessionNumber,
        sessionTime: row.sessionTime,
        clientUnitId: c?.unitId ?? null,
        therapistUnitId: t?.unitId ?? null,
        side: cIds.length && tIds.length ? 'both' : cIds.length ? 'client' : 'therapist',
        client: c ? { ...c, codingIds: cIds.map((x) => uuids.get(x.rowid)!), codings: passages(cIds) } : null,
        therapist: t ? { ...t, codingIds: tIds.map((x) => uuids.get(x.rowid)!), codings: passages(tIds) } : null,
      });
    }
  }
  return { codeId: input.codeId, codePath: tree.path(input.codeId), category: input.category, rows };
}
