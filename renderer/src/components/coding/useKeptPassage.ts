import { useEffect, type RefObject } from 'react';
import { useStore } from '../../store';

const NAME = 'dyad-kept';

/** DOM ranges over the rendered text of one interview's passage [start, end) (the spans carry their offsets). */
function rangesOfPassage(root: ParentNode, interviewId: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  const spans = root.querySelectorAll<HTMLElement>(`.passage[data-interview-id="${CSS.escape(interviewId)}"] .turn__text [data-start]`);
  for (const el of spans) {
    const a = Number(el.dataset.start);
    const b = Number(el.dataset.end);
    const text = el.firstChild;
    if (b <= start || a >= end || !text || text.nodeType !== Node.TEXT_NODE) continue;
    const r = document.createRange();
    r.setStart(text, Math.max(start, a) - a);
    r.setEnd(text, Math.min(end, b) - a);
    out.push(r);
  }
  return out;
}

/**
 * Draws the passage kept for coding (the selection once the browser's own is gone: after a code was applied, a
 * click in the codebook, a jump from an excerpt) as a CSS highlight, not as elements: the text's DOM stays as it
 * is, so a new drag that starts on the kept passage is not cut off by its spans being rebuilt under the pointer.
 * Redrawn when the selection changes and when the rows' DOM does (virtual list, codings).
 */
export function useKeptPassage(rowsRef: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
    if (!registry || typeof Highlight === 'undefined') return;
    let frame = 0;
    const kept = () => {
      const sel = useStore.getState().selection;
      return sel && !sel.live ? sel : null;
    };
    const draw = () => {
      frame = 0;
      const root = rowsRef.current;
      const sel = kept();
      if (!root || !sel) {
        registry.delete(NAME);
        return;
      }
      registry.set(NAME, new Highlight(...rangesOfPassage(root, sel.interviewId, sel.start, sel.end)));
    };
    const later = () => {
      if (!frame && (kept() || registry.has(NAME))) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.selection !== prev.selection) later();
    });
    const mo = new MutationObserver(later);
    if (rowsRef.current) mo.observe(rowsRef.current, { childList: true, subtree: true });
    draw();
    return () => {
      unsubscribe();
      mo.disconnect();
      if (frame) cancelAnimationFrame(frame);
      registry.delete(NAME);
    };
  }, [rowsRef, ready]);
}
