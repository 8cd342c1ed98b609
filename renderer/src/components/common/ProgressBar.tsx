interface Props {
  done: number;
  total: number;
  message: string;
  onCancel?: () => void;
  cancelLabel?: string;
}

/** Determinate when the core says how much there is; otherwise an honest "working" bar. */
export function ProgressBar({ done, total, message, onCancel, cancelLabel = 'Cancel' }: Props) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress" role="group" aria-label="Progress">
      <div className="progress__text">
        <span>{message}</span>
        {pct !== null ? <span className="progress__count">{`${done} of ${total}`}</span> : null}
      </div>
      <div className="progress__row">
        <div
          className={`progress__track${pct === null ? ' progress__track--busy' : ''}`}
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
          aria-valuetext={message}
        >
          <div className="progress__fill" style={{ width: pct === null ? '30%' : `${pct}%` }} />
        </div>
        {onCancel ? (
          <button type="button" className="btn btn--small" onClick={onCancel}>
            {cancelLabel}
          </button>
        ) : null}
      </div>
    </div>
  );
}
