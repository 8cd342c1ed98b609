import type { ReactNode } from 'react';
import { DialogFooter } from './DialogFooter';
import { Modal } from './Modal';

interface Props {
  title: string;
  onClose(): void;
  /** The core's refusal, shown in the footer. */
  problem: string | null;
  submitLabel: string;
  /** The primary button is disabled (while saving, or while the form is not yet valid). */
  disabled?: boolean;
  onSubmit(): void;
  /** The narrower spacing of dialogs with many fields (default); false for a dialog of one or two questions. */
  tight?: boolean;
  children: ReactNode;
}

/** A dialog whose body is one form: Enter or the primary button submits it, Cancel or Esc closes it. */
export function FormDialog({ title, onClose, problem, submitLabel, disabled, onSubmit, tight = true, children }: Props) {
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <DialogFooter problem={problem} onCancel={onClose}>
          <button type="button" className="btn btn--primary" disabled={disabled} onClick={onSubmit}>
            {submitLabel}
          </button>
        </DialogFooter>
      }
    >
      <form
        className={tight ? 'form form--tight' : 'form'}
        onSubmit={(e) => {
          e.preventDefault();
          // Enter in a field does what the button does, and nothing while the button is disabled.
          if (!disabled) onSubmit();
        }}
      >
        {children}
      </form>
    </Modal>
  );
}
