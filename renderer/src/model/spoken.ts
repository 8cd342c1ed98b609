import type { Interview, Turn } from '../../../shared/domain/types';

/** A stretch of an interview's text with the interview time it was said at: a turn, or one cue of a long turn. */
interface SpokenStretch {
  interviewId: string;
  start: number;
  end: number;
  time: number;
}

/**
 * The finest times the transcript has, in text order: each timed turn from its own time, cut where its subtitle
 * cues begin (turns.time_points), so a 30-minute monologue is followed cue by cue rather than as one block.
 */
export function spokenStretches(iv: Pick<Interview, 'id' | 'turns'>): SpokenStretch[] {
  const out: SpokenStretch[] = [];
  for (const t of iv.turns) {
    const points = (t.timePoints?.length ? t.timePoints : t.interviewTime !== null ? [{ offset: t.start, interviewTime: t.interviewTime }] : [])
      .filter((p) => p.offset >= t.start && p.offset < t.end)
      .sort((a, b) => a.offset - b.offset);
    points.forEach((p, i) => out.push({ interviewId: iv.id, start: p.offset, end: points[i + 1]?.offset ?? t.end, time: p.interviewTime }));
  }
  return out;
}

/** The stretch being said at `time`: the latest one started by then; null before the first. */
export function stretchAt(stretches: readonly SpokenStretch[], time: number): SpokenStretch | null {
  let best: SpokenStretch | null = null;
  for (const s of stretches) if (s.time <= time + 0.05 && (!best || s.time >= best.time)) best = s;
  return best ?? null;
}

/** The row the session recording is at: the last timed row whose session time has been reached. */
export function rowAtSessionTime(rowTimes: readonly (number | null)[], time: number): number {
  let at = -1;
  let best = -Infinity;
  rowTimes.forEach((t, i) => {
    if (t !== null && t <= time + 0.05 && t >= best) {
      best = t;
      at = i;
    }
  });
  return at;
}

/** Where a turn's words start being said, from `offset` on: its cue at or before it, else its own time. */
export function turnTimeAt(turn: Pick<Turn, 'interviewTime' | 'timePoints' | 'start'>, offset: number): number | null {
  const points = turn.timePoints?.length ? [...turn.timePoints].sort((a, b) => a.offset - b.offset) : [];
  const before = points.filter((p) => p.offset <= offset).pop();
  return before?.interviewTime ?? turn.interviewTime ?? points[0]?.interviewTime ?? null;
}
