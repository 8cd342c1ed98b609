/**
 * Full-text search over the speaker turns (the turns_fts FTS5 index). The query is sanitised into FTS5 syntax
 * (shared/analysis/query.ts); match positions come from FTS5's own highlight(), so they follow exactly the
 * tokenizer that found the hit (case, diacritics, prefixes, phrases across punctuation), and are turned into
 * absolute offsets in the interview's text by adding the turn's start.
 *
 * Hits come best first (order 'relevance': FTS5's bm25, which weighs how often the terms occur in a turn against
 * the turn's length and how rare the terms are in the study), or in index order (order 'reading': the order
 * transcripts were imported, reading order within each; a corrected interview's turns are re-indexed and move to
 * the end), which the index delivers without sorting. Either order is total and repeatable for an unchanged file,
 * so pages by offset neither repeat nor lose a hit. Filters by interview or speaker are applied to the rowids the
 * index returns, through rowid-indexed arrays kept until the file changes (cache.ts), never by reading each hit's row.
 */
import { parseSearchQuery } from '../../../shared/analysis/query';
import { readHighlight, snippetOf } from '../../../shared/analysis/passages';
import type { Span } from '../../../shared/analysis/intervals';
import type { Role, SpeakerRole } from '../../../shared/domain/types';
import type { Db } from '../database';
import { cachedStatement } from '../statements';
import { cachedMany } from './cache';
import { resolveScope, type ScopeFilter } from './scope';
import { readyWordIndex, tokenizedExactly, words } from './wordIndex';
import { wordSearch } from './wordSearch';

export interface SearchInput extends ScopeFilter {
  query: string;
  speakerRoles?: SpeakerRole[] | undefined;
  speakers?: string[] | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  order?: SearchOrder | undefined;
  snippetChars?: number | undefined;
}

export type SearchOrder = 'relevance' | 'reading';

interface SearchHit {
  interviewId: string;
  dyadId: string;
  dyadName: string;
  sessionId: string;
  sessionNumber: number;
  role: Role;
  turnId: string;
  speaker: string;
  speakerRole: SpeakerRole;
  turnStart: number;
  turnEnd: number;
  interviewTime: number | null;
  momentId: string | null;
  sessionTime: number | null;
  matches: Span[];
  snippet: ReturnType<typeof snippetOf>;
}

interface SearchResult {
  query: string;
  total: number;
  offset: number;
  hits: SearchHit[];
}

/** Noncharacters: reserved for internal use, never in a transcript. */
const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const SPARE: [string, string][] = [
  ['\uFDD2', '\uFDD3'],
  ['\u0001', '\u0002'],
];

/** FTS rowid → the turn's interview, for filtering hits without reading each hit's row. */
interface InterviewIndex {
  interviewOf: Int32Array;
  interviews: string[];
}

/** FTS rowid → the turn's speaker role and speaker label. */
interface SpeakerIndex {
  roleOf: Uint8Array;
  speakerOf: Int32Array;
  speakers: string[];
}

const SPEAKER_ROLE_CODES: Record<SpeakerRole, number> = { interviewer: 1, participant: 2, unknown: 3 };

function rowidArray<T extends Int32Array | Uint8Array>(groups: number[][], make: (n: number) => T): T {
  let max = 0;
  for (const g of groups) for (const r of g) if (r > max) max = r;
  return make(max + 1);
}

function interviewIndex(db: Db): InterviewIndex {
  return cachedMany(db, 'fts-interviews', ['all'], () => {
    const rows = db.prepare('SELECT interview_id, json_group_array(rowid) FROM turns_fts GROUP BY interview_id').raw().all() as [string, string][];
    const groups = rows.map((r) => JSON.parse(r[1]) as number[]);
    const interviewOf = rowidArray(groups, (n) => new Int32Array(n).fill(-1));
    groups.forEach((g, k) => g.forEach((r) => (interviewOf[r] = k)));
    return new Map([['all', { interviewOf, interviews: rows.map((r) => r[0]) }]]);
  }).get('all')!;
}

function speakerIndex(db: Db): SpeakerIndex {
  return cachedMany(db, 'fts-speakers', ['all'], () => {
    const rows = db
      .prepare('SELECT t.speaker_role, t.speaker, json_group_array(f.rowid) FROM turns_fts f JOIN turns t ON t.id = f.turn_id GROUP BY 1, 2')
      .raw()
      .all() as [SpeakerRole, string, string][];
    const groups = rows.map((r) => JSON.parse(r[2]) as number[]);
    const roleOf = rowidArray(groups, (n) => new Uint8Array(n));
    const speakerOf = rowidArray(groups, (n) => new Int32Array(n).fill(-1));
    groups.forEach((g, k) => g.forEach((r) => ((roleOf[r] = SPEAKER_ROLE_CODES[rows[k]![0]]), (speakerOf[r] = k))));
    return new Map([['all', { roleOf, speakerOf, speakers: rows.map((r) => r[1]) }]]);
  }).get('all')!;
}

const fold = (s: string) => s.trim().toLocaleLowerCase();

/** Whether a hit (FTS rowid) lies in the scope and was said by the speakers asked for; null when all do. */
function hitFilter(db: Db, scope: ReturnType<typeof resolveScope>, input: SearchInput): ((rowid: number) => boolean) | null {
  let interviewOf: Int32Array | null = null;
  let interviewOk: Uint8Array | null = null;
  if (scope.restricted) {
    const ix = interviewIndex(db);
    interviewOf = ix.interviewOf;
    interviewOk = Uint8Array.from(ix.interviews, (iv) => (scope.byId.has(iv) ? 1 : 0));
  }
  let roleOf: Uint8Array | null = null;
  const roleOk = new Uint8Array(4);
  let speakerOf: Int32Array | null = null;
  let speakerOk: Uint8Array | null = null;
  if (input.speakerRoles?.length || input.speakers?.length) {
    const sx = speakerIndex(db);
    if (input.speakerRoles?.length) {
      roleOf = sx.roleOf;
      for (const r of input.speakerRoles) roleOk[SPEAKER_ROLE_CODES[r]] = 1;
    }
    if (input.speakers?.length) {
      const wanted = new Set(input.speakers.map(fold));
      speakerOf = sx.speakerOf;
      speakerOk = Uint8Array.from(sx.speakers, (name) => (wanted.has(fold(name)) ? 1 : 0));
    }
  }
  if (!interviewOf && !roleOf && !speakerOf) return null;
  return (r) => {
    if (interviewOf) {
      const k = r < interviewOf.length ? interviewOf[r]! : -1;
      if (k < 0 || !interviewOk![k]) return false;
    }
    if (roleOf && !roleOk[r < roleOf.length ? roleOf[r]! : 0]) return false;
    if (speakerOf) {
      const k = r < speakerOf.length ? speakerOf[r]! : -1;
      if (k < 0 || !speakerOk![k]) return false;
    }
    return true;
  };
}

/**
 * The character ranges of token ranges (first and last token, inclusive) in an ASCII text, where the tokens are
 * certainly FTS5's; null for any other text.
 */
function tokenMarks(text: string, ranges: [number, number][]): { start: number; end: number }[] | null {
  if (!tokenizedExactly(text)) return null;
  const starts: number[] = [];
  const ends: number[] = [];
  words(text, (_, start, end) => {
    starts.push(start);
    ends.push(end);
  });
  const out: { start: number; end: number }[] = [];
  for (const [a, b] of ranges) if (a < starts.length && b < ends.length) out.push({ start: starts[a]!, end: ends[b]! });
  return out;
}

export function searchText(db: Db, input: SearchInput): SearchResult {
  const parsed = parseSearchQuery(input.query);
  const limit = input.limit ?? 50;
  const offset = input.offset ?? 0;
  const scope = resolveScope(db, input);
  const empty = { query: parsed.understood, total: 0, offset, hits: [] };
  if (scope.restricted && !scope.interviews.length) return empty;
  const ranked = (input.order ?? 'relevance') === 'relevance';
  // FTS5 consumes ORDER BY rank itself (bm25, best first) and ORDER BY rowid (index order, no sort at all).
  const orderBy = ranked ? 'rank' : 'rowid';

  const columns = 'f.rowid, f.turn_id, f.interview_id, f.text, highlight(turns_fts, 0, ?, ?)';
  // CAST: better-sqlite3 binds a number as a REAL, and FTS5 then drops "rowid = ?" (SQLite 3.51: every hit came
  // back, so the first hit's marks were read into another turn).
  const rehighlight = cachedStatement(db, `SELECT highlight(turns_fts, 0, ?, ?) FROM turns_fts WHERE turns_fts MATCH ? AND rowid = CAST(? AS INTEGER)`).pluck();
  const pageOf = (wanted: number[]) => {
    const rows = cachedStatement(db, `SELECT ${columns} FROM turns_fts f WHERE turns_fts MATCH ? AND f.rowid IN (SELECT value FROM json_each(?))`)
      .raw()
      .all(OPEN, CLOSE, parsed.fts, JSON.stringify(wanted)) as typeof page;
    const byRowid = new Map(rows.map((r) => [r[0], r]));
    return wanted.map((r) => byRowid.get(r)).filter((r) => r !== undefined);
  };
  let total: number;
  let page: [number, string, string, string, string][];
  const keep = hitFilter(db, scope, input);
  const ix = readyWordIndex(db);
  const answer = ix && wordSearch(ix, parsed.node, { ranked, offset, limit, keep });
  // The words to mark in each hit, from the word index's positions (FTS5's highlight() costs 1–4 ms a page).
  const marksOf = new Map<number, { start: number; end: number }[]>();
  if (answer) {
    // The word index found the page (wordSearch.ts): its rows are read by rowid, no MATCH again.
    total = answer.total;
    if (!answer.rowids.length) return { ...empty, total };
    const rows = cachedStatement(db, 'SELECT rowid, turn_id, interview_id, text FROM turns_fts WHERE rowid IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(answer.rowids)) as [number, string, string, string][];
    const byRowid = new Map(rows.map((r) => [r[0], r]));
    page = [];
    answer.rowids.forEach((rowid, k) => {
      const row = byRowid.get(rowid);
      if (!row) return;
      const marks = tokenMarks(row[3], answer.marks[k]!);
      if (marks) marksOf.set(rowid, marks);
      // A turn not in ASCII is marked by FTS5 itself: its tokenizer's offsets there are its own.
      page.push([...row, marks ? '' : (rehighlight.get(OPEN, CLOSE, parsed.fts, rowid) as string)]);
    });
  } else if (!keep) {
    // Unfiltered: the index counts and pages by itself, whatever the number of hits.
    total = cachedStatement(db, 'SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?').pluck().get(parsed.fts) as number;
    if (!total || offset >= total) return { ...empty, total };
    page = cachedStatement(db, `SELECT ${columns} FROM turns_fts f WHERE turns_fts MATCH ? ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
      .raw()
      .all(OPEN, CLOSE, parsed.fts, limit, offset) as typeof page;
  } else {
    // Filtered: the index gives every hit's rowid in the order asked for (it reads no rows for that); which of
    // them are in scope is looked up in rowid-indexed arrays kept until the file changes, instead of reading each
    // hit's row. One JSON array instead of a row per hit: a common word has tens of thousands.
    const all = JSON.parse(
      cachedStatement(db, `SELECT json_group_array(rowid) FROM (SELECT rowid FROM turns_fts WHERE turns_fts MATCH ? ORDER BY ${orderBy})`).pluck().get(parsed.fts) as string,
    ) as number[];
    const rowids = all.filter(keep);
    total = rowids.length;
    if (!total || offset >= total) return { ...empty, total };
    page = pageOf(rowids.slice(offset, offset + limit));
  }

  const turnIds = page.map((r) => r[1]);
  const turns = new Map(
    (
      cachedStatement(db, 'SELECT id, speaker, speaker_role, start, end, interview_time FROM turns WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(turnIds)) as [string, string, SpeakerRole, number, number, number | null][]
    ).map((r) => [r[0], r]),
  );
  const width = input.snippetChars ?? 160;

  const hits: SearchHit[] = [];
  const firstMatch: [string, number][] = [];
  for (const [rowid, turnId, interviewId, text, marked] of page) {
    const meta = scope.byId.get(interviewId);
    const turn = turns.get(turnId);
    if (!meta || !turn) continue; // an index row whose turn is gone: nothing to show or jump to
    const known = marksOf.get(rowid);
    let read = known ? { text, marks: known } : readHighlight(marked, OPEN, CLOSE);
    for (const [o, c] of SPARE) {
      if (read && read.text === text) break;
      read = readHighlight(rehighlight.get(o, c, parsed.fts, rowid) as string, o, c);
    }
    const marks = read && read.text === text ? read.marks : [];
    const [, speaker, speakerRole, start, end, interviewTime] = turn;
    const at = marks.length ? start + marks[0]!.start : start;
    firstMatch.push([interviewId, at]);
    hits.push({
      interviewId,
      dyadId: meta.dyadId,
      dyadName: meta.dyadName,
      sessionId: meta.sessionId,
      sessionNumber: meta.sessionNumber,
      role: meta.role,
      turnId,
      speaker,
      speakerRole,
      turnStart: start,
      turnEnd: end,
      interviewTime,
      momentId: null,
      sessionTime: null,
      matches: marks.map((m) => ({ start: start + m.start, end: start + m.end })),
      snippet: snippetOf(text, start, marks, width),
    });
  }
  // The recall moment of each hit's first match, for the whole page in one statement: a round trip per hit
  // cost more than the index search itself.
  const moments = cachedStatement(
    db,
    `SELECT j.key, m.id, m.session_time FROM json_each(?) j JOIN moments m ON m.rowid = (
       SELECT rowid FROM moments WHERE interview_id = json_extract(j.value, '$[0]') AND offset <= json_extract(j.value, '$[1]') ORDER BY offset DESC LIMIT 1)`,
  )
    .raw()
    .all(JSON.stringify(firstMatch)) as [number, string, number][];
  for (const [k, id, sessionTime] of moments) Object.assign(hits[k]!, { momentId: id, sessionTime });
  return { query: parsed.understood, total, offset, hits };
}
