import type { Output } from '../../../../shared/api/contract';
import { concordanceTotals, MOMENTS_CODED_NOTE, SHARE_NOTE, shareOnBothSides, UNPAIRED_NOTE } from '../../../../shared/export/concordance';

type Code = Output<'analysis.concordance'>['codes'][number];
export type Category = 'both' | 'client-only' | 'therapist-only';

const COLUMNS: { id: Category; key: 'both' | 'clientOnly' | 'therapistOnly'; label: string; fill: string }[] = [
  { id: 'both', key: 'both', label: 'Both sides', fill: 'both' },
  { id: 'client-only', key: 'clientOnly', label: 'Client only', fill: 'client' },
  { id: 'therapist-only', key: 'therapistOnly', label: 'Therapist only', fill: 'therapist' },
];

function Bar({ value, max, fill }: { value: number; max: number; fill: string }) {
  return (
    <span className="cc-bar" aria-hidden="true">
      <span className={`cc-bar__fill cc-bar__fill--${fill}`} style={{ width: `${max > 0 ? (value / max) * 100 : 0}%` }} />
    </span>
  );
}

const shareText = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

/**
 * Per code, on how many moments client and therapist both recalled it, or only one of them did, with the codes'
 * totals and, under the table, the one definition of a moment coded.
 */
export function ConcordanceTable({ codes, open, onOpen }: { codes: Code[]; open: { codeId: string; category: Category } | null; onOpen(codeId: string, category: Category): void }) {
  const max = Math.max(1, ...codes.map((c) => Math.max(c.both, c.clientOnly, c.therapistOnly)));
  const total = concordanceTotals(codes);
  const totalShare = shareOnBothSides(total);
  return (
    <>
      <table className="an-table cc-table" aria-label="Concordance per code" aria-describedby="cc-moments-coded">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Code
            </th>
            <th scope="colgroup" colSpan={3} className="cc-group">
              Moments coded
            </th>
            <th scope="col" rowSpan={2} title={SHARE_NOTE}>
              Share on both sides
            </th>
            <th scope="col" rowSpan={2} className="num" title={UNPAIRED_NOTE}>
              Unpaired
            </th>
          </tr>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.id} scope="col">
                {c.label}
              </th>
            ))}
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
                <span className="cc-cell cc-cell--still">
                  <span className="cc-cell__n">{shareText(c.agreement)}</span>
                  <Bar value={c.agreement ?? 0} max={1} fill="agree" />
                </span>
              </td>
              <td className="num">{c.unpairedClient + c.unpairedTherapist}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="cc-total">
            <th scope="row">All codes</th>
            {COLUMNS.map((col) => (
              <td key={col.id}>
                <span className="cc-cell cc-cell--still">
                  <span className="cc-cell__n">{total[col.key]}</span>
                </span>
              </td>
            ))}
            <td>
              <span className="cc-cell cc-cell--still">
                <span className="cc-cell__n">{shareText(totalShare)}</span>
              </span>
            </td>
            <td className="num">{total.unpairedClient + total.unpairedTherapist}</td>
          </tr>
        </tfoot>
      </table>
      <p id="cc-moments-coded" className="an-muted cc-caption">
        {MOMENTS_CODED_NOTE} {SHARE_NOTE} {UNPAIRED_NOTE}
      </p>
    </>
  );
}
