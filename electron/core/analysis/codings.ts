/**
 * Codings as analysis reads them: one query per call over the codings of the codes asked for, grouped by
 * interview in memory so that the interval work never goes back to SQLite.
 *
 * Rows come packed per (interview, code, coder), with the coding's rowid instead of its UUID: over 10,000
 * codings, making one JavaScript string per id and per row costs more than the query itself. The UUIDs of the
 * codings actually returned are read afterwards (codingUuids). Both are kept until the file changes (cache.ts).
 */
import type { Db } from '../database';
import { cachedByRowid, cachedMany } from './cache';

export interface CodingRow {
  /** SQLite rowid, stable for the duration of a call; see codingUuids for the coding's id. */
  rowid: number;
  interviewId: string;
  codeId: string;
  coderId: string;
  start: number;
  end: number;
}

/**
 * Where the codings of `codeIds` by `coders` come from. With codes given, they are read per interview from
 * codings_unique (interview, code, coder, start, end), which holds every column these reads need (the rowid comes
 * with each entry): CROSS JOIN keeps the interviews as the outer loop, so each is one seek to its codings of those
 * codes, without looking rows up in the table. For the 10,000 codings of one code in a 100,000-coding study that
 * is ~10 ms instead of ~25 through codings_code and the table; an index of its own would have cost every bulk
 * write of codings (a merge of coders' copies) a quarter more.
 */
function source(codeIds: readonly string[] | null, coders: Set<string> | null): { from: string; params: string[] } {
  const params: string[] = [];
  const where: string[] = [];
  if (codeIds) {
    where.push('c.interview_id = i.id', 'c.code_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(codeIds));
  }
  if (coders) {
    where.push('c.coder_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify([...coders]));
  }
  const from = codeIds ? 'interviews i CROSS JOIN codings c' : 'codings c';
  return { from: `${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params };
}

/** Every coding of `codeIds` (null: of every code) by `coders` (null: anyone) in `interviews` (null: anywhere). */
export function loadCodings(db: Db, codeIds: readonly string[] | null, coders: Set<string> | null, interviews: Set<string> | null): CodingRow[] {
  const key = cacheKey(codeIds, coders);
  const rows = cachedMany(db, 'codings', [key], () => new Map([[key, readCodings(db, codeIds, coders)]])).get(key)!;
  return interviews ? rows.filter((c) => interviews.has(c.interviewId)) : rows.slice();
}

const cacheKey = (codeIds: readonly string[] | null, coders: Set<string> | null) =>
  JSON.stringify([codeIds ? [...codeIds].sort() : null, coders ? [...coders].sort() : null]);

function readCodings(db: Db, codeIds: readonly string[] | null, coders: Set<string> | null): CodingRow[] {
  const { from, params } = source(codeIds, coders);
  const rows = db
    .prepare(
      `SELECT c.interview_id, c.code_id, c.coder_id, json_group_array(c.rowid), json_group_array(c.start), json_group_array(c.end)
       FROM ${from} GROUP BY c.interview_id, c.code_id, c.coder_id`,
    )
    .raw()
    .all(...params) as [string, string, string, string, string, string][];
  const out: CodingRow[] = [];
  for (const [interviewId, codeId, coderId, r, s, e] of rows) {
    const rowids = JSON.parse(r) as number[];
    const starts = JSON.parse(s) as number[];
    const ends = JSON.parse(e) as number[];
    for (let k = 0; k < rowids.length; k++) out.push({ rowid: rowids[k]!, interviewId, codeId, coderId, start: starts[k]!, end: ends[k]! });
  }
  return out;
}

/** The ids (UUIDs) of codings by rowid. */
export function codingUuids(db: Db, rowids: Iterable<number>): ReadonlyMap<number, string> {
  return cachedByRowid(db, 'coding-uuid', rowids, (missing) => readCodingUuids(db, missing));
}

function readCodingUuids(db: Db, rowids: Iterable<number>): Map<number, string> {
  const rows = db.prepare('SELECT rowid, id FROM codings WHERE rowid IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify([...rowids])) as [number, string][];
  return new Map(rows);
}

interface CodingSpans {
  interviewId: string;
  codeId: string;
  starts: number[];
  ends: number[];
}

/** Only the spans, packed per interview and code: what counting over a whole study needs. */
export function loadCodingSpans(db: Db, codeIds: readonly string[] | null, coders: Set<string> | null, interviews: Set<string> | null): CodingSpans[] {
  const key = cacheKey(codeIds, coders);
  const rows = cachedMany(db, 'coding-spans', [key], () => new Map([[key, readCodingSpans(db, codeIds, coders)]])).get(key)!;
  return interviews ? rows.filter((c) => interviews.has(c.interviewId)) : rows.slice();
}

function readCodingSpans(db: Db, codeIds: readonly string[] | null, coders: Set<string> | null): CodingSpans[] {
  const { from, params } = source(codeIds, coders);
  const rows = db
    .prepare(`SELECT c.interview_id, c.code_id, json_group_array(c.start), json_group_array(c.end) FROM ${from} GROUP BY c.interview_id, c.code_id`)
    .raw()
    .all(...params) as [string, string, string, string][];
  const out: CodingSpans[] = [];
  for (const [interviewId, codeId, s, e] of rows) {
    out.push({ interviewId, codeId, starts: JSON.parse(s) as number[], ends: JSON.parse(e) as number[] });
  }
  return out;
}

export function groupByInterview<T extends { interviewId: string }>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const list = m.get(it.interviewId);
    if (list) list.push(it);
    else m.set(it.interviewId, [it]);
  }
  return m;
}
