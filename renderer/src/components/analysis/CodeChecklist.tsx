import { useMemo } from 'react';
import { useStore } from '../../store';
import { flattenCodes } from '../coding/model/codeList';

/** Every codebook's codes as a tree of checkboxes, with how often each is applied. */
export function CodeChecklist({ value, onChange, label = 'Codes' }: { value: string[]; onChange(ids: string[]): void; label?: string }) {
  const codebooks = useStore((s) => s.codebooks);
  const books = useMemo(() => codebooks.map((b) => ({ book: b, codes: flattenCodes(b.codes) })), [codebooks]);
  const all = books.flatMap((b) => b.codes.map((c) => c.code.id));
  const flip = (id: string) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);

  return (
    <fieldset className="an-group an-codes" aria-label={label}>
      <legend>
        {label}
        <span className="an-codes__tools">
          <button type="button" className="btn btn--quiet btn--small" onClick={() => onChange(all)} disabled={all.length === 0}>
            All
          </button>
          <button type="button" className="btn btn--quiet btn--small" onClick={() => onChange([])} disabled={value.length === 0}>
            None
          </button>
        </span>
      </legend>
      {all.length === 0 ? <p className="an-muted">No codes yet. Create codes in the codebook panel of a session.</p> : null}
      <div className="an-codes__list">
        {books.map(({ book, codes }) => (
          <div key={book.id}>
            {books.length > 1 ? <div className="an-codes__book">{book.name}</div> : null}
            {codes.map(({ code, depth, trail }) => (
              <label key={code.id} className="an-codes__code" style={{ paddingLeft: 4 + depth * 18 }} title={trail.join(' › ')}>
                <input type="checkbox" checked={value.includes(code.id)} onChange={() => flip(code.id)} />
                <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                <span className="an-codes__name">{code.name}</span>
                <span className="an-codes__n" title="Codings of this code and its subcodes">
                  {code.totalCodingCount}
                </span>
              </label>
            ))}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
