import type { ReactNode } from 'react';

/** A dialog's footer: the core's refusal in words (when there is one), Cancel, then the dialog's own action(s). */
export function DialogFooter({ problem, onCancel, children }: { problem: string | null; onCancel(): void; children: ReactNode }) {
  return (
    <>
      <div className="modal__footer-msg">
        {problem ? (
          <span className="text-error" role="alert">
            {problem}
          </span>
        ) : null}
      </div>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      {children}
    </>
  );
}
