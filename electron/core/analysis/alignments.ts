/**
 * The alignment of many sessions in one go, for concordance and cross-side retrieval. It is alignSession
 * (electron/core/alignment.ts) with the loading batched: alignSession reads each interview whole (text, every
 * turn), which over 200 sessions takes about a second; the rows are the same (checked by
 * tests/integration/analysis/alignments.test.ts).
 */
import { alignUnits } from '../../../shared/align/align';
import type { MomentLink } from '../../../shared/domain/types';
import type { Db } from '../database';
import { cachedMany } from './cache';
import type { InterviewUnits, UnitSide } from './units';

export interface AlignedRowLite {
  sessionTime: number | null;
  client: UnitSide | null;
  therapist: UnitSide | null;
  match: 'auto' | 'manual' | 'none';
}

export interface SessionRows {
  sessionId: string;
  clientInterviewId: string | null;
  therapistInterviewId: string | null;
  rows: AlignedRowLite[];
}

function loadLinks(db: Db, sessionIds: readonly string[]): Map<string, MomentLink[]> {
  const rows = db
    .prepare(
      `SELECT id, session_id, client_unit_id, therapist_unit_id, kind FROM moment_links
       WHERE session_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid`,
    )
    .raw()
    .all(JSON.stringify(sessionIds)) as [string, string, string, string, 'link' | 'unlink'][];
  const out = new Map<string, MomentLink[]>();
  for (const [id, sessionId, clientUnitId, therapistUnitId, kind] of rows) {
    const list = out.get(sessionId) ?? [];
    list.push({ id, sessionId, clientUnitId, therapistUnitId, kind });
    out.set(sessionId, list);
  }
  return out;
}

/**
 * Rows of each session, given the units of its client and therapist interviews (from loadUnits).
 * `sessions` name the client and therapist interview of each session (null when missing).
 */
export function alignSessions(
  db: Db,
  sessions: readonly { sessionId: string; clientInterviewId: string | null; therapistInterviewId: string | null }[],
  units: Map<string, InterviewUnits>,
  toleranceSeconds: number,
): SessionRows[] {
  // Keyed by everything the rows depend on besides the file's content (which invalidates the cache).
  const key = (s: (typeof sessions)[number]) => `${s.sessionId}:${s.clientInterviewId}:${s.therapistInterviewId}:${toleranceSeconds}`;
  const byKey = new Map(sessions.map((s) => [key(s), s]));
  const rows = cachedMany(db, 'alignment', byKey.keys(), (missing) => {
    const out = new Map<string, SessionRows>();
    for (const r of align(db, missing.map((k) => byKey.get(k)!), units, toleranceSeconds)) out.set(key(r), r);
    return out;
  });
  return sessions.map((s) => rows.get(key(s))!);
}

function align(
  db: Db,
  sessions: readonly { sessionId: string; clientInterviewId: string | null; therapistInterviewId: string | null }[],
  units: Map<string, InterviewUnits>,
  toleranceSeconds: number,
): SessionRows[] {
  const links = loadLinks(
    db,
    sessions.map((s) => s.sessionId),
  );
  const empty = { units: [], sides: new Map<string, UnitSide>(), opening: null };
  return sessions.map((s) => {
    const c = (s.clientInterviewId && units.get(s.clientInterviewId)?.side) || empty;
    const t = (s.therapistInterviewId && units.get(s.therapistInterviewId)?.side) || empty;
    const valid = (links.get(s.sessionId) ?? []).filter((l) => c.sides.has(l.clientUnitId) && t.sides.has(l.therapistUnitId));
    const rows: AlignedRowLite[] = alignUnits(c.units, t.units, valid, toleranceSeconds).map((r) => ({
      sessionTime: r.sessionTime,
      client: r.client ? c.sides.get(r.client)! : null,
      therapist: r.therapist ? t.sides.get(r.therapist)! : null,
      match: r.match,
    }));
    if (c.opening || t.opening) rows.unshift({ sessionTime: null, client: c.opening, therapist: t.opening, match: 'none' });
    return { sessionId: s.sessionId, clientInterviewId: s.clientInterviewId, therapistInterviewId: s.therapistInterviewId, rows };
  });
}
