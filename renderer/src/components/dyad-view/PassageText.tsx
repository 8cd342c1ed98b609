import { memo } from 'react';
import type { PassageSegment } from '../../model/passage';
import { splitPieces, type TextMark } from '../../model/pieces';

interface Props {
  interviewId: string;
  text: string;
  segments: readonly PassageSegment[];
  /** Ranges laid over the text, in absolute offsets: recall-moment markers and find hits (codings next). */
  marks: readonly TextMark[];
}

/**
 * A cell's text. Every rendered span carries its absolute offsets in the interview's text (`data-start`,
 * `data-end`), and the passage its interview id, so a DOM selection maps back to offsets (util/domOffsets.ts)
 * and coded marks can be laid over the same spans.
 */
export const PassageText = memo(function PassageText({ interviewId, text, segments, marks }: Props) {
  return (
    <div className="passage" data-interview-id={interviewId}>
      {segments.map((seg) => (
        <TurnText key={seg.start} text={text} segment={seg} marks={marks} />
      ))}
    </div>
  );
});

function TurnText({ text, segment, marks }: { text: string; segment: PassageSegment; marks: readonly TextMark[] }) {
  const role = segment.kind === 'note' ? 'note' : segment.speakerRole;
  return (
    <p className={`turn turn--${role}`} data-turn-id={segment.turnId ?? undefined} data-start={segment.start} data-end={segment.end}>
      {segment.speaker !== null ? (
        <span
          className={`turn__speaker${segment.continued ? ' is-continued' : ''}`}
          title={segment.continued ? `${segment.speaker}, continued from the row above` : `${segment.speaker} (${segment.speakerRole})`}
        >
          {segment.speaker}
          {segment.continued ? ' …' : ''}
        </span>
      ) : null}
      <span className="turn__text">
        {splitPieces(segment.start, segment.end, marks).map((p) => {
          const chunk = text.slice(p.start, p.end);
          const marker = p.kinds.includes('marker');
          const current = p.kinds.includes('find-current');
          const found = current || p.kinds.includes('find');
          if (found) {
            return (
              <mark
                key={p.start}
                className={`hit${current ? ' hit--current' : ''}${marker ? ' marker' : ''}`}
                data-start={p.start}
                data-end={p.end}
                data-find-current={current ? '' : undefined}
              >
                {chunk}
              </mark>
            );
          }
          return (
            <span key={p.start} className={marker ? 'marker' : undefined} data-start={p.start} data-end={p.end}>
              {chunk}
            </span>
          );
        })}
      </span>
    </p>
  );
}
