import { formatTime as asTranscriptsQuote } from '../../../shared/import/time';

/**
 * Session and interview times are seconds; researchers read them as hh:mm:ss like their transcripts. The very
 * function the exports use (fractions cut, as a media player shows position), so the dyad view, the previews and
 * the exported attributions show one moment with one label.
 */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  return asTranscriptsQuote(seconds);
}

/** A delta in seconds, short: "4 s", "1 min 5 s". */
export function formatDelta(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}
