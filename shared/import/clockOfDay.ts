/**
 * Some transcripts are stamped with the time of day ("[Jane] 11:02:09"), not with the time since the recording
 * began. Read as elapsed time, the first turn would sit eleven hours into the interview. Such stamps are recognised
 * by their size — an interview does not run for four hours, and a recording whose turns start four hours in is no
 * interview — and counted from the first stamp instead; a 12-hour clock that passes one o'clock ("12:59:40" then
 * "1:00:05") goes on counting. The stamps stay in the text as written; only the interview times change.
 */
import { formatTime } from './time';
import type { ParsedTurn } from './types';

const FOUR_HOURS = 4 * 3600;
const HALF_DAY = 12 * 3600;

/** Rewrites the turns' interview times in place when they read as times of day; returns the note to show, or null. */
export function countFromFirstStamp(turns: ParsedTurn[]): string | null {
  const stamped = turns.filter((t) => t.interviewTime !== null);
  if (!stamped.length) return null;
  const first = stamped[0]!.interviewTime!;
  if (first < FOUR_HOURS || stamped.some((t) => t.interviewTime! >= 24 * 3600)) return null;
  let prev = first;
  let wrap = 0;
  for (const t of stamped) {
    let v = t.interviewTime! + wrap;
    // Going back by more than an hour is the clock passing noon or midnight, not the interview going back.
    while (v < prev - 3600 && wrap < 2 * HALF_DAY) {
      wrap += HALF_DAY;
      v += HALF_DAY;
    }
    prev = v;
    t.interviewTime = v - first;
  }
  return (
    `The turns are stamped with the time of day (the first at ${formatTime(first)}), so interview times are counted ` +
    `from that first stamp (${formatTime(first)} = 00:00:00). The stamps stay in the text as written.`
  );
}
