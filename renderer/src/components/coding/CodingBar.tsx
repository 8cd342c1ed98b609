import type { SessionDetail } from '../../model/types';
import { useStore } from '../../store';
import { dyadTitle } from '../../util/names';
import { MemoButton } from '../memos/MemoButton';
import { CoderFilterMenu } from './CoderFilterMenu';
import { CoderMenu } from './CoderMenu';
import { PanelIcon } from './icons';
import { UndoButtons } from './UndoButtons';

/** The coding toolbar under the view header: who codes, whose codings show, undo/redo, session memo, codebook. */
export function CodingBar({ detail }: { detail: SessionDetail }) {
  const panelOpen = useStore((s) => s.panelOpen);
  const setPanelOpen = useStore((s) => s.setPanelOpen);
  const where = `${dyadTitle(detail.dyad.name)}, session ${detail.session.number}`;
  return (
    <div className="coding-bar" role="toolbar" aria-label="Coding">
      <CoderMenu />
      <CoderFilterMenu />
      <span className="coding-bar__hint">Select text, then press a code's key or <kbd>Ctrl</kbd>+<kbd>K</kbd></span>
      <span className="coding-bar__spacer" />
      <UndoButtons />
      <MemoButton kind="session" id={detail.session.id} label={where} className="btn btn--small memo-btn" />
      <button type="button" className="btn btn--small" aria-pressed={panelOpen} onClick={() => setPanelOpen(!panelOpen)} title={panelOpen ? 'Hide the codebook' : 'Show the codebook'}>
        <PanelIcon size={13} /> Codebook
      </button>
    </div>
  );
}
