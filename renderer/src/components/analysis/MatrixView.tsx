import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { useStore } from '../../store';
import { useRemembered } from './useRemembered';

type Matrix = Output<'analysis.matrix'>;

/** A matrix cell the researcher opened: its code and its column (a role, or a dyad id). */
export interface MatrixCell {
  codeId: string;
  columns: 'role' | 'dyad';
  key: string;
}

/**
 * Codes × roles or codes × dyads: how many codings, or how many distinct recall moments coded. A number opens the
 * excerpts behind it.
 */
export function MatrixView({ filters, onOpen }: { filters: object; onOpen?: (cell: MatrixCell) => void }) {
  const reportError = useStore((s) => s.reportError);
  const [columns, setColumns] = useRemembered<'role' | 'dyad'>('matrix.columns', 'role');
  const [measure, setMeasure] = useRemembered<'codings' | 'moments'>('matrix.measure', 'codings');
  const [data, setData] = useState<Matrix | null>(null);

  useEffect(() => {
    let stale = false;
    useStore.getState().codeMatrix({ columns, ...filters })
      .then((r) => !stale && setData(r))
      .catch((e) => !stale && reportError(e, 'Could not count the codes'));
    return () => {
      stale = true;
    };
  }, [columns, filters, reportError]);

  const max = Math.max(1, ...(data?.rows.flatMap((r) => r.cells.map((c) => c[measure])) ?? []));
  return (
    <div className="an-card">
      <div className="an-row">
        <div className="chips" role="radiogroup" aria-label="Columns">
          {(['role', 'dyad'] as const).map((c) => (
            <label key={c} className={`chip${columns === c ? ' is-on' : ''}`}>
              <input type="radio" className="chip__box" name="mx-cols" checked={columns === c} onChange={() => setColumns(c)} />
              Code × {c}
            </label>
          ))}
        </div>
        <div className="chips" role="radiogroup" aria-label="Count">
          {(['codings', 'moments'] as const).map((m) => (
            <label key={m} className={`chip${measure === m ? ' is-on' : ''}`} title={m === 'moments' ? 'Distinct recall moments coded (speaker turns where an interview has no session times)' : 'Number of codings'}>
              <input type="radio" className="chip__box" name="mx-measure" checked={measure === m} onChange={() => setMeasure(m)} />
              {m === 'codings' ? 'Codings' : 'Moments coded'}
            </label>
          ))}
        </div>
      </div>
      {data ? (
        data.rows.length === 0 ? (
          <p className="an-muted">No codes yet.</p>
        ) : (
          <table className="an-table cc-table mx-table" aria-label="Code matrix">
            <thead>
              <tr>
                <th scope="col">Code</th>
                {data.columns.map((c) => (
                  <th key={c.key} scope="col" className="num">
                    {columns === 'dyad' ? `Dyad ${c.label}` : c.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.codeId}>
                  <td className="mx-code" style={{ paddingLeft: 10 + r.depth * 16 }} title={r.codePath}>
                    {r.codePath.split(' / ').pop()}
                  </td>
                  {r.cells.map((c, i) => {
                    const column = data.columns[i]!;
                    const heading = columns === 'dyad' ? `dyad ${column.label}` : column.label;
                    return (
                      <td key={i} className="num" style={{ background: c[measure] ? `rgba(29, 92, 168, ${0.06 + (0.3 * c[measure]) / max})` : undefined }}>
                        {c[measure] && onOpen ? (
                          <button
                            type="button"
                            className="mx-num"
                            aria-label={`${r.codePath}, ${heading}: ${c[measure]} ${measure === 'codings' ? 'codings' : 'moments'}, show the excerpts`}
                            onClick={() => onOpen({ codeId: r.codeId, columns, key: column.key })}
                          >
                            {c[measure]}
                          </button>
                        ) : (
                          c[measure] || <span className="an-muted">0</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="num">
                    <strong>{r.total[measure]}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <p className="an-muted">Counting…</p>
      )}
    </div>
  );
}
