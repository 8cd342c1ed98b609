import type { Disagreement } from '../../store/teamSlice';
import { formatTime } from '../../util/time';

/**
 * One disagreement as a passage a reader can judge: the turn it sits in, with the disputed stretch marked, and
 * each coder's whole segment (or that they did not code here) below it. Falls back to the bare text when the core
 * gave no context.
 */
export function DisagreementPassage({ d }: { d: Disagreement }) {
  const ctx = d.context;
  const coders = [...d.present, ...d.absent];
  return (
    <span className="dpassage">
      {ctx ? (
        <span className="dpassage__turn">
          {ctx.speaker ? <b className="dpassage__speaker">{ctx.speaker}: </b> : null}
          {ctx.text.slice(0, Math.max(0, d.start - ctx.start))}
          <mark className="dpassage__disputed">{ctx.text.slice(Math.max(0, d.start - ctx.start), Math.max(0, d.end - ctx.start))}</mark>
          {ctx.text.slice(Math.max(0, d.end - ctx.start))}
        </span>
      ) : (
        <span className="dpassage__turn">“{d.text}”</span>
      )}
      <span className="dpassage__coders">
        {coders.map((p) => {
          const own = d.codings.filter((k) => k.coderId === p.id);
          return (
            <span key={p.id} className={`dpassage__coder${own.length ? ' has' : ' lacks'}`}>
              <b>{p.name}</b>
              {own.length ? own.map((k) => <q key={k.id}>{k.text ?? ''}</q>) : <em> did not code this passage as {d.codePath}</em>}
            </span>
          );
        })}
      </span>
    </span>
  );
}

/** "Dyad 1 · Session 1 · Client · 00:12:34", the session time only where the passage is in a recall moment. */
export function disagreementWhere(d: Disagreement): string {
  const time = d.context?.sessionTime;
  return time !== null && time !== undefined ? formatTime(time) : '';
}
