import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CodingView } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { assignLanes, type Stripe } from './model/lanes';
import { isPending } from './model/visible';

/** The margin the stripes use, in px from the cell's right edge (the cell's padding-right leaves it free). */
const AREA_RIGHT = 3;
const AREA_WIDTH = 17;
const GROUP_GAP = 3;

interface Layout {
  stripes: Stripe[];
  lanes: number;
  groups: number;
}

/**
 * Coding stripes in a cell's right margin: one bar per coding, spanning from the top of its first marked line to
 * the bottom of its last, measured from the rendered marks after every change (and when the cell is resized).
 * Overlapping codings take separate lanes; side by side, each coder's stripes form a group.
 */
export function Stripes({ cellRef, codings, selectedId }: { cellRef: RefObject<HTMLDivElement | null>; codings: readonly CodingView[]; selectedId: string | null }) {
  const side = useStore((s) => s.coderFilter.mode === 'side');
  const coderOrder = useStore(useShallow((s) => s.coders.map((c) => c.id)));
  const select = useStore((s) => s.selectCoding);
  const [layout, setLayout] = useState<Layout | null>(null);
  const box = useRef<HTMLDivElement>(null);

  const measure = useCallback(() => {
    // The cell's own ref is attached after its children's layout effects on a first mount: go through ours.
    const cell = (box.current?.closest('.cell') as HTMLElement | null) ?? cellRef.current;
    if (!cell) return;
    const top0 = cell.getBoundingClientRect().top;
    const ext = new Map<string, { top: number; bottom: number }>();
    for (const el of cell.querySelectorAll<HTMLElement>('.passage [data-codings]')) {
      const rects = el.getClientRects();
      if (rects.length === 0) continue;
      const top = rects[0]!.top - top0;
      const bottom = rects[rects.length - 1]!.bottom - top0;
      for (const id of el.dataset.codings!.split(' ')) {
        const e = ext.get(id);
        if (e) {
          e.top = Math.min(e.top, top);
          e.bottom = Math.max(e.bottom, bottom);
        } else ext.set(id, { top, bottom });
      }
    }
    const extents = codings.filter((c) => ext.has(c.id)).map((c) => ({ id: c.id, ...ext.get(c.id)!, group: side ? c.coderId : '' }));
    const { stripes, lanes, groupStarts } = assignLanes(extents, coderOrder);
    setLayout({ stripes, lanes, groups: groupStarts.size });
  }, [cellRef, codings, side, coderOrder]);

  useLayoutEffect(measure, [measure]);
  useEffect(() => {
    const cell = (box.current?.closest('.cell') as HTMLElement | null) ?? cellRef.current;
    if (!cell) return;
    let first = true;
    const ro = new ResizeObserver(() => {
      if (first) first = false;
      else measure();
    });
    ro.observe(cell);
    return () => ro.disconnect();
  }, [cellRef, measure]);

  if (!layout || layout.stripes.length === 0) return <div ref={box} className="stripes" />;
  const gaps = Math.max(0, layout.groups - 1) * GROUP_GAP;
  const width = Math.max(2, Math.min(4, (AREA_WIDTH - gaps - (layout.lanes - 1) * 2) / layout.lanes));
  const step = width + (layout.lanes > 6 ? 1 : 2);
  const byId = new Map(codings.map((c) => [c.id, c]));
  let groupIndex = -1;
  let lastGroup: string | null = null;
  return (
    <div ref={box} className="stripes" aria-label="Codings in this passage">
      {[...layout.stripes]
        .sort((a, b) => a.lane - b.lane)
        .map((s) => {
          const c = byId.get(s.id);
          if (!c) return null;
          if (s.group !== lastGroup) {
            lastGroup = s.group;
            groupIndex++;
          }
          const left = s.lane * step + groupIndex * GROUP_GAP;
          const pending = isPending(c.id);
          const label = `${c.codePath} — coded by ${c.coderName}${pending ? ' (saving…)' : ''}`;
          return (
            <button
              key={s.id}
              type="button"
              className={`stripe${s.id === selectedId ? ' is-selected' : ''}${pending ? ' is-pending' : ''}`}
              data-coding-id={c.id}
              data-code-id={c.codeId}
              style={{ top: s.top, height: Math.max(6, s.bottom - s.top), right: AREA_RIGHT + AREA_WIDTH - width - left, width, background: c.color }}
              title={label}
              aria-label={`Coding ${label}`}
              aria-pressed={s.id === selectedId}
              disabled={pending}
              onMouseEnter={() => hover(cellRef.current, c.id, true)}
              onMouseLeave={() => hover(cellRef.current, c.id, false)}
              onClick={() => select(s.id === selectedId ? null : s.id)}
            />
          );
        })}
    </div>
  );
}

/** Lights up a coding's marks while its stripe is hovered (straight on the DOM: no re-render for a hover). */
function hover(cell: HTMLElement | null, id: string, on: boolean): void {
  cell?.querySelectorAll(`[data-codings~="${CSS.escape(id)}"]`).forEach((el) => el.classList.toggle('is-hover', on));
}
