/** Codings: passages of an interview's text tagged with a code by a coder. Offsets: UTF-16 (shared/text/offsets.ts). */
import { DyadError } from '../../../shared/api/errors';
import { MAX_CODE_DEPTH, codeTooDeep, escapeCodeName } from '../../../shared/coding/paths';
import type { CodingView } from '../../../shared/coding/types';
import type { Role } from '../../../shared/domain/types';
import { isCodePointBoundary } from '../../../shared/text/offsets';
import type { Db } from '../database';
import { newId, now } from '../ids';
import { requireCoder } from './coders';
import { deleteMemosOn } from './memoTargets';
import { codeRow, getCode, quoted } from './rows';
import { undoable } from './undo';

interface CodingRow {
  id: string;
  interview_id: string;
  code_id: string;
  coder_id: string;
  start: number;
  end: number;
  created_at: string;
}

interface NewCoding {
  interviewId: string;
  start: number;
  end: number;
  codeId: string;
  /** Omitted: the project's current coder. */
  coderId?: string | null;
}

/** The interview's text, after checking that [start, end) is a passage of it. */
export function checkSpan(db: Db, interviewId: string, start: number, end: number): { text: string; sourceName: string } {
  const row = db.prepare('SELECT text, source_name FROM interviews WHERE id = ?').get(interviewId) as { text: string; source_name: string } | undefined;
  if (!row) throw new DyadError('not-found', `No interview with id ${interviewId} in this project.`);
  const { text, source_name: sourceName } = row;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new DyadError(
      'invalid-input',
      `The passage ${start}–${end} is not within ${sourceName}, whose text runs from 0 to ${text.length} (a passage needs start < end).`,
    );
  }
  if (!isCodePointBoundary(text, start) || !isCodePointBoundary(text, end)) {
    throw new DyadError('invalid-input', `The passage ${start}–${end} in ${sourceName} would cut a character (an emoji or similar) in half.`);
  }
  return { text, sourceName };
}

interface CodeInfo {
  name: string;
  path: string;
  color: string;
}

/** Name, path and colour of every code, for drawing codings without a query per coding. */
function codeInfos(db: Db): Map<string, CodeInfo> {
  const rows = db.prepare('SELECT id, parent_id, name, color FROM codes').all() as { id: string; parent_id: string | null; name: string; color: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths = new Map<string, { path: string; depth: number }>();
  // Iterative, whole: the ancestors not yet known are stacked, then their paths made from the top down.
  const pathOf = (id: string): string => {
    const stack: typeof rows = [];
    for (let r = byId.get(id); r && !paths.has(r.id); r = r.parent_id ? byId.get(r.parent_id) : undefined) {
      if (stack.length > MAX_CODE_DEPTH) throw codeTooDeep(byId.get(id)!.name, depthOf(byId, id));
      stack.push(r);
    }
    for (let r = stack.pop(); r; r = stack.pop()) {
      const above = r.parent_id ? paths.get(r.parent_id) : undefined;
      const depth = (above?.depth ?? 0) + 1;
      if (depth > MAX_CODE_DEPTH) throw codeTooDeep(byId.get(id)!.name, depthOf(byId, id));
      paths.set(r.id, { path: above ? `${above.path}/${escapeCodeName(r.name)}` : escapeCodeName(r.name), depth });
    }
    return paths.get(id)!.path;
  };
  return new Map(rows.map((r) => [r.id, { name: r.name, path: pathOf(r.id), color: r.color }]));
}

/** How many levels deep a code sits (1: top level), counted to the top however deep. */
function depthOf(byId: Map<string, { id: string; parent_id: string | null }>, id: string): number {
  const seen = new Set<string>();
  for (let r = byId.get(id); r && !seen.has(r.id); r = r.parent_id ? byId.get(r.parent_id) : undefined) seen.add(r.id);
  return seen.size;
}

function coderNames(db: Db): Map<string, string> {
  return new Map((db.prepare('SELECT id, name FROM coders').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

function toView(r: CodingRow, code: CodeInfo, coderName: string): CodingView {
  return {
    id: r.id,
    interviewId: r.interview_id,
    codeId: r.code_id,
    coderId: r.coder_id,
    start: r.start,
    end: r.end,
    createdAt: r.created_at,
    codeName: code.name,
    codePath: code.path,
    color: code.color,
    coderName,
  };
}

export function getCoding(db: Db, codingId: string): CodingView {
  const r = db.prepare('SELECT * FROM codings WHERE id = ?').get(codingId) as CodingRow | undefined;
  if (!r) throw new DyadError('not-found', `No coding with id ${codingId} in this project (it may have been removed).`);
  const code = getCode(db, r.code_id);
  const coder = db.prepare('SELECT name FROM coders WHERE id = ?').get(r.coder_id) as { name: string };
  return toView(r, code, coder.name);
}

/**
 * Codes a passage. Overlapping codings are fine; the same code on the same passage by the same coder again
 * returns the coding already there (`created: false`) and changes nothing.
 */
export function addCoding(db: Db, input: NewCoding): { coding: CodingView; created: boolean } {
  const coder = requireCoder(db, input.coderId);
  const code = codeRow(db, input.codeId);
  checkSpan(db, input.interviewId, input.start, input.end);
  const existing = db
    .prepare('SELECT id FROM codings WHERE interview_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?')
    .get(input.interviewId, code.id, coder.id, input.start, input.end) as { id: string } | undefined;
  if (existing) return { coding: getCoding(db, existing.id), created: false };
  const id = newId();
  undoable(db, `Code passage as ${quoted(code.name)}`, () => {
    db.prepare('INSERT INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.interviewId,
      code.id,
      coder.id,
      input.start,
      input.end,
      now(),
    );
  });
  return { coding: getCoding(db, id), created: true };
}

/** Removes a coding and the memos written on it: one undoable step. */
export function removeCoding(db: Db, codingId: string): { coding: CodingView; deletedMemos: number } {
  const coding = getCoding(db, codingId);
  return undoable(db, `Remove coding ${quoted(coding.codeName)}`, () => {
    const deletedMemos = deleteMemosOn(db, 'coding', [codingId]);
    db.prepare('DELETE FROM codings WHERE id = ?').run(codingId);
    return { coding, deletedMemos };
  });
}

/**
 * Changes a coding's passage (dragging its ends) or its code, keeping its id, coder and memos. Refused when the
 * result would duplicate another coding of the same coder.
 */
export function updateCoding(db: Db, codingId: string, patch: { start?: number; end?: number; codeId?: string }): CodingView {
  const cur = getCoding(db, codingId);
  const next = { start: patch.start ?? cur.start, end: patch.end ?? cur.end, codeId: patch.codeId ?? cur.codeId };
  const code = codeRow(db, next.codeId);
  checkSpan(db, cur.interviewId, next.start, next.end);
  if (next.start === cur.start && next.end === cur.end && next.codeId === cur.codeId) return cur;
  const clash = db
    .prepare('SELECT id FROM codings WHERE interview_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ? AND id != ?')
    .get(cur.interviewId, next.codeId, cur.coderId, next.start, next.end, codingId) as { id: string } | undefined;
  if (clash) throw new DyadError('conflict', `${cur.coderName} already coded this passage as "${code.name}".`);
  const label = next.codeId !== cur.codeId ? `Recode passage from ${quoted(cur.codeName)} to ${quoted(code.name)}` : `Resize coding ${quoted(cur.codeName)}`;
  undoable(db, label, () => db.prepare('UPDATE codings SET start = ?, "end" = ?, code_id = ? WHERE id = ?').run(next.start, next.end, next.codeId, codingId));
  return getCoding(db, codingId);
}

/** An interview's codings in text order, with code name, path and colour for drawing. */
export function codingsForInterview(db: Db, interviewId: string, filter: { coderId?: string | null; codeId?: string | null } = {}): CodingView[] {
  if (!db.prepare('SELECT 1 FROM interviews WHERE id = ?').get(interviewId)) throw new DyadError('not-found', `No interview with id ${interviewId} in this project.`);
  const rows = db
    .prepare(
      `SELECT * FROM codings WHERE interview_id = @interviewId AND (@coderId IS NULL OR coder_id = @coderId)
         AND (@codeId IS NULL OR code_id = @codeId) ORDER BY start, "end", created_at`,
    )
    .all({ interviewId, coderId: filter.coderId ?? null, codeId: filter.codeId ?? null }) as CodingRow[];
  const codes = codeInfos(db);
  const coders = coderNames(db);
  return rows.map((r) => toView(r, codes.get(r.code_id)!, coders.get(r.coder_id) ?? ''));
}

/** Both (all) interviews of a session with their codings. */
export function codingsForSession(
  db: Db,
  sessionId: string,
  filter: { coderId?: string | null; codeId?: string | null } = {},
): { interviewId: string; role: Role; codings: CodingView[] }[] {
  if (!db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sessionId)) throw new DyadError('not-found', `No session with id ${sessionId} in this project.`);
  const interviews = db.prepare('SELECT id, role FROM interviews WHERE session_id = ? ORDER BY role, imported_at').all(sessionId) as { id: string; role: Role }[];
  return interviews.map((i) => ({ interviewId: i.id, role: i.role, codings: codingsForInterview(db, i.id, filter) }));
}

/** Codes a whole speaker turn (its spoken text, without the speaker label). */
export function codeTurn(db: Db, input: { turnId: string; codeId: string; coderId?: string | null }): { coding: CodingView; created: boolean } {
  const t = db.prepare('SELECT interview_id, start, "end" FROM turns WHERE id = ?').get(input.turnId) as { interview_id: string; start: number; end: number } | undefined;
  if (!t) throw new DyadError('not-found', `No speaker turn with id ${input.turnId} in this project.`);
  if (t.end <= t.start) throw new DyadError('invalid-input', 'This speaker turn has no text to code.');
  return addCoding(db, { interviewId: t.interview_id, start: t.start, end: t.end, codeId: input.codeId, coderId: input.coderId });
}

/** Codes a whole recall moment: from its marker to the next moment's marker (or the end of the text). */
export function codeMoment(db: Db, input: { momentId: string; codeId: string; coderId?: string | null }): { coding: CodingView; created: boolean } {
  const m = db.prepare('SELECT interview_id, "offset" FROM moments WHERE id = ?').get(input.momentId) as { interview_id: string; offset: number } | undefined;
  if (!m) throw new DyadError('not-found', `No recall moment with id ${input.momentId} in this project.`);
  const next = db
    .prepare('SELECT min("offset") AS o FROM moments WHERE interview_id = ? AND "offset" > ?')
    .get(m.interview_id, m.offset) as { o: number | null };
  const end = next.o ?? (db.prepare('SELECT text FROM interviews WHERE id = ?').get(m.interview_id) as { text: string }).text.length;
  if (end <= m.offset) throw new DyadError('invalid-input', 'This recall moment has no text to code.');
  return addCoding(db, { interviewId: m.interview_id, start: m.offset, end, codeId: input.codeId, coderId: input.coderId });
}
