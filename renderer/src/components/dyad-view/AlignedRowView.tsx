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
}

export const AlignedRowView = memo(function AlignedRowView({ model, matches, current, pendingSide, pendingUnitId, clientMissing, therapistMissing, clientCodings, therapistCodings }: Props) {
  const { row } = model;
  return (
    <div className={`row row--${row.match}`} role="row" aria-rowindex={model.index + 1}>
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
      />
    </div>
  );
});
