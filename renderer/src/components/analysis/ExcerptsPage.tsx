import { useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { DEFAULT_ATTRIBUTION_TEMPLATE, parseTemplate, renderAttribution, type ParsedTemplate } from '../../../../shared/export/attribution';
import { useStore } from '../../store';
import { formatTime } from '../../util/time';
import { CodeSelect } from './CodeSelect';
import { plural } from './format';
import { EMPTY_EXCERPTS_QUERY, EXCERPTS_AUTORUN_KEY, EXCERPTS_QUERY_KEY, EXCERPTS_RESULT_KEY, type ExcerptsQuery, type MomentScope, type Op } from './openExcerpts';
import { scopeInput } from './scope';
import { ScopeFilters } from './ScopeFilters';
import { useRemembered } from './useRemembered';

type Result = Output<'analysis.retrieve'>;
type Excerpt = Result['excerpts'][number];
const OPS: { id: Op; label: string }[] = [
  { id: '', label: 'alone' },
  { id: 'and-overlap', label: 'and B, overlapping' },
  { id: 'but-not', label: 'but not B' },
  { id: 'same-moment', label: 'in the same moment as B' },
];
const MOMENT_SCOPES: { id: MomentScope; label: string }[] = [
  { id: 'same-side', label: 'on the same side (same interview)' },
  { id: 'other-side', label: 'on the other side (the partner’s interview)' },
  { id: 'either-side', label: 'on either side' },
];
const PAGE = 200;
/** Context reads as a lead-in, not as a page: blank lines between turns are closed up. */
const tight = (s: string) => s.replace(/\n{2,}/gu, '\n');

/** B's codings in the partner's interview: what "same moment, other side" found beside A's excerpt. */
const partnerCodings = (x: Excerpt) => x.codings.filter((c) => c.of === 'other' && c.interviewId !== x.interviewId);

/** The partner's passage of the same moment, beside A's excerpt (nothing when B is on A's own side). */
function PartnerPassage({ x, onOpen }: { x: Excerpt; onOpen(c: Excerpt['codings'][number]): void }) {
  // The same words coded by several coders (or with several codes) are one passage naming them all.
  const partner: { first: Excerpt['codings'][number]; codes: string[]; coders: string[] }[] = [];
  for (const c of partnerCodings(x)) {
    const same = partner.find((p) => p.first.interviewId === c.interviewId && p.first.start === c.start && p.first.end === c.end);
    if (!same) partner.push({ first: c, codes: [c.codePath], coders: [c.coderName] });
    else {
      if (!same.codes.includes(c.codePath)) same.codes.push(c.codePath);
      if (!same.coders.includes(c.coderName)) same.coders.push(c.coderName);
    }
  }
  if (!partner.length) return null;
  const role = x.role === 'client' ? 'Therapist' : x.role === 'therapist' ? 'Client' : 'Partner';
  return (
    <div className={`an-partner an-partner--${role.toLowerCase()}`} aria-label={`${role}’s side, same moment`}>
      <span className="an-hit__where">
        <span>{role}’s side, same moment</span>
      </span>
      {partner.map(({ first, codes, coders }) => (
        <button key={first.id} type="button" className="an-partner__passage" title="Open this passage in its session" onClick={() => onOpen(first)}>
          <mark>{first.text}</mark>
          <span className="an-excerpt__coders">
            {codes.join('; ')}, coded by {coders.join(', ')}
          </span>
        </button>
      ))}
    </div>
  );
}

/** The excerpts of a code, alone or combined with another, with context, attribution and a way to their passage. */
export function ExcerptsPage() {
  const tree = useStore((s) => s.tree);
  const reportError = useStore((s) => s.reportError);
  const jumpTo = useStore((s) => s.jumpTo);
  const [q, setQ] = useRemembered<ExcerptsQuery>(EXCERPTS_QUERY_KEY, EMPTY_EXCERPTS_QUERY);
  const [result, setResult] = useRemembered<Result | null>(EXCERPTS_RESULT_KEY, null);
  const [busy, setBusy] = useState(false);
  const [template, setTemplate] = useState<ParsedTemplate>(() => parseTemplate(DEFAULT_ATTRIBUTION_TEMPLATE));

  useEffect(() => {
    void useStore.getState().refreshCodebooks();
    void useStore.getState().refreshCoders();
    // Excerpts read as they will in an export: with the project's own attribution.
    useStore.getState().exportSettings()
      .then((s) => setTemplate(parseTemplate(s.attributionTemplate)))
      .catch(() => {});
  }, []);

  const combined = q.op !== '' && q.other !== '';
  async function run(offset = 0) {
    if (!q.code) return;
    setBusy(true);
    try {
      const r = await useStore.getState().retrieveExcerpts({
        code: q.code,
        ...(combined ? { combine: { op: q.op as Exclude<Op, ''>, other: q.other }, sameMomentScope: q.momentScope } : {}),
        ...scopeInput(q.scope, tree),
        includeSubcodes: q.includeSubcodes,
        contextChars: 160,
        limit: PAGE,
        offset,
      });
      setResult((prev) => (offset > 0 && prev ? { ...r, excerpts: [...prev.excerpts, ...r.excerpts] } : r));
    } catch (e) {
      reportError(e, 'Could not retrieve the excerpts');
    } finally {
      setBusy(false);
    }
  }

  // Sent here from a matrix cell: show its excerpts without a second click.
  useEffect(() => {
    const s = useStore.getState();
    if (s.analysisMemory[EXCERPTS_AUTORUN_KEY] !== true) return;
    s.remember(EXCERPTS_AUTORUN_KEY, false);
    void run();
    // Only on arrival: the query in the store is the one the other page set.
  }, []);

  const attrs = useMemo(() => new Map(tree.map((d) => [d.id, d.attributes])), [tree]);
  const attribution = (x: Excerpt) =>
    renderAttribution(template, {
      role: x.role,
      dyad: x.dyadName,
      session: String(x.sessionNumber),
      sessionTime: formatTime(x.sessionTime),
      interviewTime: formatTime(x.interviewTime),
      speaker: x.speaker,
      coder: x.coders.join(', '),
      attributes: attrs.get(x.dyadId) ?? {},
    });

  return (
    <section className="page an-page" aria-label="Excerpts">
      <header className="page__header">
        <div>
          <h1>Excerpts</h1>
          <p className="page__sub">Everything coded with a code, alone or combined with a second one, with its context and where it comes from.</p>
        </div>
      </header>
      <div className="an-toolbar">
        <form
          aria-label="Which excerpts"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <div className="an-row">
            <CodeSelect id="ex-code-a" label="Code A" value={q.code} onChange={(code) => setQ({ ...q, code })} />
            <label className="an-field" htmlFor="ex-op">
              <span className="an-field__label">Combined</span>
              <select id="ex-op" className="input" value={q.op} onChange={(e) => setQ({ ...q, op: e.target.value as Op })}>
                {OPS.map((o) => (
                  <option key={o.id} value={o.id}>
                    A {o.label}
                  </option>
                ))}
              </select>
            </label>
            {q.op ? <CodeSelect id="ex-code-b" label="Code B" value={q.other} onChange={(other) => setQ({ ...q, other })} /> : null}
            {q.op === 'same-moment' ? (
              <label className="an-field" htmlFor="ex-moment-scope">
                <span className="an-field__label">B coded</span>
                <select id="ex-moment-scope" className="input" value={q.momentScope} onChange={(e) => setQ({ ...q, momentScope: e.target.value as MomentScope })}>
                  {MOMENT_SCOPES.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label className="an-check">
              <input type="checkbox" checked={q.includeSubcodes} onChange={(e) => setQ({ ...q, includeSubcodes: e.target.checked })} />
              with subcodes
            </label>
            <div className="an-field">
              <button type="submit" className="btn btn--primary" disabled={!q.code || (q.op !== '' && !q.other) || busy}>
                Show excerpts
              </button>
            </div>
          </div>
          <ScopeFilters value={q.scope} onChange={(scope) => setQ({ ...q, scope })} roles coders />
        </form>
      </div>
      <div className="an-body" aria-busy={busy}>
        {result ? (
          <>
            <p className="an-count" role="status">
              {plural(result.total, 'excerpt')} of {result.code.path}
              {result.other ? ` ${OPS.find((o) => o.id === q.op)?.label.replace('B', result.other.path) ?? ''}` : ''}
              {result.total > result.excerpts.length ? ` — showing ${result.excerpts.length}` : ''}
            </p>
            <ol className="an-results" aria-label="Excerpts">
              {result.excerpts.map((x, i) => (
                <li key={`${x.interviewId}:${x.start}:${i}`} className={partnerCodings(x).length ? 'an-pair' : undefined}>
                  <button type="button" className={`an-hit an-hit--${x.role}`} title="Open this passage in its session" onClick={() => void jumpTo({ sessionId: x.sessionId, interviewId: x.interviewId, start: x.start, end: x.end })}>
                    <span className="an-hit__where">
                      <span>{x.codePath}</span>
                      <span className="an-excerpt__coders">coded by {x.coders.join(', ')}</span>
                    </span>
                    <span className="an-hit__text">
                      {x.before ? <span className="an-ctx">…{tight(x.before)}</span> : null}
                      <mark>{x.text}</mark>
                      {x.after ? <span className="an-ctx">{tight(x.after)}…</span> : null}
                    </span>
                    <span className="an-excerpt__attr">{attribution(x)}</span>
                    {x.memos.map((m, k) => (
                      <span key={k} className="an-excerpt__memo" aria-label="Memo on this coding">
                        <span className="an-excerpt__memo-tag">Memo</span> {m.title ? <b>{m.title}: </b> : null}
                        {m.text}
                        {m.coderName ? <span className="an-excerpt__coders"> ({m.coderName})</span> : null}
                      </span>
                    ))}
                  </button>
                  <PartnerPassage x={x} onOpen={(c) => void jumpTo({ sessionId: x.sessionId, interviewId: c.interviewId, start: c.start, end: c.end })} />
                </li>
              ))}
            </ol>
            {result.total > result.excerpts.length ? (
              <div className="an-actions">
                <button type="button" className="btn" disabled={busy} onClick={() => void run(result.excerpts.length)}>
                  Show more
                </button>
              </div>
            ) : null}
          </>
        ) : (
          <p className="an-muted">Choose a code and show its excerpts. Combine it with a second code to see where they meet, or where one is without the other.</p>
        )}
      </div>
    </section>
  );
}
