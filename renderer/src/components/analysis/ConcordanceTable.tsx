import type { Output } from '../../../../shared/api/contract';

type Code = Output<'analysis.concordance'>['codes'][number];
export type Category = 'both' | 'client-only' | 'therapist-only';

const COLUMNS: { id: Category; key: 'both' | 'clientOnly' | 'therapistOnly'; label: string; help: string; fill: string }[] = [
  { id: 'both', key: 'both', label: 'Both', help: 'Aligned moments where the code is on the client’s and the therapist’s side', fill: 'both' },
  { id: 'client-only', key: 'clientOnly', label: 'Client only', help: 'Aligned moments where only the client’s side has the code', fill: 'client' },
  { id: 'therapist-only', key: 'therapistOnly', label: 'Therapist only', help: 'Aligned moments where only the therapist’s side has the code', fill: 'therapist' },
];

function Bar({ value, max, fill }: { value: number; max: number; fill: string }) {
  return (
    <span className="cc-bar" aria-hidden="true">
      <span className={`cc-bar__fill cc-bar__fill--${fill}`} style={{ width: `${max > 0 ? (value / max) * 100 : 0}%` }} />
    </span>
  );
}

/** Per code, how often client and therapist both recalled it at the same moment, or only one of them did. */
export function ConcordanceTable({ codes, open, onOpen }: { codes: Code[]; open: { codeId: string; category: Category } | null; onOpen(codeId: string, category: Category): void }) {
  const max = Math.max(1, ...codes.map((c) => Math.max(c.both, c.clientOnly, c.therapistOnly)));
  return (
    <table className="an-table cc-table" aria-label="Concordance per code">
      <thead>
        <tr>
          <th scope="col">Code</th>
          {COLUMNS.map((c) => (
            <th key={c.id} scope="col" title={c.help}>
              {c.label}
            </th>
          ))}
          <th scope="col" title="Both ÷ (both + client only + therapist only)">
            Agreement
          </th>
          <th scope="col" className="num" title="Coded moments with no moment of the partner’s interview to pair with">
            Unpaired
          </th>
        </tr>
      </thead>
      <tbody>
        {codes.map((c) => (
          <tr key={c.codeId} data-code-id={c.codeId}>
            <td className="mx-code">{c.codePath}</td>
            {COLUMNS.map((col) => {
              const n = c[col.key];
              const isOpen = open?.codeId === c.codeId && open.category === col.id;
              return (
                <td key={col.id}>
                  <button
                    type="button"
                    className={`cc-cell${isOpen ? ' is-open' : ''}`}
                    disabled={n === 0}
                    aria-pressed={isOpen}
                    aria-label={`${c.codePath}, ${col.label.toLowerCase()}: ${n} moment${n === 1 ? '' : 's'}`}
                    onClick={() => onOpen(c.codeId, col.id)}
                  >
                    <span className="cc-cell__n">{n}</span>
                    <Bar value={n} max={max} fill={col.fill} />
                  </button>
                </td>
              );
            })}
            <td>
              <span className="cc-cell" style={{ cursor: 'default' }}>
                <span className="cc-cell__n">{c.agreement === null ? '—' : `${Math.round(c.agreement * 100)} %`}</span>
                <Bar value={c.agreement ?? 0} max={1} fill="agree" />
              </span>
            </td>
            <td className="num">{c.unpairedClient + c.unpairedTherapist}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
