import type { ReactNode } from 'react';

interface Props {
  problem: string | null;
  onCancel(): void;
  /** "Cancel" unless the dialog's way out says more ("Not now", or "Close" once its work is done). */
  cancelLabel?: string;
  /** The way out is the expected next step (shown as the primary button). */
  cancelPrimary?: boolean;
  children?: ReactNode;
}

/** A dialog's footer: the core's refusal in words (when there is one), Cancel, then the dialog's own action(s). */
export function DialogFooter({ problem, onCancel, cancelLabel = 'Cancel', cancelPrimary = false, children }: Props) {
  return (
    <>
      <div className="modal__footer-msg">
        {problem ? (
          <span className="text-error" role="alert">
            {problem}
          </span>
        ) : null}
      </div>
      <button type="button" className={cancelPrimary ? 'btn btn--primary' : 'btn'} onClick={onCancel}>
        {cancelLabel}
      </button>
      {children}
    </>
  );
}
