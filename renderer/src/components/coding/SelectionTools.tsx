import { useLayoutEffect, useState, type RefObject } from 'react';
import { useStore } from '../../store';
import { TagIcon } from './icons';
import { spanTarget } from './targets';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = mac ? '⌘' : 'Ctrl+';

/** The floating "Code…" and "In vivo" buttons beside the selected passage. */
export function SelectionTools({ scrollRef }: { scrollRef: RefObject<HTMLDivElement | null> }) {
  const sel = useStore((s) => s.selection);
  const paletteOpen = useStore((s) => s.palette !== null);
  const openPalette = useStore((s) => s.openPalette);
  const codeInVivo = useStore((s) => s.codeInVivo);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);

  useLayoutEffect(() => {
    const list = scrollRef.current;
    if (!sel || !list) {
      setPos(null);
      return;
    }
    const compute = () => {
      let rect: DOMRect | undefined;
      const dom = window.getSelection();
      if (sel.live && dom && dom.rangeCount > 0) {
        const rects = dom.getRangeAt(0).getClientRects();
        rect = rects[rects.length - 1];
      } else {
        const kept = list.querySelectorAll('.sel-kept');
        rect = kept[kept.length - 1]?.getBoundingClientRect();
      }
      const box = list.getBoundingClientRect();
      if (!rect || rect.bottom < box.top + 20 || rect.top > box.bottom - 30) {
        setPos(null);
        return;
      }
      setPos({ x: Math.max(box.left + 8, Math.min(rect.right - 40, box.right - 210)), y: Math.min(rect.bottom + 6, box.bottom - 34) });
    };
    compute();
    list.addEventListener('scroll', compute, { passive: true });
    window.addEventListener('resize', compute);
    return () => {
      list.removeEventListener('scroll', compute);
      window.removeEventListener('resize', compute);
    };
  }, [sel, scrollRef]);

  if (!sel || !pos || paletteOpen) return null;
  return (
    <div className="sel-tools" style={{ left: pos.x, top: pos.y }} role="toolbar" aria-label="Code the selected passage" onMouseDown={(e) => e.preventDefault()}>
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
