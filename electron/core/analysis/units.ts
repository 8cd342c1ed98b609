/**
 * The recall moments (or, in an interview without session-time markers, the speaker turns) of many interviews
 * at once, as the alignment cuts them (electron/core/alignment.ts `sideUnits`): the same ids and passages, so
 * that "same moment" in retrieval, matrices and concordance means what the side-by-side view shows.
 * Loaded in a few packed queries rather than one `getInterview` per interview.
 */
import type { z } from 'zod';
import type { alignedSide } from '../../../shared/api/methods/sessions';
import type { Interview, RecallMoment, Role, SpeakerRole, Turn } from '../../../shared/domain/types';
import { sideUnits } from '../alignment';
import type { Db } from '../database';
import { cachedByRowid, cachedMany } from './cache';

export type UnitSide = z.infer<typeof alignedSide>;

export interface InterviewUnits {
  interviewId: string;
  /** sideUnits' result, for the alignment. */
  side: ReturnType<typeof sideUnits>;
  /** Every unit (the opening first, when there is one) in text order. */
  units: UnitSide[];
  /** unitId → index in `units`. */
  index: Map<string, number>;
}

const ids = (list: Iterable<string>) => JSON.stringify([...list]);

export function loadTexts(db: Db, interviewIds: Iterable<string>): Map<string, string> {
  return cachedMany(
    db,
    'text',
    interviewIds,
    (missing) => new Map(db.prepare('SELECT id, text FROM interviews WHERE id IN (SELECT value FROM json_each(?))').raw().all(ids(missing)) as [string, string][]),
    (t) => t.length,
  );
}

function loadMoments(db: Db, interviewIds: Iterable<string>): Map<string, RecallMoment[]> {
  const rows = db
    .prepare(
      `SELECT interview_id, json_group_array(id), json_group_array(session_time), json_group_array(offset), json_group_array(label)
       FROM moments WHERE interview_id IN (SELECT value FROM json_each(?)) GROUP BY interview_id`,
    )
    .raw()
    .all(ids(interviewIds)) as [string, string, string, string, string][];
  const out = new Map<string, RecallMoment[]>();
  for (const [iv, a, b, c, d] of rows) {
    const id = JSON.parse(a) as string[];
    const t = JSON.parse(b) as number[];
    const o = JSON.parse(c) as number[];
    const l = JSON.parse(d) as string[];
    const list = id.map((x, k) => ({ id: x, sessionTime: t[k]!, offset: o[k]!, label: l[k]! }));
    // getMoments orders by offset; rows with equal offsets keep SQLite's order there too (rowid), as here.
    list.sort((x, y) => x.offset - y.offset);
    out.set(iv, list);
  }
  return out;
}

function loadTurns(db: Db, interviewIds: Iterable<string>): Map<string, Turn[]> {
  const rows = db
    .prepare(
      `SELECT interview_id, json_group_array(id), json_group_array(seq), json_group_array(speaker), json_group_array(speaker_role),
         json_group_array(start), json_group_array(end), json_group_array(interview_time)
       FROM turns WHERE interview_id IN (SELECT value FROM json_each(?)) GROUP BY interview_id`,
    )
    .raw()
    .all(ids(interviewIds)) as string[][];
  const out = new Map<string, Turn[]>();
  for (const [iv, a, b, c, d, e, f, g] of rows) {
    const id = JSON.parse(a!) as string[];
    const seq = JSON.parse(b!) as number[];
    const sp = JSON.parse(c!) as string[];
    const sr = JSON.parse(d!) as SpeakerRole[];
    const st = JSON.parse(e!) as number[];
    const en = JSON.parse(f!) as number[];
    const it = JSON.parse(g!) as (number | null)[];
    const list: Turn[] = id.map((x, k) => ({ id: x, seq: seq[k]!, speaker: sp[k]!, speakerRole: sr[k]!, start: st[k]!, end: en[k]!, interviewTime: it[k] ?? null }));
    list.sort((x, y) => x.seq - y.seq);
    out.set(iv!, list);
  }
  return out;
}

/** Turn boundaries only (numbers pack and parse cheaply), by interview, in text order. */
export interface TurnBounds {
  rowid: number[];
  start: number[];
  end: number[];
}

export function loadTurnBounds(db: Db, interviewIds: Iterable<string>): Map<string, TurnBounds> {
  return cachedMany(db, 'turn-bounds', interviewIds, (missing) => readTurnBounds(db, missing));
}

function readTurnBounds(db: Db, interviewIds: Iterable<string>): Map<string, TurnBounds> {
  const rows = db
    .prepare(
      `SELECT interview_id, json_group_array(rowid), json_group_array(start), json_group_array(end)
       FROM turns WHERE interview_id IN (SELECT value FROM json_each(?)) GROUP BY interview_id`,
    )
    .raw()
    .all(ids(interviewIds)) as [string, string, string, string][];
  const out = new Map<string, TurnBounds>();
  for (const [iv, a, b, c] of rows) {
    const rowid = JSON.parse(a) as number[];
    const start = JSON.parse(b) as number[];
    const end = JSON.parse(c) as number[];
    if (start.every((x, k) => k === 0 || x >= start[k - 1]!)) out.set(iv, { rowid, start, end });
    else {
      const order = start.map((_, k) => k).sort((x, y) => start[x]! - start[y]!);
      out.set(iv, { rowid: order.map((k) => rowid[k]!), start: order.map((k) => start[k]!), end: order.map((k) => end[k]!) });
    }
  }
  return out;
}

interface TurnDetail {
  id: string;
  speaker: string;
  speakerRole: SpeakerRole;
  interviewTime: number | null;
}

/** Details of the turns with the given rowids. */
export function loadTurnDetails(db: Db, rowids: Iterable<number>): ReadonlyMap<number, TurnDetail> {
  return cachedByRowid(db, 'turn-detail', rowids, (missing) => readTurnDetails(db, missing));
}

function readTurnDetails(db: Db, rowids: Iterable<number>): Map<number, TurnDetail> {
  const rows = db
    .prepare('SELECT rowid, id, speaker, speaker_role, interview_time FROM turns WHERE rowid IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify([...rowids])) as [number, string, string, SpeakerRole, number | null][];
  return new Map(rows.map(([rowid, id, speaker, speakerRole, interviewTime]) => [rowid, { id, speaker, speakerRole, interviewTime }]));
}

/** Recall-moment positions only, by interview, in text order (ids are read for the few needed: momentIds). */
interface MomentPoints {
  rowid: number[];
  offset: number[];
  sessionTime: number[];
}

export function loadMomentPoints(db: Db, interviewIds: Iterable<string>): Map<string, MomentPoints> {
  return cachedMany(db, 'moment-points', interviewIds, (missing) => readMomentPoints(db, missing));
}

function readMomentPoints(db: Db, interviewIds: Iterable<string>): Map<string, MomentPoints> {
  const rows = db
    .prepare(
      `SELECT interview_id, json_group_array(rowid), json_group_array(offset), json_group_array(session_time)
       FROM moments WHERE interview_id IN (SELECT value FROM json_each(?)) GROUP BY interview_id`,
    )
    .raw()
    .all(ids(interviewIds)) as [string, string, string, string][];
  const out = new Map<string, MomentPoints>();
  for (const [iv, a, b, c] of rows) {
    const rowid = JSON.parse(a) as number[];
    const offset = JSON.parse(b) as number[];
    const sessionTime = JSON.parse(c) as number[];
    const order = offset.map((_, k) => k).sort((x, y) => offset[x]! - offset[y]! || rowid[x]! - rowid[y]!);
    out.set(iv, { rowid: order.map((k) => rowid[k]!), offset: order.map((k) => offset[k]!), sessionTime: order.map((k) => sessionTime[k]!) });
  }
  return out;
}

export function momentIds(db: Db, rowids: Iterable<number>): ReadonlyMap<number, string> {
  return cachedByRowid(db, 'moment-id', rowids, (missing) => readMomentIds(db, missing));
}

function readMomentIds(db: Db, rowids: Iterable<number>): Map<number, string> {
  const rows = db.prepare('SELECT rowid, id FROM moments WHERE rowid IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify([...rowids])) as [number, string][];
  return new Map(rows);
}

/** Units of the given interviews (role and session are only carried along for the Interview shape). */
export function loadUnits(db: Db, interviews: readonly { interviewId: string; role: Role; sessionId: string }[]): Map<string, InterviewUnits> {
  const meta = new Map(interviews.map((m) => [m.interviewId, m]));
  return cachedMany(db, 'units', meta.keys(), (missing) => readUnits(db, missing.map((iv) => meta.get(iv)!)));
}

function readUnits(db: Db, interviews: readonly { interviewId: string; role: Role; sessionId: string }[]): Map<string, InterviewUnits> {
  const all = interviews.map((i) => i.interviewId);
  const texts = loadTexts(db, all);
  const moments = loadMoments(db, all);
  const unmarked = all.filter((i) => !moments.get(i)?.length);
  const turns = unmarked.length ? loadTurns(db, unmarked) : new Map<string, Turn[]>();
  const out = new Map<string, InterviewUnits>();
  for (const m of interviews) {
    const text = texts.get(m.interviewId);
    if (text === undefined) continue;
    const ms = moments.get(m.interviewId) ?? [];
    const ts = turns.get(m.interviewId) ?? [];
    const iv: Interview = {
      id: m.interviewId,
      sessionId: m.sessionId,
      role: m.role,
      sourceName: '',
      wordCount: 0,
      turnCount: ts.length,
      momentCount: ms.length,
      audioPath: null,
      text,
      turns: ts,
      moments: ms,
    };
    const side = sideUnits(iv);
    const units = [...(side.opening ? [side.opening] : []), ...side.sides.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    out.set(m.interviewId, { interviewId: m.interviewId, side, units, index: new Map(units.map((u, k) => [u.unitId, k])) });
  }
  return out;
}
