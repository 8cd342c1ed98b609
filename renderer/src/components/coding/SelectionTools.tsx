import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useStore } from '../../store';
import { TagIcon } from './icons';
import { placeBubble, type Box } from './model/bubblePlace';
import { spanTarget } from './targets';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = mac ? '⌘' : 'Ctrl+';
/** The bubble's size before it is first measured. */
const GUESS = { width: 200, height: 28 };

const boxOf = (r: DOMRect): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

/**
 * The floating "Code…" and "In vivo" buttons for the selected passage. They appear only once the mouse button is
 * released (a bubble under a selection still being dragged gets dragged over and makes the selection jump), above
 * the selection or below the line after it, never over a search hit. They go when the passage is coded (the
 * selection is then kept, not live), on Escape, and on a click elsewhere (both clear the selection).
 */
export function SelectionTools({ scrollRef }: { scrollRef: RefObject<HTMLDivElement | null> }) {
  const sel = useStore((s) => s.selection);
  const paletteOpen = useStore((s) => s.palette !== null);
  const openPalette = useStore((s) => s.openPalette);
  const codeInVivo = useStore((s) => s.codeInVivo);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const bubble = useRef<HTMLDivElement>(null);
  const show = !!sel && sel.live && !dragging && !paletteOpen;

  useEffect(() => {
    const down = (e: MouseEvent) => {
      if (e.button === 0 && !(e.target as Element | null)?.closest?.('.sel-tools')) setDragging(true);
    };
    const up = () => setDragging(false);
    document.addEventListener('mousedown', down, true);
    window.addEventListener('mouseup', up, true);
    window.addEventListener('blur', up);
    return () => {
      document.removeEventListener('mousedown', down, true);
      window.removeEventListener('mouseup', up, true);
      window.removeEventListener('blur', up);
    };
  }, []);

  useLayoutEffect(() => {
    const list = scrollRef.current;
    if (!show || !list) {
      setPos(null);
      return;
    }
    const compute = () => {
      const dom = window.getSelection();
      if (!dom || dom.rangeCount === 0) return setPos(null);
      const range = dom.getRangeAt(0);
      const start = range.startContainer;
      const cell = (start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement)?.closest('.cell');
      const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map(boxOf);
      const hits = [...list.querySelectorAll('mark.hit')].map((el) => boxOf(el.getBoundingClientRect()));
      const size = bubble.current ? { width: bubble.current.offsetWidth, height: bubble.current.offsetHeight } : GUESS;
      const listBox = boxOf(list.getBoundingClientRect());
      setPos(placeBubble(lines, listBox, size, hits, cell ? boxOf(cell.getBoundingClientRect()) : listBox));
    };
    compute();
    list.addEventListener('scroll', compute, { passive: true });
    window.addEventListener('resize', compute);
    return () => {
      list.removeEventListener('scroll', compute);
      window.removeEventListener('resize', compute);
    };
  }, [show, sel, scrollRef]);

  if (!show || !sel || !pos) return null;
  return (
    <div
      ref={bubble}
      className="sel-tools"
      style={{ left: pos.x, top: pos.y }}
      role="toolbar"
      aria-label="Code the selected passage"
      onMouseDown={(e) => e.preventDefault()}
    >
      <button
        type="button"
        className="sel-tools__btn"
        onClick={() => {
          const t = spanTarget(sel);
          openPalette(t.target, t.label);
        }}
      >
        <TagIcon size={12} /> Code… <kbd>{MOD}K</kbd>
      </button>
      <button type="button" className="sel-tools__btn" title="Create a code named with the selected words and apply it" onClick={() => void codeInVivo()}>
        In vivo <kbd>{MOD}I</kbd>
      </button>
    </div>
  );
}
