import { CODE_PALETTE } from '../../../../shared/coding/colors';

/** Colours that stay apart from one another and from the text (the core's palette, colour-blind friendlier). */
const EXTRA = ['#C0392B', '#1F7A8C', '#7D5BA6', '#B7950B', '#5B6B2F', '#6E2C00'];
const SWATCHES = [...CODE_PALETTE, ...EXTRA];

/** A code's colour: a good default palette, or any colour. */
export function ColorPicker({ value, onChange, label = 'Colour' }: { value: string; onChange(c: string): void; label?: string }) {
  const v = value.toUpperCase();
  return (
    <div className="color-picker" role="radiogroup" aria-label={label}>
      {SWATCHES.map((c) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={v === c}
          aria-label={c}
          title={c}
          className={`color-picker__swatch${v === c ? ' is-on' : ''}`}
          style={{ background: c }}
          onClick={() => onChange(c)}
        />
      ))}
      <label className="color-picker__custom" title="Any colour">
        <input type="color" value={/^#[0-9A-F]{6}$/i.test(v) ? v.toLowerCase() : '#888888'} onChange={(e) => onChange(e.target.value.toUpperCase())} aria-label="Any colour" />
        <span>Other…</span>
      </label>
    </div>
  );
}
