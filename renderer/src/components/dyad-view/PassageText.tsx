import { lazy, memo, Suspense } from 'react';
import { useStore } from '../../store';
import type { CodingView } from '../../../../shared/coding/types';
import type { PassageSegment } from '../../model/passage';
import type { TextMark } from '../../model/pieces';
import { splitCoded, type CodedPiece } from '../coding/model/codedPieces';
import { codedStyle } from '../coding/model/markStyle';
import { TurnTools } from '../coding/TurnTools';

interface Props {
  interviewId: string;
  text: string;
  segments: readonly PassageSegment[];
  /** Ranges laid over the text, in absolute offsets: recall-moment markers, find hits, a kept selection. */
  marks: readonly TextMark[];
  /** The codings shown in this passage (already filtered by coder), outermost first. */
  codings?: readonly CodingView[];
  selectedCodingId?: string | null;
  /** The start of the turn segment open in the correction editor, if it is in this passage. */
  editingStart?: number | null;
}

const NONE: readonly CodingView[] = [];

// The correction editor (Lexical) is loaded the first time a turn is edited, not with the view.
const TurnEditor = lazy(() => import('../coding/TurnEditor').then((m) => ({ default: m.TurnEditor })));

/**
 * A cell's text. Every rendered span carries its absolute offsets in the interview's text (`data-start`,
 * `data-end`), and the passage its interview id, so a DOM selection maps back to offsets (util/domOffsets.ts);
 * coded spans also say which codings cover them (`data-codings`), which the margin stripes measure.
 */
export const PassageText = memo(function PassageText({ interviewId, text, segments, marks, codings = NONE, selectedCodingId = null, editingStart = null }: Props) {
  return (
    <div className="passage" data-interview-id={interviewId}>
      {segments.map((seg) =>
        seg.start === editingStart && seg.kind === 'turn' ? (
          <Suspense
            key={seg.start}
            fallback={<TurnText interviewId={interviewId} text={text} segment={seg} marks={marks} codings={codings} selectedCodingId={selectedCodingId} />}
          >
            <TurnEditor interviewId={interviewId} text={text} segment={seg} codings={codings} />
          </Suspense>
        ) : (
          <TurnText key={seg.start} interviewId={interviewId} text={text} segment={seg} marks={marks} codings={codings} selectedCodingId={selectedCodingId} />
        ),
      )}
    </div>
  );
});

interface TurnProps {
  interviewId: string;
  text: string;
  segment: PassageSegment;
  marks: readonly TextMark[];
  codings: readonly CodingView[];
  selectedCodingId: string | null;
}

function TurnText({ interviewId, text, segment, marks, codings, selectedCodingId }: TurnProps) {
  const role = segment.kind === 'note' ? 'note' : segment.speakerRole;
  return (
    <p
      className={`turn turn--${role}`}
      data-turn-id={segment.turnId ?? undefined}
      data-start={segment.start}
      data-end={segment.end}
      // Turns take focus from the keyboard (arrows, see useCodingKeys), one Tab stop for the whole list.
      tabIndex={segment.turnId ? -1 : undefined}
    >
      {segment.kind === 'turn' && segment.turnId ? <TurnTools interviewId={interviewId} segment={segment} /> : null}
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
        {splitCoded(segment.start, segment.end, marks, codings).map((p) => (
          <Piece key={p.start} piece={p} chunk={text.slice(p.start, p.end)} codings={codings} selectedCodingId={selectedCodingId} />
        ))}
      </span>
    </p>
  );
}

function Piece({ piece: p, chunk, codings, selectedCodingId }: { piece: CodedPiece; chunk: string; codings: readonly CodingView[]; selectedCodingId: string | null }) {
  const marker = p.kinds.includes('marker');
  const current = p.kinds.includes('find-current');
  const found = current || p.kinds.includes('find');
  const kept = p.kinds.includes('selection');
  const spoken = p.kinds.includes('spoken');
  const coded = p.codings.length > 0;
  // A coding with a memo shows a note mark where its passage ends.
  const memoEnd = useStore((s) => coded && s.memos.some((m) => m.targetKind === 'coding' && p.codings.some((d) => d.id === m.targetId && codings.find((c) => c.id === d.id)?.end === p.end)));
  const codingAttrs = coded
    ? {
        'data-codings': p.codings.map((c) => c.id).join(' '),
        'data-code-ids': p.codings.map((c) => c.codeId).join(' '),
        style: codedStyle(p.codings.map((c) => ({ color: c.color, selected: c.id === selectedCodingId }))),
        title: p.codings
          .map((d) => {
            const c = codings.find((x) => x.id === d.id);
            return c ? `${c.codePath} (${c.coderName})` : '';
          })
          .join('\n'),
      }
    : {};
  const classes = [marker ? 'marker' : '', coded ? 'cmark' : '', coded && p.codings.some((c) => c.id === selectedCodingId) ? 'is-selected' : '', kept ? 'sel-kept' : '', spoken ? 'spoken' : '', memoEnd ? 'memo-end' : '']
    .filter(Boolean)
    .join(' ');
  if (found) {
    return (
      <mark
        className={`hit${current ? ' hit--current' : ''}${classes ? ` ${classes}` : ''}`}
        data-start={p.start}
        data-end={p.end}
        data-find-current={current ? '' : undefined}
        {...codingAttrs}
      >
        {chunk}
      </mark>
    );
  }
  return (
    <span className={classes || undefined} data-start={p.start} data-end={p.end} {...codingAttrs}>
      {chunk}
    </span>
  );
}
