import { textPointAt, type TextPoint } from '../../../util/domOffsets';

/**
 * A DOM point in a cell as an offset in the interview's text. A point inside a speaker label ("C") or another
 * part of a turn that is not its text maps to the start of the turn's text (util/domOffsets maps text nodes only).
 */
function pointIn(node: Node, offset: number, atEnd: boolean): TextPoint | null {
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const label = el?.closest('.turn__speaker, .turn-tools, .link-btn');
  if (label) {
    const turn = label.closest('.turn');
    const passage = label.closest('[data-interview-id]');
    if (turn && passage) {
      const at = Number(turn.getAttribute(atEnd && !label.classList.contains('turn__speaker') ? 'data-end' : 'data-start'));
      return { interviewId: passage.getAttribute('data-interview-id')!, offset: at };
    }
    return null;
  }
  return textPointAt(node, offset);
}

interface SpanInText {
  interviewId: string;
  start: number;
  end: number;
}

/** The range as a passage of one interview, trimmed of surrounding white space; null across two interviews. */
export function spanOfRange(range: Range, textOf: (interviewId: string) => string | undefined): SpanInText | 'across' | null {
  const a = pointIn(range.startContainer, range.startOffset, false);
  const b = pointIn(range.endContainer, range.endOffset, true);
  if (!a || !b) return null;
  if (a.interviewId !== b.interviewId) return 'across';
  const text = textOf(a.interviewId);
  if (text === undefined) return null;
  let start = Math.max(0, Math.min(a.offset, b.offset));
  let end = Math.min(text.length, Math.max(a.offset, b.offset));
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  // Never cut a surrogate pair (the core refuses such a passage).
  if (isLow(text.charCodeAt(start))) start--;
  if (isLow(text.charCodeAt(end))) end++;
  return { interviewId: a.interviewId, start, end };
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

