import type { MomentLink } from '../../../../shared/domain/types';
import type { AlignedRow } from '../../model/types';
import { useStore } from '../../store';
import { formatDelta, formatTime } from '../../util/time';
import { ChainIcon, PairIcon, UnlinkIcon } from '../common/Icons';

/** The row's session time and how its two passages came to sit together, with the one action that undoes it. */
export function RowGutter({ row, keptApart }: { row: AlignedRow; keptApart: MomentLink | null }) {
  const setLink = useStore((s) => s.setLink);
  const opening = row.client?.kind === 'opening' || row.therapist?.kind === 'opening';
  const c = row.client?.unitId;
  const t = row.therapist?.unitId;
  return (
    <div className="gutter" role="rowheader" data-match={row.match}>
      {opening ? (
        <div className="gutter__opening">Before the first stop</div>
      ) : (
        <div className="gutter__time" title="Position in the session recording">
          {row.sessionTime !== null ? formatTime(row.sessionTime) : '—'}
        </div>
      )}
      {row.match === 'auto' ? (
        <div className="state state--auto" title={`Paired automatically: the two times are ${formatDelta(row.delta ?? 0)} apart`}>
          <PairIcon size={12} />
          <span>paired</span>
          {row.delta !== null ? <span className="state__delta">Δ {formatDelta(row.delta)}</span> : null}
        </div>
      ) : null}
      {row.match === 'manual' ? (
        <div className="state state--manual" title="Linked by hand">
          <ChainIcon size={12} />
          <span>linked by hand</span>
          {row.delta !== null ? <span className="state__delta">Δ {formatDelta(row.delta)}</span> : null}
        </div>
      ) : null}
      {row.match === 'none' && !opening ? (
        <div className="state state--none">{keptApart ? <span title="You unpaired this moment from its automatic partner">unpaired by hand</span> : 'unmatched'}</div>
      ) : null}
      {keptApart ? (
        <button
          type="button"
          className="gutter__action"
          onClick={() => void setLink(keptApart.clientUnitId, keptApart.therapistUnitId, 'clear')}
          title="Let Dyad pair these two moments automatically again"
        >
          <PairIcon size={12} /> Restore pairing
        </button>
      ) : null}
      {row.match === 'auto' && c && t ? (
        <button type="button" className="gutter__action" onClick={() => void setLink(c, t, 'unlink')} title="Stop pairing these two moments automatically">
          <UnlinkIcon size={12} /> Unpair
        </button>
      ) : null}
      {row.match === 'manual' && c && t ? (
        <button type="button" className="gutter__action" onClick={() => void setLink(c, t, 'clear')} title="Remove the link drawn by hand">
          <UnlinkIcon size={12} /> Remove link
        </button>
      ) : null}
    </div>
  );
}
