import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import type { AgreementQuery } from '../../store/teamSlice';
import { AgreementForm } from './AgreementForm';
import { AgreementTable } from './AgreementTable';
import { ConsensusList } from './ConsensusList';
import { ConsensusPanel } from './ConsensusPanel';
import { DisagreementList } from './DisagreementList';
import { downloadBase64 } from './format';
import { useJobProgress } from '../common/useJobProgress';


const UNIT_WORDS = { char: 'character', turn: 'speaker turn', moment: 'recall moment' } as const;

/** Inter-coder agreement per code, the passages behind each disagreement, and a consensus coder built from it. */
export function AgreementPage() {
  const query = useStore((s) => s.agreementQuery);
  const report = useStore((s) => s.agreementReport);
  const setAgreement = useStore((s) => s.setAgreement);
  const disagreementsOf = useStore((s) => s.disagreementsOf);
  const showDisagreements = useStore((s) => s.showDisagreements);
  const consensusCoderId = useStore((s) => s.consensusCoderId);
  const showConsensus = useStore((s) => s.showConsensus);
  const reportError = useStore((s) => s.reportError);
  const jobs = useJobProgress();
  const running = jobs.running;
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    void useStore.getState().refreshCoders();
    void useStore.getState().refreshCodebooks();
  }, []);

  async function run(q: AgreementQuery) {
    const job = useStore.getState().runAgreement(q, jobs.onProgress);
    jobs.begin('Comparing the coders…', job.cancel);
    showDisagreements(null);
    try {
      setAgreement(q, await job.result);
    } catch (e) {
      reportError(e, 'Could not compute the agreement');
    } finally {
      jobs.end();
    }
  }

  async function exportAs(format: 'csv' | 'xlsx' | 'docx') {
    if (!query) return;
    const job = useStore.getState().exportAgreement({ ...query, format }, jobs.onProgress);
    jobs.begin(`Writing the ${format.toUpperCase()} file…`, job.cancel);
    try {
      const r = await job.result;
      if (r.dataBase64) downloadBase64(r.dataBase64, r.fileName, r.mimeType);
      setExported(r.path ? `Written to ${r.path}` : `Downloaded ${r.fileName}`);
    } catch (e) {
      reportError(e, `Could not export the agreement report as ${format.toUpperCase()}`);
    } finally {
      jobs.end();
    }
  }

  async function buildConsensus() {
    if (!query || !report) return;
    try {
      const r = await useStore.getState().buildConsensus(query);
      useStore
        .getState()
        .notify('success', `Consensus coder “${r.coder.name}”: ${r.added} agreed codings added${r.alreadyThere ? `, ${r.alreadyThere} already there` : ''}; ${r.pending} disagreements to settle.`);
      showConsensus(r.coder.id);
    } catch (e) {
      reportError(e, 'Could not build the consensus');
    }
  }

  const openCode = disagreementsOf === null ? null : disagreementsOf === 'all' ? 'any code' : (report?.codes.find((c) => c.codeId === disagreementsOf)?.path ?? 'this code');
  const names = report?.coders.map((c) => c.name) ?? [];

  return (
    <section className="page team-page" aria-label="Agreement">
      <header className="page__header">
        <div>
          <h1>Agreement</h1>
          <p className="page__sub">How far coders agree, code by code: percent agreement, Cohen’s kappa and Krippendorff’s alpha, and the passages where they differ.</p>
        </div>
      </header>

      <AgreementForm initial={query} busy={running !== null} onRun={(q) => void run(q)} />
      <ConsensusList />

      {running ? (
        <div className="team-card" aria-live="polite">
          {jobs.progress}
        </div>
      ) : null}

      {report && query ? (
        <div className="team-card agreement-report" aria-label="Agreement report">
          <header className="team-card__head">
            <div>
              <h2 className="team-h2">{report.title}</h2>
              <p className="team-muted">
                {names.join(' and ')} · by {UNIT_WORDS[report.unit]} · {report.interviews.compared} interview{report.interviews.compared === 1 ? '' : 's'} compared
              </p>
            </div>
            <div className="team-actions" role="group" aria-label="Export the report">
              {(['csv', 'xlsx', 'docx'] as const).map((f) => (
                <button key={f} type="button" className="btn btn--small" disabled={running !== null} onClick={() => void exportAs(f)}>
                  {f.toUpperCase()}
                </button>
              ))}
            </div>
          </header>
          {exported ? <p className="team-muted">{exported}</p> : null}
          {report.codes.length === 0 ? (
            <p className="team-muted">None of these coders applied a code in the interviews compared.</p>
          ) : (
            <AgreementTable report={report} onDisagreements={(id) => showDisagreements(id)} />
          )}
          {report.interviews.leftOut.length ? (
            <details className="agreement-leftout">
              <summary>
                {report.interviews.leftOut.length} interview{report.interviews.leftOut.length === 1 ? '' : 's'} left out: not coded by every coder compared
              </summary>
              <ul>
                {report.interviews.leftOut.map((i) => (
                  <li key={i.id}>
                    Dyad {i.dyad}, session {i.session}, {i.role} ({i.sourceName}){i.coders.length ? ` — coded only by ${i.coders.join(', ')}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className="agreement-howto">
            <h3 className="team-h3">How to read this</h3>
            <ul>
              <li>
                “—” in the table means the figure is undefined: every unit has the same value (e.g. nobody applied the code in what was compared).
              </li>
              {report.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </div>
          <div className="team-actions team-actions--left">
            <button type="button" className="btn" onClick={() => void buildConsensus()} title="A new coder holding what the coders agree on; you settle the rest">
              Build consensus of {names.join(' + ')}
            </button>
          </div>
        </div>
      ) : null}

      {query && disagreementsOf !== null && openCode ? <DisagreementList query={query} codeId={disagreementsOf} codeLabel={openCode} onClose={() => showDisagreements(null)} /> : null}
      {consensusCoderId ? <ConsensusPanel coderId={consensusCoderId} onClose={() => showConsensus(null)} /> : null}
    </section>
  );
}
