import type { AgreementReport } from '../../store/teamSlice';
import { fixed, percent, UNDEFINED_HELP } from './format';

function Figure({ v, kind }: { v: number | null; kind: 'percent' | 'coef' }) {
  const undefinedValue = v === null || Number.isNaN(v);
  return (
    <td className={`num${undefinedValue ? ' num--undefined' : ''}`} title={undefinedValue ? UNDEFINED_HELP : undefined}>
      {kind === 'percent' ? percent(v) : fixed(v, 2)}
    </td>
  );
}

/** One row per code and the overall row; a code's disagreement count opens the passages. */
export function AgreementTable({ report, onDisagreements }: { report: AgreementReport; onDisagreements(codeId: string | 'all'): void }) {
  const two = report.coders.length === 2;
  const unitWord = { char: 'characters', turn: 'turns', moment: 'moments' }[report.unit];
  return (
    <table className="agreement-table">
      <caption className="visually-hidden">Agreement per code between {report.coders.map((c) => c.name).join(', ')}</caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col" className="num" title="Share of units on which the coders agree (coded by all, or by none)">
            Agreement
          </th>
          {two ? (
            <th scope="col" className="num" title="Cohen's kappa: agreement corrected for chance, for two coders">
              Cohen’s κ
            </th>
          ) : null}
          <th scope="col" className="num" title="Krippendorff's alpha (nominal): agreement corrected for chance, any number of coders">
            Krippendorff’s α
          </th>
          <th scope="col" className="num" title={`Units compared (${unitWord})`}>
            Units
          </th>
          <th scope="col" className="num" title="Passages where the coders differ">
            Disagreements
          </th>
          {report.coders.map((c) => (
            <th key={c.id} scope="col" className="num" title={`Codings by ${c.name}`}>
              {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.codes.map((c) => (
          <tr key={c.codeId} data-code-id={c.codeId}>
            <th scope="row" className="agreement-table__code">
              <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
              {c.path}
            </th>
            <Figure v={c.percent} kind="percent" />
            {two ? <Figure v={c.kappa} kind="coef" /> : null}
            <Figure v={c.alpha} kind="coef" />
            <td className="num">{c.units.toLocaleString()}</td>
            <td className="num">
              {c.disagreements > 0 ? (
                <button type="button" className="linkish" onClick={() => onDisagreements(c.codeId)} title={`Show where the coders differ on ${c.path}`}>
                  {c.disagreements.toLocaleString()}
                </button>
              ) : (
                '0'
              )}
            </td>
            {c.codings.map((n, i) => (
              <td key={i} className="num num--muted">
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="agreement-table__overall">
          <th scope="row">Overall (pooled over codes)</th>
          <Figure v={report.overall.percent} kind="percent" />
          {two ? <Figure v={report.overall.kappa} kind="coef" /> : null}
          <Figure v={report.overall.alpha} kind="coef" />
          <td className="num">{report.overall.units.toLocaleString()}</td>
          <td className="num">
            {report.overall.disagreements > 0 ? (
              <button type="button" className="linkish" onClick={() => onDisagreements('all')}>
                {report.overall.disagreements.toLocaleString()}
              </button>
            ) : (
              '0'
            )}
          </td>
          {report.coders.map((c) => (
            <td key={c.id} className="num num--muted">
              {report.codes.reduce((n, x) => n + (x.codings[report.coders.indexOf(c)] ?? 0), 0)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
