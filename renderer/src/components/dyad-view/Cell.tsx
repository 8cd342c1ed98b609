import { memo, useMemo, useRef } from 'react';
import type { CodingView } from '../../../../shared/coding/types';
import type { FindMatch } from '../../model/find';
import type { TextMark } from '../../model/pieces';
import type { CellModel } from '../../model/rows';
import type { AlignedSide, Side } from '../../model/types';
import { useStore } from '../../store';
import { formatTime } from '../../util/time';
import { ChainIcon } from '../common/Icons';
import { MomentControl } from '../coding/MomentControl';
import { Stripes } from '../coding/Stripes';
import { useCellCodings } from '../coding/useCellCodings';
import { PlayMoment } from '../player/PlayButtons';
import { PassageText } from './PassageText';

const OTHER: Record<Side, Side> = { client: 'therapist', therapist: 'client' };

interface Props {
  side: Side;
  cell: CellModel | null;
  matches: readonly FindMatch[];
  current: FindMatch | null;
  /** The unit chosen as the first end of a hand-drawn link, when on this row's side or the other. */
  pendingSide: Side | null;
  pendingUnitId: string | null;
  interviewMissing: boolean;
  /** The codings of this cell's interview that the view shows (by coder), or none. */
  codings?: readonly CodingView[];
  /** The words of this cell being heard from the interview's own recording, if any. */
  spoken?: { start: number; end: number } | null;
}

export const Cell = memo(function Cell({ side, cell, matches, current, pendingSide, pendingUnitId, interviewMissing, codings, spoken = null }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const coded = useCellCodings(cell, codings);
  const marks = useMemo<TextMark[]>(() => {
    if (!cell) return [];
    const { unit, interview } = cell;
    const out: TextMark[] = [];
    for (const m of interview.moments) {
      if (m.offset >= unit.start && m.offset < unit.end) out.push({ start: m.offset, end: m.offset + m.label.length, kind: 'marker' });
    }
    for (const f of matches) {
      if (f.side !== side) continue;
      const isCurrent = current !== null && current.side === f.side && current.start === f.start;
      out.push({ start: f.start, end: f.end, kind: isCurrent ? 'find-current' : 'find' });
    }
    if (spoken) out.push({ start: spoken.start, end: spoken.end, kind: 'spoken' });
    return out;
  }, [cell, matches, current, side, spoken]);

  if (!cell) {
    return (
      <div className={`cell cell--${side} cell--empty`} role="cell" data-side={side}>
        <span className="cell__none">{interviewMissing ? `No ${side} interview in this session` : `No ${side} moment here`}</span>
      </div>
    );
  }
  const { unit, interview, segments } = cell;
  const chosen = pendingUnitId === unit.unitId;
  return (
    <div
      ref={ref}
      className={`cell cell--${side}${chosen ? ' is-link-source' : ''}${pendingSide === OTHER[side] ? ' is-link-target' : ''}`}
      role="cell"
      data-side={side}
      data-unit-id={unit.unitId}
      data-unit-kind={unit.kind}
      data-session-time={unit.sessionTime ?? undefined}
    >
      {unit.kind !== 'opening' ? <LinkControl side={side} unit={unit} pendingSide={pendingSide} chosen={chosen} /> : null}
      {unit.kind === 'moment' ? <MomentControl unit={unit} /> : null}
      {unit.kind === 'moment' && unit.sessionTime !== null ? <PlayMoment sessionId={interview.sessionId} sessionTime={unit.sessionTime} /> : null}
      {segments.length ? (
        <PassageText
          interviewId={interview.id}
          text={interview.text}
          segments={segments}
          marks={marks}
          codings={coded.codings}
          selectedCodingId={coded.selectedId}
          editingStart={coded.editingStart}
        />
      ) : (
        <span className="cell__none">(no text)</span>
      )}
      {coded.codings.length ? <Stripes cellRef={ref} codings={coded.codings} selectedId={coded.selectedId} /> : null}
    </div>
  );
});

function LinkControl({ side, unit, pendingSide, chosen }: { side: Side; unit: AlignedSide; pendingSide: Side | null; chosen: boolean }) {
  const pick = useStore((s) => s.pickForLink);
  const where = unit.sessionTime !== null ? ` at ${formatTime(unit.sessionTime)}` : ` (${unit.label})`;
  const target = pendingSide === OTHER[side];
  const label = chosen
    ? `Stop linking this ${side} passage`
    : target
      ? `Link this ${side} passage${where} to the chosen ${OTHER[side]} passage`
      : `Link this ${side} passage${where} to a ${OTHER[side]} passage`;
  return (
    <button
      type="button"
      className={`link-btn${chosen ? ' is-chosen' : ''}${target ? ' is-target' : ''}`}
      aria-label={label}
      aria-pressed={chosen}
      title={label}
      onClick={() => void pick(side, unit)}
    >
      <ChainIcon size={13} />
      <span>{chosen ? 'Choosing…' : target ? 'Link here' : 'Link'}</span>
    </button>
  );
}
