/**
 * Maps a DOM point (e.g. a Selection's anchor) inside a cell back to an absolute offset in the interview's text,
 * through the `data-start` of the span that holds it and the `data-interview-id` of its passage.
 * Rendered text is the interview's text sliced unchanged, so the offset inside a span's text node adds directly.
 */
export interface TextPoint {
  interviewId: string;
  offset: number;
}

export function textPointAt(node: Node, offsetInNode: number): TextPoint | null {
  let el: Element | null = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  let within = node.nodeType === Node.TEXT_NODE ? offsetInNode : 0;
  if (node.nodeType !== Node.TEXT_NODE && el) {
    // A point between children: take the start of the child at that index, or the end of the last one.
    const child = el.childNodes[offsetInNode] as Element | undefined;
    const span = child?.closest?.('[data-start]') ?? null;
    if (span) {
      el = span;
      within = 0;
    } else {
      const last = el.querySelectorAll('[data-end]');
      const lastSpan = last[last.length - 1];
      if (lastSpan) return withInterview(lastSpan, Number(lastSpan.getAttribute('data-end')));
    }
  }
  const span = el?.closest('[data-start]');
  if (!span) return null;
  return withInterview(span, Number(span.getAttribute('data-start')) + within);
}

function withInterview(span: Element, offset: number): TextPoint | null {
  const passage = span.closest('[data-interview-id]');
  const interviewId = passage?.getAttribute('data-interview-id');
  return interviewId && Number.isFinite(offset) ? { interviewId, offset } : null;
}
