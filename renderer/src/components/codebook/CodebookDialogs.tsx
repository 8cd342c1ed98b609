import { useEffect, useRef, useState } from 'react';
import type { CodebookTree } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { Modal } from '../common/Modal';
import { FormDialog } from '../common/FormDialog';
import { DialogFooter } from '../common/DialogFooter';
import { useDialogAction } from '../common/useDialogAction';

const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;

/** Name a new codebook, or rename one: names are unique in the project (the core says so when they clash). */
export function CodebookNameDialog({ book, onClose }: { book: CodebookTree | null; onClose(): void }) {
  const [name, setName] = useState(book?.name ?? '');
  const { busy, problem, run } = useDialogAction();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
  }, []);
  const save = async () => {
    if (!name.trim()) return;
    await run(async () => {
      const s = useStore.getState();
      if (book) await s.renameCodebook(book.id, name.trim());
      // A new codebook is the one the researcher goes on to fill.
      else s.setCodebookId((await s.addCodebook(name.trim())).id);
      onClose();
    });
  };
  return (
    <FormDialog
      title={book ? `Rename codebook “${book.name}”` : 'New codebook'}
      onClose={onClose}
      problem={problem}
      submitLabel={book ? 'Rename' : 'Create codebook'}
      disabled={busy || !name.trim()}
      onSubmit={() => void save()}
    >
      <label className="form__field">
        <span className="form__label">Name of the codebook</span>
        <input ref={input} className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      {book ? null : <p className="form__help">A project can hold several codebooks, e.g. one per research question or one brought in from another study. The panel shows one at a time.</p>}
    </FormDialog>
  );
}

/** Delete a codebook with its codes and their codings: the confirmation counts them; Undo brings them back. */
export function CodebookDeleteDialog({ book, onClose }: { book: CodebookTree; onClose(): void }) {
  const { busy, problem, run } = useDialogAction();
  const remove = async () => {
    await run(async () => {
      const s = useStore.getState();
      const r = await s.deleteCodebook(book.id);
      s.notify('success', `Deleted the codebook “${book.name}” with ${n(r.deletedCodes, 'code')} and ${n(r.deletedCodings, 'coding')}. Undo brings it back.`);
      onClose();
    });
  };
  return (
    <Modal
      title={`Delete the codebook “${book.name}”?`}
      onClose={onClose}
      footer={
        <DialogFooter problem={problem} onCancel={onClose}>
          <button type="button" className="btn btn--danger-solid" disabled={busy} onClick={() => void remove()}>
            Delete codebook
          </button>
        </DialogFooter>
      }
    >
      <div className="confirm-box">
        <p>
          Deleting “{book.name}” also deletes its <strong>{n(book.codeCount, 'code')}</strong> and their <strong>{n(book.codingCount, 'coding')}</strong>, with
          the memos on them. The transcripts stay as they are.
        </p>
        <p className="muted">Undo (Ctrl+Z) brings all of it back.</p>
      </div>
    </Modal>
  );
}
