import type { PendingLink } from '../../store/types';

/** While a hand-drawn link is half made, say what was chosen and what to do next. */
export function LinkBanner({ link, onCancel }: { link: PendingLink; onCancel: () => void }) {
  const other = link.side === 'client' ? 'therapist' : 'client';
  return (
    <div className="link-banner" role="status">
      <span>
        Linking the {link.side} passage <strong>{link.label}</strong>: choose <strong>Link here</strong> on a {other} passage.
      </span>
      <button type="button" className="btn btn--small" onClick={onCancel}>
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  );
}
