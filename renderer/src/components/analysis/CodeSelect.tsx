import { useMemo } from 'react';
import { useStore } from '../../store';
import { flattenCodes } from '../coding/model/codeList';

/** One code from every codebook, indented by depth, with how often it is applied. */
export function CodeSelect({ value, onChange, label, id, allowNone }: { value: string; onChange(id: string): void; label: string; id: string; allowNone?: string }) {
  const codebooks = useStore((s) => s.codebooks);
  const options = useMemo(() => codebooks.flatMap((b) => flattenCodes(b.codes).map((c) => ({ ...c, book: b.name }))), [codebooks]);
  return (
    <label className="an-field" htmlFor={id}>
      <span className="an-field__label">{label}</span>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allowNone ?? 'Choose a code…'}</option>
        {options.map(({ code, depth, trail, book }) => (
          <option key={code.id} value={code.id} title={`${book}: ${trail.join(' › ')}`}>
            {'\u00a0\u00a0'.repeat(depth)}
            {code.name} ({code.totalCodingCount})
          </option>
        ))}
      </select>
    </label>
  );
}
