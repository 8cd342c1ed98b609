import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { useStore } from '../../store';
import { formatTime } from '../../util/time';
import { plural, ROLE_LABEL } from './format';
import { EMPTY_SCOPE, scopeInput, type Scope } from './scope';
import { ScopeFilters } from './ScopeFilters';
import { Marked } from './Snippet';
import { useRemembered } from './useRemembered';

type Result = Output<'search.text'>;
type Hit = Result['hits'][number];
type Order = 'relevance' | 'reading';

const PAGE = 50;
const SPEAKER_ROLE: Record<string, string> = { interviewer: 'interviewer', participant: 'participant', unknown: '' };

/** Full-text search of every transcript; each hit opens its passage in the dyad view. */
export function SearchPage() {
  const tree = useStore((s) => s.tree);
  const reportError = useStore((s) => s.reportError);
  const jumpTo = useStore((s) => s.jumpTo);
  const [query, setQuery] = useRemembered('search.query', '');
  const [scope, setScope] = useRemembered<Scope>('search.scope', EMPTY_SCOPE);
  const [order, setOrder] = useRemembered<Order>('search.order', 'relevance');
  const [result, setResult] = useRemembered<{ asked: string; r: Result } | null>('search.result', null);
  const [busy, setBusy] = useState(false);

  async function run(offset = 0) {
    const q = query.trim();
    if (!q) {
      setResult(null);
      return;
    }
    setBusy(true);
    try {
      const r = await useStore.getState().searchText({
        query: q,
        ...scopeInput({ ...scope, coderIds: [] }, tree),
        ...(scope.speakerRoles.length ? { speakerRoles: scope.speakerRoles } : {}),
        limit: PAGE,
        offset,
        order,
        snippetChars: 220,
      });
      setResult((prev) => (offset > 0 && prev ? { asked: q, r: { ...r, hits: [...prev.r.hits, ...r.hits] } } : { asked: q, r }));
    } catch (e) {
      reportError(e, `Could not search for “${q}”`);
    } finally {
      setBusy(false);
    }
  }

  // A changed filter or order applies to the query already asked.
  useEffect(() => {
    if (result) void run();
  }, [scope, order]);

  function open(h: Hit) {
    const m = h.matches[0] ?? { start: h.turnStart, end: h.turnEnd };
    void jumpTo({ sessionId: h.sessionId, interviewId: h.interviewId, start: m.start, end: m.end });
  }

  return (
    <section className="page an-page" aria-label="Search">
      <header className="page__header">
        <div>
          <h1>Search</h1>
          <p className="page__sub">Words, “exact phrases”, prefix*, NEAR(word word), OR and NOT or -word across every transcript. Open a hit to read it in its session.</p>
        </div>
      </header>
      <div className="an-toolbar">
        <form
          className="an-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <input className="input" type="search" aria-label="Search the transcripts" placeholder="e.g. silence, “looked away”, anxi*" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="btn btn--primary" disabled={busy || !query.trim()}>
            Search
          </button>
          <select className="input" aria-label="Order of hits" value={order} onChange={(e) => setOrder(e.target.value as Order)}>
            <option value="relevance">Best first</option>
            <option value="reading">As the study reads</option>
          </select>
        </form>
        <ScopeFilters value={scope} onChange={setScope} roles speakerRoles />
      </div>
      <div className="an-body" aria-busy={busy}>
        {result ? (
          <>
            <p className="an-count" role="status">
              {result.r.total === 0
                ? `Nothing found for ${result.r.query}.`
                : `${plural(result.r.total, 'speaker turn')} with ${result.r.query}${order === 'relevance' && result.r.total > 1 ? ', best first' : ''}${result.r.total > result.r.hits.length ? ` — showing ${result.r.hits.length}` : ''}`}
            </p>
            <ol className="an-results" aria-label="Search results">
              {result.r.hits.map((h) => (
                <li key={`${h.turnId}`} data-turn-id={h.turnId}>
                  <button type="button" className={`an-hit an-hit--${h.role}`} onClick={() => open(h)} title="Open this passage in its session">
                    <span className="an-hit__where">
                      <span>Dyad {h.dyadName}</span>
                      <span>Session {h.sessionNumber}</span>
                      <span className={`an-hit__role--${h.role}`}>{ROLE_LABEL[h.role] ?? h.role}</span>
                      <span>
                        {h.speaker}
                        {SPEAKER_ROLE[h.speakerRole] ? ` (${SPEAKER_ROLE[h.speakerRole]})` : ''}
                      </span>
                      {h.sessionTime != null ? <span title="Time in the session recording">session {formatTime(h.sessionTime)}</span> : null}
                    </span>
                    <span className="an-hit__text">
                      {h.snippet.clippedStart ? '…' : ''}
                      <Marked text={h.snippet.text} marks={h.snippet.marks} />
                      {h.snippet.clippedEnd ? '…' : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
            {result.r.total > result.r.hits.length ? (
              <div className="an-actions">
                <button type="button" className="btn" disabled={busy} onClick={() => void run(result.r.hits.length)}>
                  Show {Math.min(PAGE, result.r.total - result.r.hits.length)} more
                </button>
              </div>
            ) : null}
          </>
        ) : (
          <p className="an-muted">Type words to find in the client and therapist interviews. Use the filters to look in some dyads, sessions or roles only.</p>
        )}
      </div>
    </section>
  );
}
