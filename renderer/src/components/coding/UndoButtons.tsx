import { useStore } from '../../store';
import { RedoIcon, UndoIcon } from './icons';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Undo and Redo, saying what they would undo or redo ("Undo Merge 'Shame' into 'Embarrassment'"). */
export function UndoButtons() {
  const state = useStore((s) => s.undoState);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  const undoLabel = state.canUndo && state.undoLabel ? `Undo ${state.undoLabel}` : 'Nothing to undo';
  const redoLabel = state.canRedo && state.redoLabel ? `Redo ${state.redoLabel}` : 'Nothing to redo';
  return (
    <div className="undo-btns" role="group" aria-label="Undo and redo">
      <button type="button" className="icon-btn" aria-label={undoLabel} title={`${undoLabel} (${mac ? '⌘Z' : 'Ctrl+Z'})`} disabled={!state.canUndo} onClick={() => void undo()}>
        <UndoIcon />
      </button>
      <button type="button" className="icon-btn" aria-label={redoLabel} title={`${redoLabel} (${mac ? '⇧⌘Z' : 'Ctrl+Y'})`} disabled={!state.canRedo} onClick={() => void redo()}>
        <RedoIcon />
      </button>
    </div>
  );
}
