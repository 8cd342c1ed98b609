export interface DeidRow {
  name: string;
  replacement: string;
}

/** Names to replace in everything exported (never in the project's transcripts), one row per name. */
export function DeidentifyEditor({ rows, onChange }: { rows: DeidRow[]; onChange(rows: DeidRow[]): void }) {
  const update = (i: number, patch: Partial<DeidRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="ex-deid">
      {rows.length ? (
        <table className="an-table ex-deid__table">
          <thead>
            <tr>
              <th scope="col">Name in the transcripts</th>
              <th scope="col">Replaced by</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input className="input" aria-label={`Name ${i + 1}`} value={r.name} placeholder="e.g. Anna Berg" onChange={(e) => update(i, { name: e.target.value })} />
                </td>
                <td>
                  <input className="input" aria-label={`Replacement ${i + 1}`} value={r.replacement} placeholder="e.g. [client]" onChange={(e) => update(i, { replacement: e.target.value })} />
                </td>
                <td>
                  <button type="button" className="btn btn--quiet btn--small" aria-label={`Remove ${r.name || `row ${i + 1}`}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="an-muted">No names listed: exported text is written as transcribed.</p>
      )}
      <button type="button" className="btn btn--small" onClick={() => onChange([...rows, { name: '', replacement: '' }])}>
        Add a name
      </button>
    </div>
  );
}
