/**
 * Offset arithmetic for transcript corrections. Offsets are UTF-16 code units (shared/text/offsets.ts).
 *
 * A correction replaces `text[start, end)` with `replacement`. Everything after the edit moves by
 * `replacement.length - (end - start)`. The rules for what sits on or across the edit:
 *
 * - A coding that ends at or before the edit's start is unchanged: an insertion exactly at a coding's end does
 *   not extend it (the researcher coded what was there).
 * - A coding that starts at or after the edit's end moves with the text: an insertion exactly at a coding's start
 *   shifts it.
 * - A coding that overlaps the replaced text keeps its part outside the edit and takes in the whole replacement
 *   (it covered part of what was corrected, so it covers the correction).
 * - A coding entirely inside a deleted range (replacement empty) is left with nothing: `mapCodingSpan` returns
 *   null and the caller deletes it and reports it.
 * - Speaker turns follow the coding rules except at their ends: text typed exactly at a turn's end or start
 *   belongs to the turn (the transcript view edits turn by turn). Where one turn ends exactly where the next
 *   starts, the earlier turn takes it, and a turn an earlier correction emptied takes what is typed where it sits
 *   (unless a turn ending there comes first); a replacement across several turns goes to the first of them, so turns
 *   never overlap. A turn inside a deleted range shrinks to zero length at the edit; it is never deleted.
 * - Recall-moment markers are points and move like a coding's start.
 *
 * `minimiseEdit` first shrinks an edit to the characters that really change, so correcting "ashamed and" to
 * "ashamed, and" is an insertion of "," rather than a replacement that would swallow neighbouring codings.
 */

export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

export interface Span {
  start: number;
  end: number;
}

export const editDelta = (edit: TextEdit): number => edit.replacement.length - (edit.end - edit.start);

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The same edit reduced to the characters that change: common leading and trailing characters of the replaced
 * text and the replacement are dropped, never splitting a surrogate pair. `applyEdit` gives the same text.
 */
export function minimiseEdit(text: string, edit: TextEdit): TextEdit {
  const { start, end, replacement } = edit;
  const oldLen = end - start;
  let p = 0;
  while (p < oldLen && p < replacement.length && text.charCodeAt(start + p) === replacement.charCodeAt(p)) p++;
  if (p > 0 && isHigh(replacement.charCodeAt(p - 1))) p--;
  let q = 0;
  while (q < oldLen - p && q < replacement.length - p && text.charCodeAt(end - 1 - q) === replacement.charCodeAt(replacement.length - 1 - q)) q++;
  if (q > 0 && isLow(text.charCodeAt(end - q))) q--;
  return { start: start + p, end: end - q, replacement: replacement.slice(p, replacement.length - q) };
}

/** Where a coding's (or moment marker's) start goes. */
function mapStart(offset: number, edit: TextEdit): number {
  if (offset < edit.start) return offset;
  if (offset < edit.end) return edit.start;
  return offset + editDelta(edit);
}

/** Where a coding's end goes. */
function mapEnd(offset: number, edit: TextEdit): number {
  if (offset <= edit.start) return offset;
  if (offset <= edit.end) return edit.start + edit.replacement.length;
  return offset + editDelta(edit);
}

/** A coding's span after the edit, or null when the edit deleted all of it. */
export function mapCodingSpan(span: Span, edit: TextEdit): Span | null {
  const start = mapStart(span.start, edit);
  const end = mapEnd(span.end, edit);
  return end > start ? { start, end } : null;
}

/** A speaker turn's span after the edit (may become empty, never null); `takesInsertion` for the turn that gets typed text. */
function mapTurnSpan(span: Span, edit: TextEdit, takesInsertion: boolean): Span {
  if (takesInsertion) return { start: span.start, end: span.end + edit.replacement.length };
  const start = mapStart(span.start, edit);
  return { start, end: Math.max(start, mapEnd(span.end, edit)) };
}

/**
 * An interview's speaker turns (in text order, not overlapping) after the edit. Text typed at p goes to the first
 * turn that touches p: one ending there, else one emptied by an earlier correction that sits there (typing into
 * it is the only way to give it text again), else one starting there.
 */
export function mapTurnSpans(turns: readonly Span[], edit: TextEdit): Span[] {
  const p = edit.start;
  const insertion = edit.start === edit.end && edit.replacement.length > 0;
  const taker = insertion ? turns.findIndex((t) => t.end === p || t.start === p) : -1;
  let prevEnd = 0;
  return turns.map((t, i) => {
    const m = mapTurnSpan(t, edit, i === taker);
    // An edit across the gap between turns gives its replacement to the first turn only: turns never overlap.
    m.start = Math.max(m.start, prevEnd);
    m.end = Math.max(m.end, m.start);
    prevEnd = m.end;
    return m;
  });
}

/** A recall moment's marker offset after the edit. */
export const mapPoint = mapStart;

