import { useEffect, useMemo, useState } from 'react';
import { MEMO_TARGET_KINDS, type Memo, type MemoTargetKind } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { formatDateTime } from '../../util/dates';
import { SearchIcon } from '../common/Icons';
import { jumpToMemo } from './jump';

const KIND_LABEL: Record<MemoTargetKind, string> = {
  project: 'Project',
  code: 'Code',
  coding: 'Coding',
  interview: 'Interview',
  session: 'Session',
  dyad: 'Dyad',
};

/** Every memo of the project, newest first: search, filter by what they are on, and go to each one's place. */
export function MemosPage() {
  const all = useStore((s) => s.memos);
  const loaded = useStore((s) => s.memosLoaded);
  const openMemos = useStore((s) => s.openMemos);
  const reportError = useStore((s) => s.reportError);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MemoTargetKind | null>(null);
  const [found, setFound] = useState<Memo[] | null>(null);

  useEffect(() => {
    void useStore.getState().refreshMemos();
  }, []);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setFound(null);
      return;
    }
    let stale = false;
    const id = setTimeout(() => {
      useStore.getState().searchMemos({ query: q, targetKind: kind })
        .then((r) => !stale && setFound(r))
        .catch((e) => !stale && reportError(e, 'Could not search the memos'));
    }, 200);
    return () => {
      stale = true;
      clearTimeout(id);
    };
  }, [query, kind, all, reportError]);

  const shown = useMemo(() => found ?? all.filter((m) => kind === null || m.targetKind === kind), [found, all, kind]);
  const counts = useMemo(() => {
    const c = new Map<MemoTargetKind, number>();
    for (const m of all) c.set(m.targetKind, (c.get(m.targetKind) ?? 0) + 1);
    return c;
  }, [all]);

  return (
    <section className="page memos-page" aria-label="Memos">
      <header className="page__header">
        <div>
          <h1>Memos</h1>
          <p className="page__sub">Notes on codes, codings, interviews, sessions and dyads, newest first.</p>
        </div>
        <button type="button" className="btn" onClick={() => openMemos({ kind: 'project', id: null, label: 'the project' })}>
          New project memo
        </button>
      </header>
      <div className="memos-page__tools">
        <label className="find__field memos-page__search">
          <SearchIcon size={13} />
          <input type="search" className="find__input" placeholder="Search memos" aria-label="Search memos" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <div className="chips" role="group" aria-label="Show memos on">
          <button type="button" className={`chip${kind === null ? ' is-on' : ''}`} aria-pressed={kind === null} onClick={() => setKind(null)}>
            All <span className="chip__n">{all.length}</span>
          </button>
          {MEMO_TARGET_KINDS.map((k) => (
            <button key={k} type="button" className={`chip${kind === k ? ' is-on' : ''}`} aria-pressed={kind === k} onClick={() => setKind(kind === k ? null : k)}>
              {KIND_LABEL[k]}s <span className="chip__n">{counts.get(k) ?? 0}</span>
            </button>
          ))}
        </div>
      </div>
      <div className="memos-page__list">
        {loaded && shown.length === 0 ? (
          <p className="empty empty--inline">
            {query.trim() ? `No memo contains “${query.trim()}”.` : all.length ? 'No memos of this kind.' : 'No memos yet. Write one from a code, a coding, a column header, the session header or a dyad.'}
          </p>
        ) : null}
        <ul className="memo-cards">
          {shown.map((m) => (
            <li key={m.id} className="memo-card" data-memo-id={m.id} data-kind={m.targetKind}>
              <div className="memo-card__head">
                <span className={`kind kind--${m.targetKind}`}>{KIND_LABEL[m.targetKind]}</span>
                <span className="memo-card__target">{m.targetLabel}</span>
                <span className="memo-card__when">
                  {m.coderName ? `${m.coderName} · ` : ''}
                  {formatDateTime(m.updatedAt)}
                </span>
              </div>
              <h2 className="memo-card__title">{m.title || 'Untitled memo'}</h2>
              {m.text ? <p className="memo-card__text">{m.text.length > 320 ? `${m.text.slice(0, 319)}…` : m.text}</p> : null}
              <div className="memo-card__actions">
                <button type="button" className="btn btn--small" onClick={() => void jumpToMemo(m)}>
                  {m.targetKind === 'project' ? 'Open' : `Go to ${KIND_LABEL[m.targetKind].toLowerCase()}`}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
