import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { contextAround } from '../../../../shared/analysis/passages';
import { useStore } from '../../store';
import type { ConcordanceFilters, ConcordanceMoments } from '../../store/concordanceSlice';
import { formatTime } from '../../util/time';
import type { Category } from './ConcordanceTable';
import { plural } from './format';

type Row = Output<'analysis.concordanceRows'>['rows'][number];
type Unit = NonNullable<Row['client']>;
type Interviews = ConcordanceMoments['turns'];

const CATEGORY_LABEL: Record<Category, string> = { both: 'on both sides', 'client-only': 'on the client’s side only', 'therapist-only': 'on the therapist’s side only' };
/** Context shown around a coded passage, inside its turn. */
const CONTEXT = 160;

interface Passage {
  start: number;
  end: number;
  text: string;
  coders: string[];
  speaker: string | null;
  before: string;
  after: string;
}

/**
 * The side's codings as passages in their turn: the speaker, some of the turn before and after, the coded words
 * marked. Codings of the same words by several coders are one passage naming them.
 */
function passagesOf(unit: Unit, interviews: Interviews): Passage[] {
  const iv = interviews.get(unit.interviewId);
  const out: Passage[] = [];
  for (const c of unit.codings) {
    const same = out.find((p) => p.start === c.start && p.end === c.end);
    if (same) {
      if (!same.coders.includes(c.coderName)) same.coders.push(c.coderName);
      continue;
    }
    const first = iv?.turns.find((t) => t.start <= c.start && c.start < t.end);
    const last = iv?.turns.find((t) => t.start < c.end && c.end <= t.end) ?? first;
    let before = '';
    let after = '';
    if (iv && first && last) {
      const turn = iv.text.slice(first.start, last.end);
      ({ before, after } = contextAround(turn, c.start - first.start, c.end - first.start, CONTEXT));
    }
    out.push({ start: c.start, end: c.end, text: c.text, coders: [c.coderName], speaker: first?.speaker ?? null, before, after });
  }
  return out;
}

function Side({ unit, side, coded, sessionId, interviews }: { unit: Unit | null; side: 'client' | 'therapist'; coded: boolean; sessionId: string; interviews: Interviews }) {
  const jumpTo = useStore((s) => s.jumpTo);
  const who = side === 'client' ? 'Client' : 'Therapist';
  if (!unit) return <div className={`cc-moment__side cc-moment__side--${side}`}><span className="cc-moment__empty">No {side} moment here.</span></div>;
  const passages = coded ? passagesOf(unit, interviews) : [];
  return (
    <div className={`cc-moment__side cc-moment__side--${side}${coded ? ' is-coded' : ''}`} aria-label={`${who}’s side`}>
      <span className="cc-moment__label">
        {who} · {unit.label}
      </span>
      {passages.length ? (
        passages.map((p) => (
          <div key={`${p.start}:${p.end}`} className="cc-passage">
            <span className="cc-passage__text">
              {p.speaker ? <b className="cc-passage__speaker">{p.speaker}: </b> : null}
              {p.before ? <span className="an-ctx">…{p.before}</span> : null}
              <mark className={`cc-passage__coded cc-passage__coded--${side}`}>{p.text}</mark>
              {p.after ? <span className="an-ctx">{p.after}…</span> : null}
            </span>
            <span className="cc-passage__foot">
              <span className="cc-passage__coders">coded by {p.coders.join(', ')}</span>
              <button type="button" className="btn btn--quiet btn--small" aria-label={`Open the ${side}’s passage in its session`} onClick={() => void jumpTo({ sessionId, interviewId: unit.interviewId, start: p.start, end: p.end })}>
                Open
              </button>
            </span>
          </div>
        ))
      ) : (
        <span className="cc-moment__empty">Not coded on this side.</span>
      )}
    </div>
  );
}

/** The aligned moments behind one number of the concordance table: each side's coded passages in their turns. */
export function ConcordanceDrill({ codeId, category, filters, onClose }: { codeId: string; category: Category; filters: ConcordanceFilters; onClose(): void }) {
  const reportError = useStore((s) => s.reportError);
  const readMoments = useStore((s) => s.readConcordanceMoments);
  const [data, setData] = useState<ConcordanceMoments | null>(null);

  useEffect(() => {
    let stale = false;
    setData(null);
    readMoments(codeId, category, filters)
      .then((d) => !stale && setData(d))
      .catch((e) => !stale && reportError(e, 'Could not list the moments'));
    return () => {
      stale = true;
    };
  }, [codeId, category, filters, readMoments, reportError]);

  return (
    <section className="an-card cc-drill" aria-label="Moments">
      <div className="cc-drill__head">
        <h2 className="an-h2">{data ? `${data.rows.codePath}: ${plural(data.rows.rows.length, 'moment')} coded ${CATEGORY_LABEL[category]}` : 'Reading the moments…'}</h2>
        <button type="button" className="btn btn--quiet btn--small" onClick={onClose}>
          Close
        </button>
      </div>
      {data?.rows.rows.map((r, i) => (
        <article key={`${r.sessionId}:${r.clientUnitId}:${r.therapistUnitId}:${i}`} className="cc-moment" aria-label={`Dyad ${r.dyadName}, session ${r.sessionNumber}${r.sessionTime != null ? `, ${formatTime(r.sessionTime)}` : ''}`}>
          <div className="cc-moment__where">
            Dyad {r.dyadName}
            <br />
            Session {r.sessionNumber}
            {r.sessionTime != null ? (
              <>
                <br />
                {formatTime(r.sessionTime)}
              </>
            ) : null}
          </div>
          <Side unit={r.client} side="client" coded={r.side !== 'therapist'} sessionId={r.sessionId} interviews={data.turns} />
          <Side unit={r.therapist} side="therapist" coded={r.side !== 'client'} sessionId={r.sessionId} interviews={data.turns} />
        </article>
      ))}
    </section>
  );
}
