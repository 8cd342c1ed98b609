/**
 * Recall moments found after the fact: when the researcher adds a marker pattern for the way their transcriber
 * wrote stops ("<<12:34>>"), the interviews imported before have none of those moments. This looks for markers in
 * every imported transcript, built-in and the project's own, and adds those that no existing moment covers — as
 * one undoable step. Existing moments are never moved or removed: hand-drawn links and codings hang on them.
 */
import { compileMarkerPatterns, findSessionMarkers } from '../../shared/import/markers';
import { undoable } from './coding/undo';
import { recordAdded } from './coding/undoStructure';
import type { Db } from './database';
import { newId } from './ids';

interface RescanResult {
  moments: number;
  interviews: number;
  sample: { sourceName: string; label: string; sessionTime: number }[];
}

interface Found {
  interviewId: string;
  sourceName: string;
  offset: number;
  label: string;
  sessionTime: number;
}

function findNew(db: Db, patterns: readonly string[]): Found[] {
  const custom = compileMarkerPatterns(patterns);
  const interviews = db.prepare('SELECT id, source_name, text FROM interviews ORDER BY rowid').all() as { id: string; source_name: string; text: string }[];
  const existing = db.prepare('SELECT offset, label FROM moments WHERE interview_id = ?');
  const found: Found[] = [];
  for (const iv of interviews) {
    // Extents in UTF-16 units, as the offsets are (SQLite's length() would count code points).
    const taken = (existing.all(iv.id) as { offset: number; label: string }[]).map((t) => ({ from: t.offset, to: t.offset + t.label.length }));
    for (const m of findSessionMarkers(iv.text, custom, [])) {
      if (taken.some((t) => m.offset < t.to && t.from < m.end)) continue;
      found.push({ interviewId: iv.id, sourceName: iv.source_name, offset: m.offset, label: m.label, sessionTime: m.sessionTime });
    }
  }
  return found;
}

export function rescanMoments(db: Db, patterns: readonly string[], apply: boolean): RescanResult {
  const found = findNew(db, patterns);
  const result: RescanResult = {
    moments: found.length,
    interviews: new Set(found.map((f) => f.interviewId)).size,
    sample: found.slice(0, 10).map(({ sourceName, label, sessionTime }) => ({ sourceName, label, sessionTime })),
  };
  if (!apply || !found.length) return result;
  const noun = found.length === 1 ? 'recall moment' : 'recall moments';
  undoable(db, `Find ${found.length} ${noun} in the transcripts`, () => {
    const insert = db.prepare('INSERT INTO moments (id, interview_id, session_time, offset, label) VALUES (?, ?, ?, ?, ?)');
    const ids: string[] = [];
    for (const f of found) {
      const id = newId();
      insert.run(id, f.interviewId, f.sessionTime, f.offset, f.label);
      ids.push(id);
    }
    recordAdded(db, 'moments', ids);
  });
  return result;
}
