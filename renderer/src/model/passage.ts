import type { Interview, SpeakerRole, Turn } from '../../../shared/domain/types';

/**
 * What a cell shows: the part of an interview's text that belongs to one unit (a recall moment runs from its
 * marker to the next one), cut into speaker turns. Offsets are absolute in the interview's text, so codings and
 * text selections can be mapped onto the same spans later.
 */
export interface PassageSegment {
  /** 'note' is text outside any turn: a transcript's header or trailing remarks. */
  kind: 'turn' | 'note';
  turnId: string | null;
  speaker: string | null;
  speakerRole: SpeakerRole | null;
  start: number;
  end: number;
  /** The turn began before this passage (its speaker's label sits in the row above). */
  continued: boolean;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

function trimmed(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && isSpace(text[a])) a++;
  while (b > a && isSpace(text[b - 1])) b--;
  return [a, b];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text before the first turn ends with that turn's label ("I:"), which the cell shows as a speaker label instead. */
function withoutTrailingLabel(text: string, start: number, end: number, speaker: string | undefined): number {
  if (!speaker) return end;
  const m = new RegExp(`${escapeRegExp(speaker)}\\s*[:：]?\\s*$`).exec(text.slice(start, end));
  return m ? start + m.index : end;
}

/** Index of the first turn whose end lies after `offset` (turns are in text order). */
function firstTurnEndingAfter(turns: Turn[], offset: number): number {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Text between turns is mostly the next turn's label ("I:"), which the cell shows as a speaker label instead; it is
 * shown only when it holds a recall-moment marker on a line of its own ("[stopped at 12:41]"), and the text before
 * the first turn (a transcript's header) is shown as a note.
 */
export function passageSegments(iv: Pick<Interview, 'text' | 'turns' | 'moments'>, start: number, end: number): PassageSegment[] {
  const { text, turns, moments } = iv;
  const out: PassageSegment[] = [];
  const note = (a: number, b: number) => {
    const [s, e] = trimmed(text, a, b);
    if (e > s) out.push({ kind: 'note', turnId: null, speaker: null, speakerRole: null, start: s, end: e, continued: false });
  };
  const hasMarker = (a: number, b: number) => moments.some((m) => m.offset >= a && m.offset < b);
  /** The stretch [a, b) between two turns, clipped to the passage; `next` is the turn that follows it. */
  const gap = (a: number, b: number, next: Turn | undefined, always: boolean) => {
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (e <= s || !(always || hasMarker(s, e))) return;
    note(s, next && e === b ? withoutTrailingLabel(text, s, e, next.speaker) : e);
  };
  if (turns.length === 0) {
    note(start, end);
    return out;
  }
  const from = firstTurnEndingAfter(turns, start);
  gap(from === 0 ? 0 : turns[from - 1]!.end, turns[from]?.start ?? text.length, turns[from], from === 0);
  for (let i = from; i < turns.length; i++) {
    const t = turns[i]!;
    if (t.start >= end) break;
    const [s, e] = trimmed(text, Math.max(t.start, start), Math.min(t.end, end));
    if (e > s) {
      const continued = t.start < start && text.slice(t.start, start).trim() !== '';
      out.push({ kind: 'turn', turnId: t.id, speaker: t.speaker, speakerRole: t.speakerRole, start: s, end: e, continued });
    }
    const next = turns[i + 1];
    gap(t.end, next?.start ?? text.length, next, next === undefined);
  }
  return out;
}
