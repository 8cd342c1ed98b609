import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { call } from '../../api/client';
import { useStore } from '../../store';
import { plural } from './format';
import { ROLE, snippet } from './DisagreementList';

type Pending = Output<'consensus.pending'>['items'][number];
const PAGE = 100;

/** The disagreements the lead settles for a consensus coder: include the passage in the consensus, or leave it out. */
export function ConsensusPanel({ coderId, onClose }: { coderId: string; onClose(): void }) {
  const reportError = useStore((s) => s.reportError);
  const coders = useStore((s) => s.coders);
  const jump = useStore((s) => s.jumpToDisagreement);
  const name = coders.find((c) => c.id === coderId)?.name ?? 'the consensus';
  const [items, setItems] = useState<Pending[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [coderId]);

  async function load() {
    try {
      const r = await call('consensus.pending', { consensusCoderId: coderId, offset: 0, limit: PAGE });
      setItems(r.items);
      setTotal(r.total);
    } catch (e) {
      reportError(e, `Could not list what is left to settle for ${name}`);
    }
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [coderId]);

  async function settle(d: Pending, choice: 'include' | 'exclude') {
    setBusy(d.id);
    try {
      const r = await call('consensus.settle', { consensusCoderId: coderId, disagreementId: d.id, choice });
      setItems((list) => list.map((x) => (x.id === d.id ? { ...x, settled: r.choice } : x)));
      setTotal(r.pending);
    } catch (e) {
      reportError(e, 'Could not settle this passage');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section ref={box} className="team-card consensus" aria-label="Consensus">
      <header className="team-card__head">
        <h2 className="team-h2">
          Consensus coder “{name}”{total !== null ? <span className="team-muted"> · {plural(total, 'passage')} to settle</span> : null}
        </h2>
        <button type="button" className="btn btn--small" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="team-muted">
        Where the coders agreed, the consensus already has their coding. For each passage where they differ, include it in the consensus or leave it out.
        “{name}” is a coder of its own: choose it in the coder filter of a session to see its codings, and compare it in the agreement report.
      </p>
      {total === 0 && items.every((i) => i.settled !== null) ? <p className="consensus__done">Every disagreement is settled.</p> : null}
      <ul className="disagreement-list">
        {items.map((d) => {
          const settled = d.settled === null ? null : typeof d.settled === 'string' ? d.settled : 'include';
          return (
            <li key={d.id} className="consensus__item" data-disagreement-id={d.id}>
              <button type="button" className="disagreement" onClick={() => void jump(d, [...d.present, ...d.absent].map((p) => p.id).concat(coderId))}>
                <span className="disagreement__where">
                  {d.codePath} · Dyad {d.dyad} · Session {d.session} · {ROLE[d.role] ?? d.role}
                </span>
                <span className="disagreement__text">“{snippet(d.text)}”</span>
                <span className="disagreement__who">
                  <span className="who who--has">Coded by {d.present.map((p) => p.name).join(', ')}</span>
                  <span className="who who--lacks">Not by {d.absent.map((p) => p.name).join(', ')}</span>
                </span>
              </button>
              <div className="consensus__choice" role="group" aria-label="Settle">
                <button type="button" className={`btn btn--small${settled === 'include' ? ' is-on' : ''}`} aria-pressed={settled === 'include'} disabled={busy === d.id} onClick={() => void settle(d, 'include')}>
                  Include
                </button>
                <button type="button" className={`btn btn--small${settled === 'exclude' ? ' is-on' : ''}`} aria-pressed={settled === 'exclude'} disabled={busy === d.id} onClick={() => void settle(d, 'exclude')}>
                  Exclude
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
