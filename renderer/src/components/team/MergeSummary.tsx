import type { Output } from '../../../../shared/api/contract';
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { MergeCounts } from './MergeCounts';
import { counts } from '../../util/plural';

type Applied = Output<'merge.apply'>;

/** What the merge did, and how to take it back. */
export function MergeSummary({ result, onAnother }: { result: Applied; onAnother(): void }) {
  const undoState = useStore((s) => s.undoState);
  const [undone, setUndone] = useState<string | null>(null);
  const [last, setLast] = useState<{ label: string; canUndo: boolean } | null>(null);
  // Whether merge.undo can still take it back: only while the merge is the latest change.
  useEffect(() => {
    let stale = false;
    useStore
      .getState()
      .lastMerge()
      .then((r) => !stale && setLast(r))
      .catch(() => !stale && setLast(null));
    return () => {
      stale = true;
    };
  }, [undoState, undone]);
  const canUndo = !undone && result.changed && last?.canUndo === true;
  // merge.undo is the ordinary Undo of the merge step (which also removes the interviews, sessions and dyads it
  // added) plus the counts of what went.
  async function undoMerge() {
    try {
      const r = await useStore.getState().undoMerge();
      setUndone(`Undone: ${r.undone}. ${counts([[r.removed.interviews, 'interview'], [r.removed.sessions, 'session'], [r.removed.dyads, 'dyad']])} it added were removed.`);
    } catch (e) {
      useStore.getState().reportError(e, 'Could not undo the merge');
    }
  }
  return (
    <div className="team-card merge-summary" aria-label="Merge summary" role="status">
      <h2 className="team-h2">{result.changed ? 'Merged' : 'Nothing to merge'}</h2>
      <MergeCounts s={result.summary} done />
      <div className="merge-undo">
        {result.changed ? (
          <p>
            This merge is one step you can undo: press <kbd>Ctrl</kbd>+<kbd>Z</kbd> (<kbd>⌘</kbd>+<kbd>Z</kbd> on a Mac) or the undo button
            {result.undoLabel ? ` (“${result.undoLabel}”)` : ''} while it is the latest change.
          </p>
        ) : null}
        {result.backupPath ? (
          <p>
            The project as it was before is backed up at <code className="team-path">{result.backupPath}</code>.
          </p>
        ) : null}
      </div>
      {undone ? <p className="merge-undone">{undone}</p> : null}
      <div className="team-actions">
        <button type="button" className="btn" onClick={onAnother}>
          Merge another file
        </button>
        {canUndo ? (
          <button type="button" className="btn" onClick={() => void undoMerge()}>
            Undo this merge
          </button>
        ) : null}
      </div>
    </div>
  );
}
