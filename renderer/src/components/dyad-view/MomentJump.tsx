import { useState } from 'react';
import { parseTime } from '../../../../shared/import/time';
import type { RowModel } from '../../model/rows';
import { formatTime } from '../../util/time';

/**
 * The row to show for a session time: the moment nearest to it, by the row's time or either side's own (a pair
 * stopped at 27:05 and 27:10 is what "27:06" means); the earlier row on a tie. -1 when no row has a time.
 */
function rowAtTime(rows: readonly RowModel[], seconds: number): number {
  let best = -1;
  let bestDistance = Infinity;
  rows.forEach((r, i) => {
    const times = [r.row.sessionTime, r.row.client?.sessionTime ?? null, r.row.therapist?.sessionTime ?? null].filter((t): t is number => t !== null);
    if (!times.length) return;
    const d = Math.min(...times.map((t) => Math.abs(t - seconds)));
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/**
 * The session header's way to a moment: a list of its moments (session time and what happened there) and a
 * "go to time" field that takes a time as transcripts write it ("12:34", "1:02:03").
 */
export function MomentJump({ rows, onGoTo }: { rows: readonly RowModel[]; onGoTo(index: number): void }) {
  const [time, setTime] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const moments = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.row.sessionTime !== null);
  const go = () => {
    const t = parseTime(time);
    if (t === null) {
      setProblem(`“${time}” is not a time: write it as 12:34 or 1:02:03.`);
      return;
    }
    setProblem(null);
    const i = rowAtTime(rows, t);
    if (i >= 0) onGoTo(i);
  };
  return (
    <div className="moment-jump" role="group" aria-label="Go to a moment">
      <select
        className="moment-jump__list"
        aria-label="Moments of this session"
        value=""
        onChange={(e) => {
          if (e.target.value !== '') onGoTo(Number(e.target.value));
        }}
      >
        <option value="">Moments ({moments.length})</option>
        {moments.map(({ r, i }) => (
          <option key={r.key} value={i}>
            {formatTime(r.row.sessionTime)} · {r.row.match === 'none' ? (r.row.client ? 'client only' : 'therapist only') : r.row.match === 'manual' ? 'linked by hand' : 'both sides'}
          </option>
        ))}
      </select>
      <input
        className="moment-jump__time"
        type="text"
        inputMode="numeric"
        placeholder="Go to 12:34"
        aria-label="Go to session time"
        aria-invalid={problem !== null}
        title={problem ?? 'Type a session time and press Enter'}
        value={time}
        onChange={(e) => setTime(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            go();
          }
        }}
      />
      {problem ? (
        <span className="visually-hidden" role="alert">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
