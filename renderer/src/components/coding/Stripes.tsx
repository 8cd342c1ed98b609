import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CodingView } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { assignLanes, type Stripe } from './model/lanes';
import { isPending } from '../../model/visible';

/** The stripes' margin, in px from the cell's right edge; the cell's padding-right is widened to hold it. */
const AREA_RIGHT = 3;
/** A lane: a coloured bar wide enough to hit, and the code's name written down beside it (MAXQDA's way). */
const LANE = 17;
const BAR = 5;
/** Beyond this many lanes the names are left out and the bars drawn narrow, so the text keeps its room. */
const MAX_LABELLED_LANES = 6;
const NARROW = 6;
const GROUP_GAP = 5;
/** The margin a cell keeps with no stripes (the cell's padding-right in coding.css). */
const MIN_MARGIN = 28;

/** "Maya Ortiz" → "MO", "AB" → "AB", "sam" → "SA": how a coder's lane is marked when several are shown. */
function coderInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) return (words[0]![0]! + words[words.length - 1]![0]!).toUpperCase();
  return (words[0] ?? '?').slice(0, 2).toUpperCase();
}

interface Layout {
  stripes: Stripe[];
  lanes: number;
  groups: number;
  labelled: boolean;
}

const laneWidth = (labelled: boolean) => (labelled ? LANE : NARROW);
const marginOf = (lanes: number, groups: number) => {
  const labelled = lanes <= MAX_LABELLED_LANES;
  return { labelled, width: Math.max(MIN_MARGIN, AREA_RIGHT + lanes * laneWidth(labelled) + Math.max(0, groups - 1) * GROUP_GAP + 4) };
};

/**
 * Coding stripes in a cell's right margin: one per coding, spanning from the top of its first marked line to the
 * bottom of its last, measured from the rendered marks after every change (and when the cell is resized). Each
 * carries its code's name written down the bar. Overlapping codings take separate lanes; when several coders are
 * shown (side by side, or everyone's before a coder is chosen), each coder's stripes form a group marked with the
 * coder's initials. The cell's right padding grows with the lanes, so stripes never sit on the text.
 */
export function Stripes({ cellRef, codings, selectedId }: { cellRef: RefObject<HTMLDivElement | null>; codings: readonly CodingView[]; selectedId: string | null }) {
  // Grouped per coder unless overlaid on purpose; "mine" before a coder is chosen shows everyone's.
  const side = useStore((s) => s.coderFilter.mode === 'side' || (s.coderFilter.mode === 'mine' && s.coder === null));
  const coderOrder = useStore(useShallow((s) => s.coders.map((c) => c.id)));
  const select = useStore((s) => s.selectCoding);
  // The codings with a memo: their stripes carry a note mark (a string key, so the selector's answer compares by value).
  const memoKey = useStore((s) => s.memos.filter((m) => m.targetKind === 'coding').map((m) => m.targetId).join(' '));
  const memoed = useMemo(() => new Set(memoKey.split(' ')), [memoKey]);
  const [layout, setLayout] = useState<Layout | null>(null);
  const box = useRef<HTMLDivElement>(null);

  const measure = useCallback(() => {
    // The cell's own ref is attached after its children's layout effects on a first mount: go through ours.
    const cell = (box.current?.closest('.cell') as HTMLElement | null) ?? cellRef.current;
    if (!cell) return;
    const lay = () => {
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
      return assignLanes(extents, coderOrder);
    };
    let laid = lay();
    // Widening the margin re-wraps the text: measure once more when it changed.
    const margin = marginOf(laid.lanes, laid.groupStarts.size);
    const want = `${margin.width}px`;
    if (cell.style.paddingRight !== want) {
      cell.style.paddingRight = want;
      laid = lay();
    }
    setLayout({ stripes: laid.stripes, lanes: laid.lanes, groups: laid.groupStarts.size, labelled: margin.labelled });
  }, [cellRef, codings, side, coderOrder]);

  // The margin goes back to its default with the last stripe.
  useEffect(() => {
    const cell = box.current?.closest('.cell') as HTMLElement | null;
    return () => {
      if (cell) cell.style.paddingRight = '';
    };
  }, []);

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
  const lane = laneWidth(layout.labelled);
  const area = layout.lanes * lane + Math.max(0, layout.groups - 1) * GROUP_GAP;
  const byId = new Map(codings.map((c) => [c.id, c]));
  const marked = layout.groups > 1;
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
          const left = s.lane * lane + groupIndex * GROUP_GAP;
          const pending = isPending(c.id);
          const hasMemo = memoed.has(c.id);
          const label = `${c.codePath} — coded by ${c.coderName}${pending ? ' (saving…)' : ''}`;
          const name = c.codePath.slice(c.codePath.lastIndexOf('/') + 1);
          const height = Math.max(8, s.bottom - s.top);
          return (
            <button
              key={s.id}
              type="button"
              className={`stripe${layout.labelled ? '' : ' is-narrow'}${s.id === selectedId ? ' is-selected' : ''}${pending ? ' is-pending' : ''}${hasMemo ? ' has-memo' : ''}`}
              data-coding-id={c.id}
              data-code-id={c.codeId}
              style={{ top: s.top, height, right: AREA_RIGHT + area - left - lane, width: lane, ['--stripe-color' as string]: c.color }}
              title={label}
              aria-label={`Coding ${label}${hasMemo ? ', with a memo' : ''}`}
              aria-pressed={s.id === selectedId}
              disabled={pending}
              onMouseEnter={() => hover(cellRef.current, c.id, true)}
              onMouseLeave={() => hover(cellRef.current, c.id, false)}
              onClick={() => select(s.id === selectedId ? null : s.id)}
            >
              {marked && layout.labelled ? (
                <span className="stripe__coder" aria-hidden="true">
                  {coderInitials(c.coderName)}
                </span>
              ) : null}
              {hasMemo ? <span className="stripe__memo" aria-hidden="true" /> : null}
              <span className="stripe__body">
                <span className="stripe__bar" style={{ width: layout.labelled ? BAR : NARROW - 2 }} />
                {layout.labelled && height >= 30 ? (
                  <span className="stripe__name" aria-hidden="true">
                    {name}
                  </span>
                ) : null}
              </span>
            </button>
          );
        })}
    </div>
  );
}

/** Lights up a coding's marks while its stripe is hovered (straight on the DOM: no re-render for a hover). */
function hover(cell: HTMLElement | null, id: string, on: boolean): void {
  cell?.querySelectorAll(`[data-codings~="${CSS.escape(id)}"]`).forEach((el) => el.classList.toggle('is-hover', on));
}
