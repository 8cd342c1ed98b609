import { useShallow } from 'zustand/react/shallow';
import { turnTimeAt } from '../../model/spoken';
import { useStore } from '../../store';
import { formatTime } from '../../util/time';
import { PlayIcon } from '../common/Icons';

/** A moment's Play: the session recording from the session time this side's transcript marks. Shown when one is attached. */
export function PlayMoment({ sessionId, sessionTime }: { sessionId: string; sessionTime: number }) {
  const attached = useStore((s) => s.detail?.session.id === sessionId && !!s.detail.session.recordingPath);
  const playFrom = useStore((s) => s.playFrom);
  if (!attached) return null;
  const label = `Play the recording from ${formatTime(sessionTime)}`;
  return (
    <button
      type="button"
      className="play-btn"
      aria-label={label}
      title={label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => playFrom({ kind: 'session', sessionId, interviewId: null, at: sessionTime })}
    >
      <PlayIcon size={11} />
      <span>{formatTime(sessionTime)}</span>
    </button>
  );
}

/** A turn's Play: the interview's own recording from the turn's interview time. Shown when both are there. */
export function PlayTurn({ interviewId, turnId, from }: { interviewId: string; turnId: string; from: number }) {
  const found = useStore(useShallow((s) => {
    const iv = s.detail?.interviews.find((i) => i.id === interviewId);
    if (!iv?.audioPath) return null;
    const turn = iv.turns.find((t) => t.id === turnId);
    const at = turn ? turnTimeAt(turn, from) : null;
    return at === null ? null : { at, sessionId: iv.sessionId, role: iv.role };
  }));
  const playFrom = useStore((s) => s.playFrom);
  if (!found) return null;
  const label = `Play the ${found.role} interview from ${formatTime(found.at)}`;
  return (
    <button
      type="button"
      className="turn-tools__btn"
      title={label}
      aria-label={label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => playFrom({ kind: 'interview', sessionId: found.sessionId, interviewId, at: found.at })}
    >
      <PlayIcon size={11} />
    </button>
  );
}
