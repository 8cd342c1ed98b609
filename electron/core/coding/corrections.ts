/**
 * Transcript corrections: replace text[start, end) of an interview and carry every offset that depends on the text
 * along (codings, speaker turns, recall moments, the search index). The arithmetic and its boundary rules are in
 * shared/coding/offsets.ts. One undoable step.
 */
import { DyadError } from '../../../shared/api/errors';
import { applyEdit, editDelta, mapCodingSpan, mapPoint, mapTurnSpans, minimiseEdit, type Span, type TextEdit } from '../../../shared/coding/offsets';
import { countWords } from '../../../shared/import';
import { isCodePointBoundary } from '../../../shared/text/offsets';
import type { Db } from '../database';
import { retargetMemos, deleteMemosOn } from './memoTargets';
import { reindexInterviewTurns } from './searchIndex';
import { markReindex, undoable } from './undo';

interface RemovedCoding {
  id: string;
  codeId: string;
  codeName: string;
  coderName: string;
  /** The passage as it read before the correction. */
  text: string;
  /** 'deleted-text': all of its text was deleted; 'duplicate': it became identical to another coding of its coder. */
  reason: 'deleted-text' | 'duplicate';
}

interface CorrectionResult {
  interviewId: string;
  /** The edit as applied: reduced to the characters that change (see minimiseEdit). Null when nothing changed. */
  edit: { start: number; end: number; replacementLength: number; delta: number } | null;
  textLength: number;
  /** Codings that kept their length but moved. */
  shiftedCodings: number;
  /** Codings that grew or shrank. */
  resizedCodings: number;
  /** Codings that had to go; their memos were deleted (or, for duplicates, moved to the coding kept). */
  removedCodings: RemovedCoding[];
  deletedMemos: number;
  changedTurns: number;
  changedMoments: number;
}

interface CodingRow {
  id: string;
  code_id: string;
  coder_id: string;
  start: number;
  end: number;
  created_at: string;
  code_name: string;
  coder_name: string;
}

export function correctInterview(db: Db, input: { interviewId: string; start: number; end: number; replacement: string }): CorrectionResult {
  const iv = db.prepare('SELECT text, source_name FROM interviews WHERE id = ?').get(input.interviewId) as { text: string; source_name: string } | undefined;
  if (!iv) throw new DyadError('not-found', `No interview with id ${input.interviewId} in this project.`);
  const { text } = iv;
  const { start, end } = input;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) {
    throw new DyadError('invalid-input', `Cannot correct ${start}–${end} in ${iv.source_name}: its text runs from 0 to ${text.length}.`);
  }
  if (!isCodePointBoundary(text, start) || !isCodePointBoundary(text, end)) {
    throw new DyadError('invalid-input', `Cannot correct ${start}–${end} in ${iv.source_name}: that would cut a character (an emoji or similar) in half.`);
  }
  // Stored texts use \n line endings (shared/import/types.ts).
  const replacement = input.replacement.replace(/\r\n?/g, '\n');
  const edit = minimiseEdit(text, { start, end, replacement });
  const base: CorrectionResult = {
    interviewId: input.interviewId,
    edit: null,
    textLength: text.length,
    shiftedCodings: 0,
    resizedCodings: 0,
    removedCodings: [],
    deletedMemos: 0,
    changedTurns: 0,
    changedMoments: 0,
  };
  if (edit.start === edit.end && !edit.replacement) return base;
  return undoable(db, `Correct the transcript ${iv.source_name}`, () => {
    const next = applyEdit(text, edit);
    db.prepare('UPDATE interviews SET text = ?, word_count = ? WHERE id = ?').run(next, countWords(next), input.interviewId);
    const r: CorrectionResult = {
      ...base,
      edit: { start: edit.start, end: edit.end, replacementLength: edit.replacement.length, delta: editDelta(edit) },
      textLength: next.length,
    };
    r.changedTurns = moveTurns(db, input.interviewId, edit);
    r.changedMoments = moveMoments(db, input.interviewId, edit);
    moveCodings(db, input.interviewId, text, edit, r);
    markReindex(db, input.interviewId);
    reindexInterviewTurns(db, input.interviewId);
    return r;
  });
}

function moveTurns(db: Db, interviewId: string, edit: TextEdit): number {
  const turns = db.prepare('SELECT id, start, "end" FROM turns WHERE interview_id = ? ORDER BY seq').all(interviewId) as ({ id: string } & Span)[];
  const set = db.prepare('UPDATE turns SET start = ?, "end" = ? WHERE id = ?');
  let n = 0;
  mapTurnSpans(turns, edit).forEach((m, i) => {
    const t = turns[i]!;
    if (m.start !== t.start || m.end !== t.end) {
      set.run(m.start, m.end, t.id);
      n++;
    }
  });
  return n;
}

function moveMoments(db: Db, interviewId: string, edit: TextEdit): number {
  const set = db.prepare('UPDATE moments SET "offset" = ? WHERE id = ?');
  let n = 0;
  for (const m of db.prepare('SELECT id, "offset" FROM moments WHERE interview_id = ? AND "offset" >= ?').all(interviewId, edit.start) as { id: string; offset: number }[]) {
    const o = mapPoint(m.offset, edit);
    if (o !== m.offset) {
      set.run(o, m.id);
      n++;
    }
  }
  return n;
}

function moveCodings(db: Db, interviewId: string, oldText: string, edit: TextEdit, r: CorrectionResult): void {
  const rows = db
    .prepare(
      `SELECT g.id, g.code_id, g.coder_id, g.start, g."end", g.created_at, k.name AS code_name, c.name AS coder_name
       FROM codings g JOIN codes k ON k.id = g.code_id JOIN coders c ON c.id = g.coder_id
       WHERE g.interview_id = ? AND g."end" > ? ORDER BY g.created_at, g.rowid`,
    )
    .all(interviewId, edit.start) as CodingRow[];
  const removed = (c: CodingRow, reason: RemovedCoding['reason']): RemovedCoding => ({
    id: c.id,
    codeId: c.code_id,
    codeName: c.code_name,
    coderName: c.coder_name,
    text: oldText.slice(c.start, c.end),
    reason,
  });
  const del = db.prepare('DELETE FROM codings WHERE id = ?');
  const moves: { row: CodingRow; to: Span }[] = [];
  // Codings that stay put keep their place; one that lands on the same span as another of its code and coder
  // collapses into the older one (nothing coded is lost: it is the same passage).
  const taken = new Map<string, string>();
  const key = (c: CodingRow, s: Span) => `${c.code_id}\u0000${c.coder_id}\u0000${s.start}\u0000${s.end}`;
  for (const c of db.prepare('SELECT code_id, coder_id, start, "end", id FROM codings WHERE interview_id = ? AND "end" <= ?').all(interviewId, edit.start) as CodingRow[]) {
    taken.set(key(c, c), c.id);
  }
  for (const c of rows) {
    const to = mapCodingSpan(c, edit);
    if (!to) {
      r.deletedMemos += deleteMemosOn(db, 'coding', [c.id]);
      del.run(c.id);
      r.removedCodings.push(removed(c, 'deleted-text'));
      continue;
    }
    const keeper = taken.get(key(c, to));
    if (keeper) {
      retargetMemos(db, 'coding', c.id, keeper);
      del.run(c.id);
      r.removedCodings.push(removed(c, 'duplicate'));
      continue;
    }
    taken.set(key(c, to), c.id);
    if (to.start === c.start && to.end === c.end) continue;
    moves.push({ row: c, to });
    if (to.end - to.start === c.end - c.start) r.shiftedCodings++;
    else r.resizedCodings++;
  }
  // Two passes, so that no coding passes through the span of another on its way (the unique index would refuse).
  const set = db.prepare('UPDATE codings SET start = ?, "end" = ? WHERE id = ?');
  moves.forEach((m, i) => set.run(-2 * i - 2, -2 * i - 1, m.row.id));
  for (const m of moves) set.run(m.to.start, m.to.end, m.row.id);
}
