import { useEffect, type RefObject } from 'react';
import { useStore } from '../../store';
import { spanOfRange } from './model/domSelection';

const elementOf = (n: Node | null): Element | null => (n ? (n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement) : null);
const inEditor = (n: Node | null) => !!elementOf(n)?.closest('[contenteditable="true"]');

/**
 * Brings the store's `selection` (one interview's passage) in step with the browser's selection in the rows.
 * A selection that leaves the rows (a click in the codebook, the palette taking focus) is kept but marked not
 * live, so the view draws it and the next code still goes there; a click inside the rows clears it.
 */
export function syncSelection(root: HTMLElement | null): void {
  const dom = window.getSelection();
  const s = useStore.getState();
  if (!root || !dom) return;
  if (dom.rangeCount === 0 || dom.isCollapsed) {
    if (dom.rangeCount > 0 && root.contains(dom.anchorNode) && !inEditor(dom.anchorNode)) {
      if (s.selection) s.setSelection(null);
    } else if (s.selection?.live) s.setSelection({ ...s.selection, live: false });
    return;
  }
  const range = dom.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer) || inEditor(range.startContainer)) {
    if (s.selection?.live) s.setSelection({ ...s.selection, live: false });
    return;
  }
  const span = spanOfRange(range, (id) => s.detail?.interviews.find((i) => i.id === id)?.text);
  if (span === null || span === 'across') {
    if (s.selection) s.setSelection(null);
    return;
  }
  const text = s.detail!.interviews.find((i) => i.id === span.interviewId)!.text.slice(span.start, span.end);
  s.setSelection({ ...span, text, live: true });
}

/** Follows the browser's selection while the rows are on screen ('selectionchange' fires after the change). */
export function useSelectionTracking(rowsRef: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    const onChange = () => syncSelection(rowsRef.current);
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [rowsRef, ready]);
}
