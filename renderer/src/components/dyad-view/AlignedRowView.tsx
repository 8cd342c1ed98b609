import { memo } from 'react';
import type { CodingView } from '../../../../shared/coding/types';
import type { FindMatch } from '../../model/find';
import type { RowModel } from '../../model/rows';
import type { Side } from '../../model/types';
import { Cell } from './Cell';
import { RowGutter } from './RowGutter';

interface Props {
  model: RowModel;
  matches: readonly FindMatch[];
  current: FindMatch | null;
  pendingSide: Side | null;
  pendingUnitId: string | null;
  clientMissing: boolean;
  therapistMissing: boolean;
  clientCodings?: readonly CodingView[];
  therapistCodings?: readonly CodingView[];
  /** The session recording is playing at this row's moment. */
  atPlayhead?: boolean;
  /** The words being heard from an interview's own recording, when they are in this row. */
  spoken?: { interviewId: string; start: number; end: number } | null;
}

export const AlignedRowView = memo(function AlignedRowView({ model, matches, current, pendingSide, pendingUnitId, clientMissing, therapistMissing, clientCodings, therapistCodings, atPlayhead = false, spoken = null }: Props) {
  const { row } = model;
  return (
    <div className={`row row--${row.match}${atPlayhead ? ' is-playhead' : ''}`} role="row" aria-rowindex={model.index + 1} aria-current={atPlayhead ? 'time' : undefined}>
      <RowGutter row={row} keptApart={model.keptApart} />
      <Cell
        side="client"
        cell={model.client}
        matches={matches}
        current={current?.side === 'client' ? current : null}
        pendingSide={pendingSide}
        pendingUnitId={pendingUnitId}
        interviewMissing={clientMissing}
        codings={clientCodings}
        spoken={spoken && spoken.interviewId === model.client?.interview.id ? spoken : null}
      />
      <Cell
        side="therapist"
        cell={model.therapist}
        matches={matches}
        current={current?.side === 'therapist' ? current : null}
        pendingSide={pendingSide}
        pendingUnitId={pendingUnitId}
        interviewMissing={therapistMissing}
        codings={therapistCodings}
        spoken={spoken && spoken.interviewId === model.therapist?.interview.id ? spoken : null}
      />
    </div>
  );
});
