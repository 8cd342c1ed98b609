/**
 * Full-text search over the speaker turns (the turns_fts FTS5 index). The query is sanitised into FTS5 syntax
 * (shared/analysis/query.ts); match positions come from FTS5's own highlight(), so they follow exactly the
 * tokenizer that found the hit (case, diacritics, prefixes, phrases across punctuation), and are turned into
 * absolute offsets in the interview's text by adding the turn's start.
 *
 * Hits come in index order (the order transcripts were imported, and reading order within each), which the FTS
 * index delivers without sorting: a page costs the same for a rare word and for "I".
 */
import { parseSearchQuery } from '../../../shared/analysis/query';
import { readHighlight, snippetOf } from '../../../shared/analysis/passages';
import type { Span } from '../../../shared/analysis/intervals';
import type { Role, SpeakerRole } from '../../../shared/domain/types';
import type { Db } from '../database';
import { resolveScope, type ScopeFilter } from './scope';

export interface SearchInput extends ScopeFilter {
  query: string;
  speakerRoles?: SpeakerRole[] | undefined;
  speakers?: string[] | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  snippetChars?: number | undefined;
}

export interface SearchHit {
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

export interface SearchResult {
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

export function searchText(db: Db, input: SearchInput): SearchResult {
  const parsed = parseSearchQuery(input.query);
  const limit = input.limit ?? 50;
  const offset = input.offset ?? 0;
  const scope = resolveScope(db, input);
  const empty = { query: parsed.understood, total: 0, offset, hits: [] };
  if (scope.restricted && !scope.interviews.length) return empty;

  const where = ['turns_fts MATCH ?'];
  const params: unknown[] = [parsed.fts];
  let join = '';
  if (scope.restricted) {
    where.push('f.interview_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.interviews.map((i) => i.interviewId)));
  }
  if (input.speakerRoles?.length || input.speakers?.length) {
    join = 'JOIN turns t ON t.id = f.turn_id';
    if (input.speakerRoles?.length) {
      where.push('t.speaker_role IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(input.speakerRoles));
    }
    if (input.speakers?.length) {
      where.push('t.speaker COLLATE NOCASE IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(input.speakers.map((s) => s.trim())));
    }
  }
  const from = `FROM turns_fts f ${join} WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number) ?? 0;
  if (!total || offset >= total) return { ...empty, total };

  const page = db
    .prepare(`SELECT f.rowid, f.turn_id, f.interview_id, f.text, highlight(turns_fts, 0, ?, ?) ${from} ORDER BY f.rowid LIMIT ? OFFSET ?`)
    .raw()
    .all(OPEN, CLOSE, ...params, limit, offset) as [number, string, string, string, string][];

  const turnIds = page.map((r) => r[1]);
  const turns = new Map(
    (
      db
        .prepare('SELECT id, speaker, speaker_role, start, end, interview_time FROM turns WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(turnIds)) as [string, string, SpeakerRole, number, number, number | null][]
    ).map((r) => [r[0], r]),
  );
  const momentAt = db.prepare('SELECT id, session_time FROM moments WHERE interview_id = ? AND offset <= ? ORDER BY offset DESC LIMIT 1').raw();
  const rehighlight = db.prepare(`SELECT highlight(turns_fts, 0, ?, ?) FROM turns_fts WHERE turns_fts MATCH ? AND rowid = ?`).pluck();
  const width = input.snippetChars ?? 160;

  const hits: SearchHit[] = [];
  for (const [rowid, turnId, interviewId, text, marked] of page) {
    const meta = scope.byId.get(interviewId);
    const turn = turns.get(turnId);
    if (!meta || !turn) continue; // an index row whose turn is gone: nothing to show or jump to
    let read = readHighlight(marked, OPEN, CLOSE);
    for (const [o, c] of SPARE) {
      if (read && read.text === text) break;
      read = readHighlight(rehighlight.get(o, c, parsed.fts, rowid) as string, o, c);
    }
    const marks = read && read.text === text ? read.marks : [];
    const [, speaker, speakerRole, start, end, interviewTime] = turn;
    const at = marks.length ? start + marks[0]!.start : start;
    const moment = momentAt.get(interviewId, at) as [string, number] | undefined;
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
      momentId: moment?.[0] ?? null,
      sessionTime: moment?.[1] ?? null,
      matches: marks.map((m) => ({ start: start + m.start, end: start + m.end })),
      snippet: snippetOf(text, start, marks, width),
    });
  }
  return { query: parsed.understood, total, offset, hits };
}
