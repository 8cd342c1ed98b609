import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { call } from '../../api/client';
import { useStore } from '../../store';
import { formatTime } from '../../util/time';
import type { Category } from './ConcordanceTable';
import { plural } from './format';

type Rows = Output<'analysis.concordanceRows'>;
type Row = Rows['rows'][number];
type Unit = NonNullable<Row['client']>;

const CATEGORY_LABEL: Record<Category, string> = { both: 'on both sides', 'client-only': 'on the client’s side only', 'therapist-only': 'on the therapist’s side only' };
const SNIPPET = 280;

/** Interview texts by id, of the sessions whose moments are shown (read when the list opens: they may be edited). */
async function loadTexts(sessionIds: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  await Promise.all(
    sessionIds.map(async (sessionId) => {
      const d = await call('sessions.get', { sessionId });
      for (const i of d.interviews) texts.set(i.id, i.text);
    }),
  );
  return texts;
}
function snippetOf(texts: Map<string, string>, u: Unit): string {
  const t = texts.get(u.interviewId)?.slice(u.start, u.end).replace(/\s+/gu, ' ').trim() ?? '';
  return t.length > SNIPPET ? `${t.slice(0, SNIPPET)}…` : t;
}

function Side({ unit, side, coded, sessionId, texts }: { unit: Unit | null; side: 'client' | 'therapist'; coded: boolean; sessionId: string; texts: Map<string, string> }) {
  const jumpTo = useStore((s) => s.jumpTo);
  if (!unit) return <div className={`cc-moment__side cc-moment__side--${side}`}><span className="cc-moment__empty">No {side} moment here.</span></div>;
  return (
    <div className={`cc-moment__side cc-moment__side--${side}${coded ? ' is-coded' : ''}`}>
      <span className="cc-moment__label">
        {side === 'client' ? 'Client' : 'Therapist'} · {unit.label}
        {coded ? ' · coded' : ' · not coded'}
      </span>
      {snippetOf(texts, unit) || <span className="cc-moment__empty">(no text)</span>}{' '}
      <button type="button" className="btn btn--quiet btn--small" onClick={() => void jumpTo({ sessionId, interviewId: unit.interviewId, start: unit.start, end: unit.end })}>
        Open
      </button>
    </div>
  );
}

/** The aligned moments behind one number of the concordance table, both sides' words, each a way to its session. */
export function ConcordanceDrill({ codeId, category, filters, onClose }: { codeId: string; category: Category; filters: object; onClose(): void }) {
  const reportError = useStore((s) => s.reportError);
  const [data, setData] = useState<{ rows: Rows; texts: Map<string, string> } | null>(null);

  useEffect(() => {
    let stale = false;
    setData(null);
    call('analysis.concordanceRows', { codeId, category, ...filters })
      .then(async (r) => {
        const texts = await loadTexts([...new Set(r.rows.map((x) => x.sessionId))]);
        if (!stale) setData({ rows: r, texts });
      })
      .catch((e) => !stale && reportError(e, 'Could not list the moments'));
    return () => {
      stale = true;
    };
  }, [codeId, category, filters, reportError]);

  return (
    <div className="an-card cc-drill" aria-label="Moments">
      <div className="cc-drill__head">
        <h2 className="an-h2">{data ? `${data.rows.codePath}: ${plural(data.rows.rows.length, 'moment')} ${CATEGORY_LABEL[category]}` : 'Reading the moments…'}</h2>
        <button type="button" className="btn btn--quiet btn--small" onClick={onClose}>
          Close
        </button>
      </div>
      {data?.rows.rows.map((r, i) => (
        <div key={`${r.sessionId}:${r.clientUnitId}:${r.therapistUnitId}:${i}`} className="cc-moment">
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
          <Side unit={r.client} side="client" coded={r.side !== 'therapist'} sessionId={r.sessionId} texts={data.texts} />
          <Side unit={r.therapist} side="therapist" coded={r.side !== 'client'} sessionId={r.sessionId} texts={data.texts} />
        </div>
      ))}
    </div>
  );
}
