/**
 * What an agreement report or a consensus looks at: the coders compared (by id or name), the interviews (chosen
 * interviews, sessions, dyads and roles; all when none are given), the codes (chosen, or every code one of the
 * coders applied there), and the units of each interview.
 *
 * Units for 'turn' and 'moment' are the passages the side-by-side view shows (electron/core/alignment.ts
 * sideUnits): speaker turns; or recall moments from one session-time marker to the next, with the stretch before
 * the first marker as a unit of its own when it has text, and the turns of an interview that has no markers.
 */
import { DyadError } from '../../shared/api/errors';
import type { Role } from '../../shared/domain/types';
import { getCode } from '../core/coding';
import type { Db } from '../core/database';

export type AgreementUnit = 'char' | 'turn' | 'moment';

export interface ScopeQuery {
  coders: readonly string[];
  unit: AgreementUnit;
  codeIds?: readonly string[] | undefined;
  interviewIds?: readonly string[] | undefined;
  sessionIds?: readonly string[] | undefined;
  dyadIds?: readonly string[] | undefined;
  roles?: readonly Role[] | undefined;
}

interface ScopeInterview {
  id: string;
  sourceName: string;
  role: Role;
  sessionId: string;
  sessionNumber: number;
  dyadId: string;
  dyadName: string;
  text: string;
}

interface ScopeCoding {
  /** The coding's rowid; its id through `Scope.codingId`, only for the few shown. */
  rowid: number;
  interviewId: string;
  codeId: string;
  coderId: string;
  start: number;
  end: number;
}

export interface Scope {
  coders: { id: string; name: string }[];
  interviews: ScopeInterview[];
  /** Codes in the report, in codebook order, with their paths. */
  codes: { id: string; path: string; name: string; color: string }[];
  /** Codings of the chosen coders in the chosen interviews (all codes). */
  codings: ScopeCoding[];
  codingId: (rowid: number) => string;
  /** Per interview, the chosen coders who coded it (at least one coding of any code). */
  participants: Map<string, string[]>;
  /** Units of each interview for 'turn' and 'moment' (empty for 'char'). */
  segments: Map<string, { start: number; end: number }[]>;
}

export function resolveCoders(db: Db, refs: readonly string[]): { id: string; name: string }[] {
  const all = db.prepare('SELECT id, name FROM coders ORDER BY name COLLATE NOCASE').all() as { id: string; name: string }[];
  const out: { id: string; name: string }[] = [];
  for (const ref of refs) {
    const r = ref.trim();
    const c = all.find((x) => x.id === r) ?? all.find((x) => x.name.toLowerCase() === r.toLowerCase());
    if (!c) {
      throw new DyadError('not-found', `No coder "${r}" in this project (coders: ${all.map((x) => x.name).join(', ') || 'none yet'}).`);
    }
    if (!out.some((x) => x.id === c.id)) out.push(c);
  }
  if (out.length < 2) throw new DyadError('invalid-input', 'Agreement compares at least two different coders.');
  return out;
}

const json = (xs: readonly string[]) => JSON.stringify(xs);

export function loadScope(db: Db, q: ScopeQuery): Scope {
  const coders = resolveCoders(db, q.coders);
  const given = (xs: readonly unknown[] | undefined) => (xs && xs.length ? xs : null);
  const interviews = (
    db
      .prepare(
        `SELECT i.id, i.source_name AS sourceName, i.role, s.id AS sessionId, s.number AS sessionNumber, d.id AS dyadId, d.name AS dyadName, i.text
         FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id
         WHERE (@iv IS NULL OR i.id IN (SELECT value FROM json_each(@iv)))
           AND (@ss IS NULL OR s.id IN (SELECT value FROM json_each(@ss)))
           AND (@dy IS NULL OR d.id IN (SELECT value FROM json_each(@dy)))
           AND (@ro IS NULL OR i.role IN (SELECT value FROM json_each(@ro)))
         ORDER BY d.name COLLATE NOCASE, s.number, CASE i.role WHEN 'client' THEN 0 WHEN 'therapist' THEN 1 ELSE 2 END, i.source_name`,
      )
      .all({
        iv: given(q.interviewIds) && json(q.interviewIds as string[]),
        ss: given(q.sessionIds) && json(q.sessionIds as string[]),
        dy: given(q.dyadIds) && json(q.dyadIds as string[]),
        ro: given(q.roles) && json(q.roles as string[]),
      }) as ScopeInterview[]
  );
  if (!interviews.length) throw new DyadError('not-found', 'No interview matches the chosen dyads, sessions, roles and interviews.');
  // Codings come as small numbers where they repeat (interview, code and coder as positions in their lists, the
  // coding as its rowid): a JavaScript string per id of 100,000 codings cost more than the query itself. The
  // interview's covering index finds them; the order is total (a coder codes a passage with a code once).
  const allCodes = db.prepare('SELECT rowid, id, codebook_id, parent_id, name, color, position FROM codes').all() as {
    rowid: number;
    id: string;
    codebook_id: string;
    parent_id: string | null;
    name: string;
    color: string;
    position: number;
  }[];
  const codeOfRowid = new Map(allCodes.map((c) => [c.rowid, c.id]));
  const codings = (
    db
      .prepare(
        `SELECT c.rowid, iv.key, cd.rowid, co.key, c.start, c."end"
         FROM json_each(@interviews) iv CROSS JOIN codings c ON c.interview_id = iv.value
           CROSS JOIN json_each(@coders) co ON co.value = c.coder_id CROSS JOIN codes cd ON cd.id = c.code_id
         ORDER BY c.interview_id, c.start, c."end", c.coder_id, c.code_id`,
      )
      .raw()
      .all({ interviews: json(interviews.map((i) => i.id)), coders: json(coders.map((c) => c.id)) }) as [number, number, number, number, number, number][]
  ).map(([rowid, iv, code, coder, start, end]) => ({
    rowid,
    interviewId: (interviews[iv] as ScopeInterview).id,
    codeId: codeOfRowid.get(code) as string,
    coderId: (coders[coder] as { id: string }).id,
    start,
    end,
  }));
  const codingId = db.prepare('SELECT id FROM codings WHERE rowid = ?').pluck();

  const participants = new Map<string, string[]>();
  for (const c of codings) {
    const list = participants.get(c.interviewId);
    if (!list) participants.set(c.interviewId, [c.coderId]);
    else if (!list.includes(c.coderId)) list.push(c.coderId);
  }
  for (const [k, list] of participants) participants.set(k, coders.map((c) => c.id).filter((id) => list.includes(id)));

  const known = new Map(allCodes.map((c) => [c.id, c]));
  let codeIds: string[];
  if (q.codeIds && q.codeIds.length) {
    for (const id of q.codeIds) if (!known.has(id)) throw new DyadError('not-found', `No code with id ${id} in this project.`);
    codeIds = [...new Set(q.codeIds)];
  } else {
    const used = new Set(codings.map((c) => c.codeId));
    codeIds = allCodes.filter((c) => used.has(c.id)).map((c) => c.id);
  }
  const codes = codeIds.map((id) => {
    const c = getCode(db, id);
    return { id, path: c.path, name: c.name, color: c.color };
  });
  codes.sort((a, b) => a.path.localeCompare(b.path, undefined, { sensitivity: 'base', numeric: true }));

  return { coders, interviews, codes, codings, codingId: (rowid) => codingId.get(rowid) as string, participants, segments: q.unit === 'char' ? new Map() : loadSegments(db, interviews, q.unit) };
}

/** Units for 'turn' and 'moment', as sideUnits cuts them (see the file comment). */
function loadSegments(db: Db, interviews: ScopeInterview[], unit: 'turn' | 'moment'): Map<string, { start: number; end: number }[]> {
  const ids = json(interviews.map((i) => i.id));
  const group = <T>(rows: [string, T][]) => {
    const m = new Map<string, T[]>();
    for (const [iv, v] of rows) {
      const list = m.get(iv);
      if (list) list.push(v);
      else m.set(iv, [v]);
    }
    return m;
  };
  const turnsOf = (ivIds: string[]) =>
    group(
      (
        db
          .prepare('SELECT interview_id, start, "end" FROM turns WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id, seq')
          .raw()
          .all(json(ivIds)) as [string, number, number][]
      ).map(([iv, start, end]) => [iv, { start, end }] as [string, { start: number; end: number }]),
    );
  if (unit === 'turn') {
    const turns = turnsOf(interviews.map((i) => i.id));
    return new Map(interviews.map((iv) => [iv.id, turns.get(iv.id) ?? []]));
  }
  const moments = group(db.prepare('SELECT interview_id, "offset" FROM moments WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id, "offset", rowid').raw().all(ids) as [string, number][]);
  // Turns only where there are no session-time markers.
  const turns = turnsOf(interviews.filter((i) => !moments.get(i.id)?.length).map((i) => i.id));
  const out = new Map<string, { start: number; end: number }[]>();
  for (const iv of interviews) {
    const ms = moments.get(iv.id);
    if (!ms?.length) {
      out.set(iv.id, turns.get(iv.id) ?? []);
      continue;
    }
    const segs: { start: number; end: number }[] = [];
    if (iv.text.slice(0, ms[0]).trim()) segs.push({ start: 0, end: ms[0] as number });
    ms.forEach((m, i) => segs.push({ start: m, end: i + 1 < ms.length ? (ms[i + 1] as number) : iv.text.length }));
    out.set(iv.id, segs);
  }
  return out;
}
