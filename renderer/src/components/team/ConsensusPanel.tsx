import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { useStore } from '../../store';
import { DisagreementPassage, disagreementWhere } from './DisagreementPassage';
import { ROLE, snippet } from './DisagreementList';

type Pending = Output<'consensus.pending'>['items'][number];
type Choice = Pending['settled'] & {};
/** A passage as the panel shows it: `done` once the lead settled it here (it stays in view, marked). */
type Item = Pending & { done: boolean };
const PAGE = 100;
/** What a settled passage says it became, in words (never only a pressed button). */
const VERDICT = { include: 'Included in the consensus', exclude: 'Left out of the consensus', own: 'Part of it included in the consensus' } as const;

/** Moves focus to the next or previous passage of the list on ↓ / ↑, as in the disagreement list. */
function stepThrough(e: React.KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const all = [...e.currentTarget.querySelectorAll<HTMLElement>('.disagreement')];
  const i = all.indexOf(document.activeElement as HTMLElement);
  if (i < 0) return;
  const next = all[i + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * The offsets (within `el`'s text) of the researcher's selection, when it lies inside `el`; null otherwise.
 * `el` holds the passage as one text, so its character offsets are the passage's.
 */
function selectionWithin(el: HTMLElement): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(el);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

/** The disagreements the lead settles for a consensus coder: include the passage in the consensus, or leave it out. */
export function ConsensusPanel({ coderId, onClose }: { coderId: string; onClose(): void }) {
  const reportError = useStore((s) => s.reportError);
  const coders = useStore((s) => s.coders);
  const jump = useStore((s) => s.jumpToDisagreement);
  const name = coders.find((c) => c.id === coderId)?.name ?? 'the consensus';
  const [items, setItems] = useState<Item[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  /** Every disagreement of the layer, settled or not: settling changes which are open, never how many there are. */
  const [all, setAll] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** The passage whose own span the lead is choosing. */
  const [drawing, setDrawing] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const textRef = useRef<HTMLParagraphElement>(null);
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [coderId]);

  /** The first page, or (more) the passages after the open ones in view: settled ones have left the pending list. */
  async function load(more = false) {
    try {
      const open = more ? items.filter((i) => !i.done).length : 0;
      const r = await useStore.getState().pendingDisagreements({ consensusCoderId: coderId, offset: open, limit: PAGE });
      const fresh = r.items.map((i) => ({ ...i, done: false }));
      setItems((prev) => (more ? [...prev, ...fresh.filter((f) => !prev.some((p) => p.id === f.id))] : fresh));
      setTotal(r.total);
      setAll(r.total + r.settled);
    } catch (e) {
      reportError(e, `Could not list what is left to settle for ${name}`);
    }
  }
  useEffect(() => {
    void load();
    // Reloads for another coder; `load` is a new function every render.
  }, [coderId]);

  useEffect(() => {
    if (drawing) textRef.current?.parentElement?.scrollIntoView({ block: 'nearest' });
  }, [drawing]);

  async function settle(d: Item, choice: Choice) {
    setBusy(d.id);
    try {
      const r = await useStore.getState().settleDisagreement({ consensusCoderId: coderId, disagreementId: d.id, choice });
      setItems((list) => list.map((x) => (x.id === d.id ? { ...x, settled: r.choice, done: true } : x)));
      setTotal(r.pending);
      setDrawing(null);
    } catch (e) {
      reportError(e, 'Could not settle this passage');
    } finally {
      setBusy(null);
    }
  }

  function includeSelection(d: Item) {
    const el = textRef.current;
    const within = el ? selectionWithin(el) : null;
    // The shown text may end in "…" (a long passage is cut): the span never reaches past the passage.
    const shown = Math.min(d.text.endsWith('…') ? d.text.length - 1 : d.text.length, d.end - d.start);
    const span = within && { start: d.start + Math.min(within.start, shown), end: d.start + Math.min(within.end, shown) };
    if (!span || span.end <= span.start) {
      setHint('Select the words of the passage that the consensus should hold, then press the button again.');
      return;
    }
    setHint(null);
    void settle(d, span);
  }

  const openInView = items.filter((i) => !i.done).length;

  const settledCount = all !== null && total !== null ? all - total : null;

  return (
    <section ref={box} className="team-card consensus" aria-label="Consensus">
      <header className="team-card__head">
        <h2 className="team-h2">Consensus coder “{name}”</h2>
        <button type="button" className="btn btn--small" onClick={onClose}>
          Close
        </button>
      </header>
      {all !== null && settledCount !== null && all > 0 ? (
        <div className="consensus__progress">
          <span className="consensus__progress-text" id="consensus-progress" aria-live="polite">
            <strong>
              {settledCount.toLocaleString()} of {all.toLocaleString()}
            </strong>{' '}
            settled · {total?.toLocaleString()} to go
          </span>
          <progress className="consensus__bar" aria-labelledby="consensus-progress" max={all} value={settledCount} />
        </div>
      ) : null}
      <p className="team-muted">
        Where the coders agreed, the consensus already has their coding. For each passage where they differ, include it in the consensus or leave it out; ↑ and ↓ move between passages.
        “{name}” is a coder of its own: choose it in the coder filter of a session to see its codings, and compare it in the agreement report.
      </p>
      {total === 0 ? <p className="consensus__done">Every disagreement is settled.</p> : null}
      <ul className="disagreement-list" onKeyDown={stepThrough}>
        {items.map((d) => {
          const settled = !d.done || d.settled === null ? null : typeof d.settled === 'string' ? d.settled : 'own';
          const where = disagreementWhere(d);
          return (
            <li key={d.id} className={`consensus__item${settled ? ' consensus__item--settled' : ''}`} data-disagreement-id={d.id} data-settled={settled ?? undefined}>
              {settled ? (
                <p className={`consensus__verdict consensus__verdict--${settled}`}>
                  <span aria-hidden="true">✓ </span>
                  Settled: {VERDICT[settled]}
                </p>
              ) : null}
              <button type="button" className="disagreement" onClick={() => void jump(d, [...d.present, ...d.absent].map((p) => p.id).concat(coderId))}>
                <span className="disagreement__where">
                  {d.codePath} · Dyad {d.dyad} · Session {d.session} · <span className={`role-${d.role}`}>{ROLE[d.role] ?? d.role}</span>
                  {where ? <span className="disagreement__time"> · {where}</span> : null}
                </span>
                {settled ? <span className="disagreement__text">“{snippet(d.text, 160)}”</span> : <DisagreementPassage d={d} />}
              </button>
              <div className="consensus__choice" role="group" aria-label="Settle">
                <button type="button" className={`btn btn--small${settled === 'include' ? ' is-on' : ''}`} aria-pressed={settled === 'include'} disabled={busy === d.id} onClick={() => void settle(d, 'include')}>
                  Include
                </button>
                <button type="button" className={`btn btn--small${settled === 'exclude' ? ' is-on' : ''}`} aria-pressed={settled === 'exclude'} disabled={busy === d.id} onClick={() => void settle(d, 'exclude')}>
                  Exclude
                </button>
                <button
                  type="button"
                  className={`btn btn--small${settled === 'own' ? ' is-on' : ''}`}
                  aria-pressed={settled === 'own'}
                  aria-expanded={drawing === d.id}
                  disabled={busy === d.id}
                  title="Include only the words you select"
                  onClick={() => {
                    setHint(null);
                    setDrawing(drawing === d.id ? null : d.id);
                  }}
                >
                  Part…
                </button>
              </div>
              {drawing === d.id ? (
                <div className="consensus__own" role="group" aria-label="Part of the passage">
                  <p className="consensus__own-help">Select the words the consensus should hold:</p>
                  <p ref={textRef} className="consensus__own-text">
                    {d.text}
                  </p>
                  {hint ? <p className="consensus__own-hint" role="alert">{hint}</p> : null}
                  <div className="team-actions team-actions--left">
                    <button type="button" className="btn btn--small btn--primary" disabled={busy === d.id} onMouseDown={(e) => e.preventDefault()} onClick={() => includeSelection(d)}>
                      Include the selected words
                    </button>
                    <button type="button" className="btn btn--small" onClick={() => setDrawing(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {total !== null && total > openInView ? (
        <div className="team-actions team-actions--left">
          <button type="button" className="btn btn--small" onClick={() => void load(true)}>
            Show the next passages ({total - openInView} more to settle)
          </button>
        </div>
      ) : null}
    </section>
  );
}
