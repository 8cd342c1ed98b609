import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { CloseIcon } from './Icons';

/** Messages from the core, errors first of all: every failed call ends up here, in words. */
export function Toasts() {
  const toasts = useStore(useShallow((s) => s.toasts));
  const dismiss = useStore((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <div className="toast__message">{t.message}</div>
          <button type="button" className="icon-btn" aria-label="Dismiss message" onClick={() => dismiss(t.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
