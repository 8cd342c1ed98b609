import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { findMatches, type FindMatch } from '../../model/find';
import { buildRows } from '../../model/rows';
import { rowAtSessionTime, spokenStretches, stretchAt } from '../../model/spoken';
import type { SessionAlignment, SessionDetail } from '../../model/types';
import { useStore } from '../../store';
import { markSessionRendered } from '../../util/timing';
import { CodebookPanel } from '../codebook/CodebookPanel';
import { CodingBar } from '../coding/CodingBar';
import { SelectionTools } from '../coding/SelectionTools';
import { useCodeDrop } from '../coding/useCodeDrop';
import { useCodingKeys } from '../coding/useCodingKeys';
import { useKeptPassage } from '../coding/useKeptPassage';
import { useSelectionTracking } from '../coding/useSelectionTracking';
import { useVisibleCodings } from '../coding/useVisibleCodings';
import { AlignedRowView } from './AlignedRowView';
import { ColumnsHeader, ViewHeader } from './ViewHeader';
import { LinkBanner } from './LinkBanner';
import { SessionPlayer } from '../player/SessionPlayer';

const NO_MATCHES: readonly FindMatch[] = [];

/** The side-by-side view of one session: client and therapist passages, row by row, in ONE scrolling list. */
export function DyadView() {
  const detail = useStore((s) => s.detail);
  const alignment = useStore((s) => s.alignment);
  const sessionId = useStore((s) => s.sessionId);
  if (!detail || !alignment || detail.session.id !== sessionId) return null;
  // A new session gets a fresh list (and scroll position, and measured heights). The codebook sits beside it.
  return (
    <div className="workspace">
      <SessionRows key={detail.session.id} detail={detail} alignment={alignment} />
      <CodebookPanel />
    </div>
  );
}

function SessionRows({ detail, alignment }: { detail: SessionDetail; alignment: SessionAlignment }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const query = useStore((s) => s.find.query);
  const findIndex = useStore((s) => s.find.index);
  const setFindIndex = useStore((s) => s.setFindIndex);
  const openFind = useStore((s) => s.openFind);
  const pendingLink = useStore((s) => s.pendingLink);
  const cancelLink = useStore((s) => s.cancelLink);

  const rows = useMemo(() => buildRows(alignment, detail.interviews), [alignment, detail.interviews]);
  const codings = useVisibleCodings(detail.session.id);
  useSelectionTracking(scrollRef, rows.length > 0);
  useCodingKeys(scrollRef, rows.length > 0);
  useKeptPassage(scrollRef, rows.length > 0);
  useCodeDrop(scrollRef, rows.length > 0);
  // Opening a session moves the keyboard into it (↓ then enters the first turn), unless a field has it.
  const hasRows = rows.length > 0;
  useEffect(() => {
    const active = document.activeElement;
    if (hasRows && !active?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) scrollRef.current?.focus({ preventScroll: true });
  }, [hasRows]);
  const deferredQuery = useDeferredValue(query);
  const matches = useMemo(() => findMatches(rows, deferredQuery), [rows, deferredQuery]);
  const byRow = useMemo(() => {
    const m = new Map<number, FindMatch[]>();
    for (const f of matches) {
      const list = m.get(f.row);
      if (list) list.push(f);
      else m.set(f.row, [f]);
    }
    return m;
  }, [matches]);
  const current = matches.length ? matches[Math.min(findIndex, matches.length - 1)]! : null;

  // Rows are placed with \`top\`, not a transform: a sticky session time inside a transformed row is placed as if
  // the row were not moved. The column headings sit in the scroll container (sticky), so they share its width with the rows whatever the
  // scrollbar takes; the rows start below them, which the virtualizer must know as its scroll margin.
  const innerRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    const inner = innerRef.current;
    if (!inner) return;
    const update = () => {
      setScrollMargin(inner.offsetTop);
      setHeadHeight((inner.previousElementSibling as HTMLElement | null)?.offsetHeight ?? 0);
    };
    update();
    const ro = new ResizeObserver(update);
    if (inner.previousElementSibling) ro.observe(inner.previousElementSibling);
    return () => ro.disconnect();
  }, [rows.length > 0]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 220,
    overscan: 4,
    scrollMargin,
    getItemKey: (i) => rows[i]!.key,
  });

  useEffect(() => {
    if (rows.length === 0) return;
    const id = requestAnimationFrame(() => markSessionRendered(detail.session.id));
    return () => cancelAnimationFrame(id);
  }, [rows.length, detail.session.id]);

  // Bring the current hit into view: first its row (which may not be rendered yet), then the hit itself.
  useLayoutEffect(() => {
    if (!current || !deferredQuery.trim()) return;
    virtualizer.scrollToIndex(current.row, { align: 'center' });
    const id = requestAnimationFrame(() => {
      const el = scrollRef.current?.querySelector('[data-find-current]');
      if (el) el.scrollIntoView({ block: 'center' });
    });
    return () => cancelAnimationFrame(id);
    // Only a different hit moves the view: re-measured rows or a refetched alignment must not yank it back.
  }, [current?.row, current?.start, current?.side, deferredQuery]);

  const step = useCallback(
    (dir: 1 | -1) => {
      if (!matches.length) return;
      setFindIndex((Math.min(findIndex, matches.length - 1) + dir + matches.length) % matches.length);
    },
    [matches.length, findIndex, setFindIndex],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        openFind();
        findRef.current?.focus();
        findRef.current?.select();
      } else if (e.key === 'Escape' && pendingLink) {
        cancelLink();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openFind, cancelLink, pendingLink]);

  // A jump to a passage (from a memo, a coding): bring its row into view.
  const reveal = useStore((s) => s.reveal);
  useEffect(() => {
    if (!reveal) return;
    const side = reveal.interviewId === alignment.clientInterviewId ? 'client' : reveal.interviewId === alignment.therapistInterviewId ? 'therapist' : null;
    if (!side) return;
    const i = rows.findIndex((r) => {
      const c = r[side];
      return c !== null && reveal.offset >= c.unit.start && reveal.offset < c.unit.end;
    });
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'start' });
    // Once per request to reveal a passage (its seq), not whenever the rows render again.
  }, [reveal?.seq]);

  // The session recording's playhead lights its moment's row; an interview's own recording lights the words heard.
  const playhead = useStore((s) => s.playhead);
  const follow = useStore((s) => s.follow);
  // A paired row starts at the earlier of its two sides' times: Play from either side lights it at once.
  const rowTimes = useMemo(
    () =>
      rows.map((r) => {
        if (r.row.client?.kind === 'opening' || r.row.therapist?.kind === 'opening') return 0;
        const sides = [r.row.client?.sessionTime, r.row.therapist?.sessionTime].filter((t): t is number => t != null);
        return sides.length ? Math.min(...sides) : r.row.sessionTime;
      }),
    [rows],
  );
  const playRow = playhead?.kind === 'session' ? rowAtSessionTime(rowTimes, playhead.time) : -1;
  const heardInterview = playhead?.kind === 'interview' ? (detail.interviews.find((i) => i.id === playhead.interviewId) ?? null) : null;
  const stretches = useMemo(() => (heardInterview ? spokenStretches(heardInterview) : []), [heardInterview]);
  const heard = playhead?.kind === 'interview' ? stretchAt(stretches, playhead.time) : null;
  const heardRow = useMemo(() => {
    if (!heard) return -1;
    return rows.findIndex((r) => [r.client, r.therapist].some((c) => c && c.interview.id === heard.interviewId && heard.start >= c.unit.start && heard.start < c.unit.end));
  }, [rows, heard?.interviewId, heard?.start]);
  const followRow = playRow >= 0 ? playRow : heardRow;
  useEffect(() => {
    if (!follow || followRow < 0) return;
    virtualizer.scrollToIndex(followRow, { align: 'auto' });
    if (heard) {
      const id = requestAnimationFrame(() => scrollRef.current?.querySelector('.spoken')?.scrollIntoView({ block: 'nearest' }));
      return () => cancelAnimationFrame(id);
    }
    // Only a new row or new words move the view, so the researcher can scroll away while it plays.
  }, [follow, followRow, heard?.start]);

  const client = detail.interviews.find((i) => i.id === alignment.clientInterviewId) ?? null;
  const therapist = detail.interviews.find((i) => i.id === alignment.therapistInterviewId) ?? null;
  const items = virtualizer.getVirtualItems();

  return (
    <section className="dyad-view" aria-label="Side-by-side view">
      <ViewHeader
        detail={detail}
        alignment={alignment}
        findRef={findRef}
        matchCount={matches.length}
        onStep={step}
        rows={rows}
        onGoTo={(i) => {
          virtualizer.scrollToIndex(i, { align: 'start' });
          // Rows not yet measured land roughly: once drawn, the row is put right under the headings and its first
          // turn takes the keyboard.
          const settle = (tries: number) =>
            requestAnimationFrame(() => {
              const list = scrollRef.current;
              const item = list?.querySelector<HTMLElement>(`.rows__item[data-index="${i}"]`);
              if (!list || !item) {
                if (tries > 0) settle(tries - 1);
                return;
              }
              const off = item.getBoundingClientRect().top - list.getBoundingClientRect().top - headHeight;
              if (Math.abs(off) > 2) list.scrollTop += off;
              if (Math.abs(off) > 2 && tries > 0) settle(tries - 1);
              else item.querySelector<HTMLElement>('.turn[data-turn-id]')?.focus({ preventScroll: true });
            });
          settle(6);
        }}
      />
      <CodingBar detail={detail} />
      {pendingLink ? <LinkBanner link={pendingLink} onCancel={cancelLink} /> : null}
      {rows.length === 0 ? (
        <>
          <ColumnsHeader client={client} therapist={therapist} />
          <div className="empty empty--inline">
            <p>This session has no text to show yet. Import its client and therapist interviews.</p>
          </div>
        </>
      ) : (
        <div
          ref={scrollRef}
          id="transcript"
          className="rows"
          style={{ ['--head-h' as string]: `${headHeight}px` }}
          tabIndex={0} role="table" aria-label="Client and therapist passages, moment by moment" aria-rowcount={rows.length}>
          <ColumnsHeader client={client} therapist={therapist} />
          <div ref={innerRef} className="rows__inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((v) => {
              const model = rows[v.index]!;
              return (
                <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="rows__item" style={{ top: v.start - scrollMargin }}>
                  <AlignedRowView
                    model={model}
                    matches={byRow.get(v.index) ?? NO_MATCHES}
                    current={current && current.row === v.index ? current : null}
                    pendingSide={pendingLink?.side ?? null}
                    pendingUnitId={pendingLink?.unitId ?? null}
                    clientMissing={!client}
                    therapistMissing={!therapist}
                    clientCodings={client ? codings[client.id] : undefined}
                    therapistCodings={therapist ? codings[therapist.id] : undefined}
                    atPlayhead={v.index === playRow}
                    spoken={heard && v.index === heardRow ? heard : null}
                  />
                </div>
              );
            })}
          </div>
        </div>
      )}
      <SessionPlayer detail={detail} />
      <SelectionTools scrollRef={scrollRef} />
    </section>
  );
}
