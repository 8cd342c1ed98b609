import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import type { CodeNode } from '../../../../shared/coding/types';
import { messageOf } from '../../api/errors';
import { useStore } from '../../store';
import { Modal } from '../common/Modal';
import { DialogFooter } from '../common/DialogFooter';
import { useDialogAction } from '../common/useDialogAction';

const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;

/** Delete a code: the confirmation says how many codings, sub-codes and memos go with it; Undo brings them back. */
export function DeleteDialog({ code, onClose }: { code: CodeNode; onClose(): void }) {
  const [usage, setUsage] = useState<Output<'codes.usage'> | null>(null);
  const { busy, problem, setProblem, run } = useDialogAction();
  useEffect(() => {
    useStore
      .getState()
      .codeUsage(code.id)
      .then(setUsage)
      .catch((e) => setProblem(messageOf(e)));
  }, [code.id]);
  const remove = async () => {
    await run(async () => {
      const s = useStore.getState();
      const r = await s.deleteCode(code.id);
      s.notify('success', `Deleted “${code.name}” with ${n(r.deletedCodings + r.deletedSubCodeCodings, 'coding')}. Undo brings it back.`);
      onClose();
    });
  };
  return (
    <Modal
      title={`Delete “${code.name}”?`}
      onClose={onClose}
      footer={
        <DialogFooter problem={problem} onCancel={onClose}>
          <button type="button" className="btn btn--danger-solid" disabled={!usage || busy} onClick={() => void remove()}>
            Delete code
          </button>
        </DialogFooter>
      }
    >
      {usage ? (
        <div className="confirm-box">
          <p>
            Deleting “{code.name}” also deletes its <strong>{n(usage.codingCount, 'coding')}</strong>
            {usage.subCodeCount ? (
              <>
                , its <strong>{n(usage.subCodeCount, 'sub-code')}</strong> with their <strong>{n(usage.subCodeCodingCount, 'coding')}</strong>
              </>
            ) : null}
            {usage.memoCount ? (
              <>
                {' '}
                and <strong>{n(usage.memoCount, 'memo')}</strong>
              </>
            ) : null}
            .
          </p>
          <p className="muted">Undo (Ctrl+Z) restores the code and everything it carried. To keep the codings under another code, merge it instead.</p>
        </div>
      ) : (
        <p className="muted">Counting what “{code.name}” carries…</p>
      )}
    </Modal>
  );
}
