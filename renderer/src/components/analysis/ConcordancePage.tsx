import { useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { useStore } from '../../store';
import { ConcordanceDrill } from './ConcordanceDrill';
import { ConcordanceTable, type Category } from './ConcordanceTable';
import { plural } from './format';
import { MatrixView, type MatrixCell } from './MatrixView';
import { openExcerpts } from './openExcerpts';
import { EMPTY_SCOPE, scopeInput, type Scope } from './scope';
import { ScopeFilters } from './ScopeFilters';
import { useRemembered } from './useRemembered';

type Result = Output<'analysis.concordance'>;

/** Client–therapist concordance per code (with the moments behind each number) and the code matrix. */
export function ConcordancePage() {
  const tree = useStore((s) => s.tree);
  const reportError = useStore((s) => s.reportError);
  const notify = useStore((s) => s.notify);
  const readConcordance = useStore((s) => s.readConcordance);
  const exportConcordance = useStore((s) => s.exportConcordance);
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useRemembered<'concordance' | 'matrix'>('concordance.tab', 'concordance');
  const [scope, setScope] = useRemembered<Scope>('concordance.scope', EMPTY_SCOPE);
  const [includeSubcodes, setIncludeSubcodes] = useRemembered('concordance.subcodes', false);
  const [open, setOpen] = useRemembered<{ codeId: string; category: Category } | null>('concordance.open', null);
  const [result, setResult] = useState<Result | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void useStore.getState().refreshCoders();
  }, []);
  const filters = useMemo(() => ({ ...scopeInput({ ...scope, roles: [] }, tree), includeSubcodes }), [scope, tree, includeSubcodes]);
  const matrixFilters = useMemo(() => ({ ...scopeInput(scope, tree), includeSubcodes }), [scope, tree, includeSubcodes]);

  useEffect(() => {
    if (tab !== 'concordance') return;
    let stale = false;
    readConcordance(filters)
      .then((r) => !stale && setResult(r))
      .catch((e) => !stale && reportError(e, 'Could not compute the concordance'));
    return () => {
      stale = true;
    };
  }, [tab, filters, readConcordance, reportError, version]);

  async function save(format: 'csv' | 'xlsx') {
    setSaving(true);
    try {
      const r = await exportConcordance(format, filters);
      if (r) notify('success', `Saved the concordance table to ${r.path ?? r.fileName}.`);
    } catch (e) {
      reportError(e, `Could not export the concordance as .${format}`);
    } finally {
      setSaving(false);
    }
  }

  const codes = result?.codes.filter((c) => c.both + c.clientOnly + c.therapistOnly + c.unpairedClient + c.unpairedTherapist > 0) ?? [];

  return (
    <section className="page an-page" aria-label="Concordance">
      <header className="page__header">
        <div>
          <h1>Concordance and matrix</h1>
          <p className="page__sub">Do client and therapist recall the same theme at the same moment of the session? And where is each code applied?</p>
        </div>
        <button type="button" className="btn btn--small" onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
      </header>
      <div className="an-tabs" role="tablist">
        <button type="button" role="tab" className="an-tab" aria-selected={tab === 'concordance'} onClick={() => setTab('concordance')}>
          Client ↔ therapist concordance
        </button>
        <button type="button" role="tab" className="an-tab" aria-selected={tab === 'matrix'} onClick={() => setTab('matrix')}>
          Code matrix
        </button>
      </div>
      <div className="an-body">
        <ScopeFilters value={scope} onChange={setScope} coders roles={tab === 'matrix'} />
        <label className="an-check">
          <input type="checkbox" checked={includeSubcodes} onChange={(e) => setIncludeSubcodes(e.target.checked)} />
          Count a code’s subcodes as the code
        </label>
        {tab === 'matrix' ? (
          <MatrixView
            filters={matrixFilters}
            onOpen={(cell: MatrixCell) =>
              openExcerpts({
                code: cell.codeId,
                includeSubcodes,
                scope: cell.columns === 'role' ? { ...scope, roles: [cell.key as Scope['roles'][number]] } : { ...scope, dyadIds: [cell.key] },
              })
            }
          />
        ) : result ? (
          <>
            <div className="an-card">
              <p className="an-count">
                {plural(result.sessions, 'session')} · {plural(result.pairedRows, 'aligned moment')} with both sides · moments pair within ±{result.toleranceSeconds} s. Click a number to see its moments.
              </p>
              {codes.length ? (
                <>
                  <ConcordanceTable codes={codes} open={open} onOpen={(codeId, category) => setOpen({ codeId, category })} />
                  <div className="an-actions">
                    <span className="an-muted">Export the table with its totals:</span>
                    <button type="button" className="btn btn--small" disabled={saving} onClick={() => void save('csv')}>
                      CSV (.csv)
                    </button>
                    <button type="button" className="btn btn--small" disabled={saving} onClick={() => void save('xlsx')}>
                      Excel (.xlsx)
                    </button>
                  </div>
                </>
              ) : (
                <p className="an-muted">No code is applied in these sessions yet.</p>
              )}
            </div>
            {open ? <ConcordanceDrill codeId={open.codeId} category={open.category} filters={filters} onClose={() => setOpen(null)} /> : null}
          </>
        ) : (
          <p className="an-muted">Computing…</p>
        )}
      </div>
    </section>
  );
}
