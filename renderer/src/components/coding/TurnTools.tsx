import type { PassageSegment } from '../../model/passage';
import { useStore } from '../../store';
import { PlayTurn } from '../player/PlayButtons';
import { PencilIcon, TagIcon } from './icons';
import { turnTarget } from './targets';

/**
 * A turn's hover toolbar: code the whole turn (also T with the pointer or caret in it) and correct its text.
 * It holds no text, so selections and offsets pass it by.
 */
export function TurnTools({ interviewId, segment }: { interviewId: string; segment: PassageSegment }) {
  const openPalette = useStore((s) => s.openPalette);
  const editTurn = useStore((s) => s.editTurn);
  const who = segment.speaker ?? 'this speaker';
  return (
    <span className="turn-tools">
      {segment.turnId ? <PlayTurn interviewId={interviewId} turnId={segment.turnId} from={segment.start} /> : null}
      <button
        type="button"
        className="turn-tools__btn"
        title="Code this whole turn (T)"
        aria-label={`Code the whole turn of ${who}`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          const t = segment.turnId ? turnTarget(interviewId, segment.turnId) : null;
          if (t) openPalette(t.target, t.label);
        }}
      >
        <TagIcon size={12} />
      </button>
      <button
        type="button"
        className="turn-tools__btn"
        title="Correct the text of this turn"
        aria-label={`Edit the text of this turn of ${who}`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editTurn({ interviewId, start: segment.start })}
      >
        <PencilIcon size={12} />
      </button>
    </span>
  );
}
