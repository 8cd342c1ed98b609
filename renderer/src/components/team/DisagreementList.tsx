import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { AgreementQuery, Disagreement } from '../../store/teamSlice';
import { DisagreementPassage, disagreementWhere } from './DisagreementPassage';
import { plural } from './format';

const PAGE = 100;
export const ROLE: Record<string, string> = { client: 'Client', therapist: 'Therapist', other: 'Other' };

export const snippet = (text: string, max = 220): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The passages where the compared coders differ on one code (or on any); each opens its session. */
export function DisagreementList({ query, codeId, codeLabel, onClose }: { query: AgreementQuery; codeId: string | 'all'; codeLabel: string; onClose(): void }) {
  const reportError = useStore((s) => s.reportError);
  const jump = useStore((s) => s.jumpToDisagreement);
  const listDisagreements = useStore((s) => s.listDisagreements);
  const [items, setItems] = useState<Disagreement[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const box = useRef<HTMLElement>(null);
  // The list opens below the report: bring it into view, or the click seems to do nothing.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [codeId]);

  async function load(offset: number) {
    setLoading(true);
    try {
      const r = await listDisagreements({ ...query, codeId: codeId === 'all' ? null : codeId, offset, limit: PAGE });
      setItems((prev) => (offset === 0 ? r.items : [...prev, ...r.items]));
      setTotal(r.total);
    } catch (e) {
      reportError(e, 'Could not list the disagreements');
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    setItems([]);
    setTotal(null);
    void load(0);
    // Reloads from the start when the question changes; `load` is a new function every render.
  }, [query, codeId]);

  return (
    <section ref={box} className="team-card disagreements" aria-label="Disagreements">
      <header className="team-card__head">
        <h2 className="team-h2">
          Disagreements on {codeLabel}
          {total !== null ? <span className="team-muted"> · {plural(total, 'passage')}</span> : null}
        </h2>
        <button type="button" className="btn btn--small" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="team-muted">Click a passage to open its session with the coders’ codings side by side; ↑ and ↓ move between passages.</p>
      {total === 0 ? <p className="team-muted">The coders agree everywhere on this code.</p> : null}
      <ul
        className="disagreement-list"
        onKeyDown={(e) => {
          // Next and previous passage from the keyboard.
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
          const all = [...e.currentTarget.querySelectorAll<HTMLElement>('.disagreement')];
          const i = all.indexOf(document.activeElement as HTMLElement);
          const next = all[i + (e.key === 'ArrowDown' ? 1 : -1)];
          if (next) {
            e.preventDefault();
            next.focus();
            next.scrollIntoView({ block: 'nearest' });
          }
        }}
      >
        {items.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className="disagreement"
              data-disagreement-id={d.id}
              onClick={() => void jump(d, [...d.present, ...d.absent].map((p) => p.id))}
            >
              <span className="disagreement__where">
                Dyad {d.dyad} · Session {d.session} · <span className={`role-${d.role}`}>{ROLE[d.role] ?? d.role}</span>
                {disagreementWhere(d) ? <span className="disagreement__time"> · {disagreementWhere(d)}</span> : null}
                {codeId === 'all' ? <span className="disagreement__code"> · {d.codePath}</span> : null}
              </span>
              <DisagreementPassage d={d} />
              <span className="disagreement__who">
                <span className="who who--has">Coded by {d.present.map((p) => p.name).join(', ') || 'nobody'}</span>
                <span className="who who--lacks">Not by {d.absent.map((p) => p.name).join(', ') || 'nobody'}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {total !== null && items.length < total ? (
        <button type="button" className="btn btn--small" disabled={loading} onClick={() => void load(items.length)}>
          Show more ({total - items.length} left)
        </button>
      ) : null}
      {loading && total === null ? <p className="team-muted">Finding the passages…</p> : null}
    </section>
  );
}
