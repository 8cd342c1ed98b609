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
  /** The text's length in UTF-16 code units, the unit of offsets (shared/text/offsets.ts). */
  length: number;
}

/** One coding of a chosen coder, as the statistics take it; its id through `Scope.codingId`, only for the few shown. */
export interface ScopeSpan {
  coder: string;
  start: number;
  end: number;
  rowid: number;
}

export interface Scope {
  coders: { id: string; name: string }[];
  interviews: ScopeInterview[];
  /** Codes in the report, in codebook order, with their paths. */
  codes: { id: string; path: string; name: string; color: string }[];
  /**
   * code → interview → codings of the chosen coders in the chosen interviews, in no particular order (the
   * statistics sort each coder's spans themselves; a list shown to the reader is put in order where it is shown).
   */
  byCode: Map<string, Map<string, ScopeSpan[]>>;
  codingId: (rowid: number) => string;
  /** An interview's text, read when a passage of it is shown (the report itself needs only lengths). */
  textOf: (interviewId: string) => string;
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
  // Transcripts are not read: their length is all the figures need, and converting ~25 MB of text into JavaScript
  // strings cost more than the rest of the report's reading. SQLite counts code points; a transcript whose UTF-8
  // has a 4-byte sequence (a character beyond U+FFFF, two UTF-16 units) has them counted in its bytes instead.
  const interviews = (
    db
      .prepare(
        `SELECT i.id, i.source_name AS sourceName, i.role, s.id AS sessionId, s.number AS sessionNumber, d.id AS dyadId, d.name AS dyadName,
                length(i.text) AS length, length(CAST(i.text AS BLOB)) AS bytes
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
      }) as (ScopeInterview & { bytes?: number })[]
  );
  if (!interviews.length) throw new DyadError('not-found', 'No interview matches the chosen dyads, sessions, roles and interviews.');
  const utf8 = db.prepare('SELECT CAST(text AS BLOB) FROM interviews WHERE id = ?').pluck();
  for (const iv of interviews) {
    // Only a transcript with characters beyond ASCII can have 4-byte ones (lead bytes F0–F4, never inside another).
    if ((iv.bytes as number) > iv.length) iv.length += astralCount(utf8.get(iv.id) as Uint8Array);
    delete iv.bytes;
  }
  // Codings come grouped by interview and code, each group as one list of numbers (the coder as a position in the
  // list of coders, start, end, and the coding's rowid for the few whose id is shown): a JavaScript value per
  // column of 100,000 codings cost more than the query itself. The unique index answers them in its order, which
  // the grouping follows without a sort; within a group they are in no particular order (see Scope.byCode).
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
  const groups = db
    .prepare(
      `SELECT c.interview_id, cd.rowid, '[' || group_concat(co.key || ',' || c.start || ',' || c."end" || ',' || c.rowid) || ']'
       FROM codings c CROSS JOIN json_each(@coders) co ON co.value = c.coder_id CROSS JOIN codes cd ON cd.id = c.code_id
       WHERE c.interview_id IN (SELECT value FROM json_each(@interviews))
       GROUP BY c.interview_id, c.code_id`,
    )
    .raw()
    .all({ interviews: json(interviews.map((i) => i.id)), coders: json(coders.map((c) => c.id)) }) as [string, number, string][];
  const codingId = db.prepare('SELECT id FROM codings WHERE rowid = ?').pluck();

  const byCode = new Map<string, Map<string, ScopeSpan[]>>();
  // Per interview, which of the chosen coders coded anything in it (by their position).
  const coded = new Map(interviews.map((iv) => [iv.id, new Uint8Array(coders.length)]));
  for (const [interviewId, code, list] of groups) {
    const codeId = codeOfRowid.get(code) as string;
    let perInterview = byCode.get(codeId);
    if (!perInterview) byCode.set(codeId, (perInterview = new Map()));
    const numbers = JSON.parse(list) as number[];
    const spans: ScopeSpan[] = [];
    const who = coded.get(interviewId) as Uint8Array;
    for (let i = 0; i < numbers.length; i += 4) {
      const coder = numbers[i] as number;
      spans.push({ coder: (coders[coder] as { id: string }).id, start: numbers[i + 1] as number, end: numbers[i + 2] as number, rowid: numbers[i + 3] as number });
      who[coder] = 1;
    }
    perInterview.set(interviewId, spans);
  }
  const participants = new Map<string, string[]>();
  interviews.forEach((iv) => {
    const who = coded.get(iv.id) as Uint8Array;
    const these = coders.filter((_, k) => who[k] === 1).map((c) => c.id);
    if (these.length) participants.set(iv.id, these);
  });

  const known = new Map(allCodes.map((c) => [c.id, c]));
  let codeIds: string[];
  if (q.codeIds && q.codeIds.length) {
    for (const id of q.codeIds) if (!known.has(id)) throw new DyadError('not-found', `No code with id ${id} in this project.`);
    codeIds = [...new Set(q.codeIds)];
  } else {
    codeIds = allCodes.filter((c) => byCode.has(c.id)).map((c) => c.id);
  }
  const codes = codeIds.map((id) => {
    const c = getCode(db, id);
    return { id, path: c.path, name: c.name, color: c.color };
  });
  codes.sort((a, b) => a.path.localeCompare(b.path, undefined, { sensitivity: 'base', numeric: true }));

  const text = db.prepare('SELECT text FROM interviews WHERE id = ?').pluck();
  const texts = new Map<string, string>();
  const textOf = (id: string) => {
    let t = texts.get(id);
    if (t === undefined) texts.set(id, (t = (text.get(id) as string | undefined) ?? ''));
    return t;
  };
  return {
    coders,
    interviews,
    codes,
    byCode,
    codingId: (rowid) => codingId.get(rowid) as string,
    textOf,
    participants,
    segments: q.unit === 'char' ? new Map() : loadSegments(db, interviews, q.unit),
  };
}

/** How many characters beyond U+FFFF a UTF-8 text holds: each takes two UTF-16 units where SQLite counts one. */
function astralCount(utf8: Uint8Array): number {
  let n = 0;
  for (let b = 0xf0; b <= 0xf4; b++) for (let at = utf8.indexOf(b); at >= 0; at = utf8.indexOf(b, at + 1)) n++;
  return n;
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
  // The text before the first marker, in UTF-16 units: at least as many code points (substr's unit) cover it.
  const head = db.prepare('SELECT substr(text, 1, ?) FROM interviews WHERE id = ?').pluck();
  const before = (id: string, offset: number) => (offset > 0 ? (head.get(offset, id) as string).slice(0, offset) : '');
  const out = new Map<string, { start: number; end: number }[]>();
  for (const iv of interviews) {
    const ms = moments.get(iv.id);
    if (!ms?.length) {
      out.set(iv.id, turns.get(iv.id) ?? []);
      continue;
    }
    const segs: { start: number; end: number }[] = [];
    if (before(iv.id, ms[0] as number).trim()) segs.push({ start: 0, end: ms[0] as number });
    ms.forEach((m, i) => segs.push({ start: m, end: i + 1 < ms.length ? (ms[i + 1] as number) : iv.length }));
    out.set(iv.id, segs);
  }
  return out;
}
