import type { AlignedSide } from '../../model/types';
import { useStore } from '../../store';
import { TagIcon } from './icons';
import { momentTarget } from './targets';

/** "Code moment" in a cell's hover toolbar: codes the whole recall moment (also the M key). */
export function MomentControl({ unit }: { unit: AlignedSide }) {
  const openPalette = useStore((s) => s.openPalette);
  return (
    <button
      type="button"
      className="moment-btn"
      title="Code this whole recall moment (M)"
      aria-label={`Code the whole recall moment ${unit.label}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        const t = momentTarget(unit);
        if (t) openPalette(t.target, t.label);
      }}
    >
      <TagIcon size={12} />
    </button>
  );
}
