/**
 * Two transcript corrections made at once by two leads, each against the same text, neither having seen the other:
 * the text they make together, with the earlier one (in the lab server's order) first. Pure.
 *
 * The rule, which a researcher can predict from the two corrections alone:
 * - Edits apart (or side by side: one ends where the other starts) both apply, as if made one after the other.
 * - Where the two edits replace some of the same characters, the later edit replaces what remains of its range
 *   after the earlier one: every character either lead replaced goes, and both leads' new wording stays. What the
 *   earlier lead typed is never removed by an edit that had not seen it. The new wordings stand in the text's
 *   order of where each edit started; when both start at the same place (two insertions at one point), the
 *   earlier's first.
 * - The same correction made by both (the same characters, the same new wording) is made once.
 * - So a turn one lead emptied while the other corrected a word in it keeps that word alone, whichever came first.
 *
 * `rebaseEdit` gives the later edit as it applies on top of the earlier one, and the earlier as it applies on top of
 * the later: both lead to the same text (`mergeEdits`), which is what makes the replicas converge.
 */
import { applyEdit, minimiseEdit, type TextEdit } from '../coding/offsets';

const sameEdit = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.replacement === b.replacement;

/** The text after both edits (each made against `text`), `earlier` first in the server's order. */
export function mergeEdits(text: string, earlier: TextEdit, later: TextEdit): string {
  if (sameEdit(earlier, later)) return applyEdit(text, earlier);
  const gone = (p: number) => (p >= earlier.start && p < earlier.end) || (p >= later.start && p < later.end);
  // Between two consecutive edit boundaries a stretch of text is either replaced by an edit or kept whole; at each
  // edit's start its new wording goes in (the earlier's first at the same place).
  const cuts = [...new Set([0, text.length, earlier.start, earlier.end, later.start, later.end])].sort((a, b) => a - b);
  const out: string[] = [];
  cuts.forEach((c, i) => {
    if (c === earlier.start) out.push(earlier.replacement);
    if (c === later.start) out.push(later.replacement);
    const next = cuts[i + 1];
    if (next !== undefined && !gone(c)) out.push(text.slice(c, next));
  });
  return out.join('');
}

/**
 * The later edit as it applies to the text the earlier one left, and the earlier as it applies to the text the
 * later one left: each the smallest edit that reaches the merged text.
 */
export function rebaseEdit(text: string, earlier: TextEdit, later: TextEdit): { merged: string; laterAfterEarlier: TextEdit; earlierAfterLater: TextEdit } {
  const merged = mergeEdits(text, earlier, later);
  const afterEarlier = applyEdit(text, earlier);
  const afterLater = applyEdit(text, later);
  return {
    merged,
    laterAfterEarlier: minimiseEdit(afterEarlier, { start: 0, end: afterEarlier.length, replacement: merged }),
    earlierAfterLater: minimiseEdit(afterLater, { start: 0, end: afterLater.length, replacement: merged }),
  };
}
