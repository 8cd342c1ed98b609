import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { useStore } from '../../store';

type Layer = Output<'consensus.list'>[number];
const UNIT = { char: 'by character', turn: 'by speaker turn', moment: 'by recall moment' } as const;

/** The consensus coders already built: the lead comes back to one and goes on settling where they left off. */
export function ConsensusList() {
  const open = useStore((s) => s.consensusCoderId);
  const showConsensus = useStore((s) => s.showConsensus);
  const reportError = useStore((s) => s.reportError);
  const [layers, setLayers] = useState<Layer[]>([]);

  useEffect(() => {
    let stale = false;
    useStore
      .getState()
      .listConsensusCoders()
      .then((r) => !stale && setLayers(r))
      .catch((e) => !stale && reportError(e, 'Could not list the consensus coders'));
    return () => {
      stale = true;
    };
  }, [open, reportError]);

  if (layers.length === 0) return null;
  return (
    <div className="team-card" aria-label="Consensus coders">
      <h2 className="team-h2">Consensus coders</h2>
      <ul className="consensus-layers">
        {layers.map((l) => (
          <li key={l.coderId} className="consensus-layers__item">
            <span>
              <strong>{l.name}</strong>
              <span className="team-muted">
                {' '}
                · {l.coders.join(' + ')} · {UNIT[l.unit]} · {l.settled} passage{l.settled === 1 ? '' : 's'} settled
              </span>
            </span>
            <button type="button" className="btn btn--small" aria-pressed={open === l.coderId} onClick={() => showConsensus(l.coderId)}>
              {open === l.coderId ? 'Open below' : 'Go on settling'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
