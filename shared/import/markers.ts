/**
 * Session-time markers: where the transcriber noted the position in the session recording at which playback
 * was stopped ("[video 00:12:34]", "(stopped at 12:34)", "{tape 1:02:03}"). These are the recall moments.
 *
 * A built-in marker is a bracketed phrase of a few words, at least one of them a playback word (video, tape,
 * stopped, session, …), followed directly by a clock time and the matching closing bracket; or the clock first
 * ("[12:34 video stopped]"); or such a phrase and clock making up a whole line without brackets. The keyword is what
 * keeps them apart from interview-clock stamps such as a bare "[00:12:34]" at the start of a line, which are
 * never session time. Projects add their own forms as regular expressions (ProjectSettings.customMarkerPatterns).
 */
import { DyadError } from '../api/errors';
import { parseTime } from './time';

export interface MarkerMatch {
  sessionTime: number;
  /** Offset of the marker's first character in the text. */
  offset: number;
  /** Offset just past the marker. */
  end: number;
  label: string;
}

const CLOSER: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** Words that say "this is a position in the recording". One of them must appear in a built-in marker. */
const PLAYBACK_WORDS = new Set([
  'video', 'vid', 'session', 'stop', 'stops', 'stopped', 'stopping', 'tape', 'recording', 'rec', 'playback',
  'play', 'paused', 'pause', 'pausing', 'audio', 'replay', 'replayed', 'clip', 'footage', 'resumed', 'resume',
  'rewind', 'rewound',
]);

// Opening bracket, a short wordy prefix (no digits, so the lazy run cannot wander into the time), the clock,
// the closing bracket. Bounded repetition keeps it linear on any input.
// A range ("[video 12:34–13:10]") marks where the stretch starts.
const BUILT_IN =
  /[[({][ \t]{0,3}([A-Za-z][A-Za-z \t.:@-]{0,40}?)[ \t]{0,3}(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)(?:[ \t]{0,3}(?:-|–|—|to)[ \t]{0,3}\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)?[ \t]{0,3}[\])}]/g;
// The clock first: "[12:34 video stopped]", "(00:12:34 – tape paused)".
const CLOCK_FIRST =
  /[[({][ \t]{0,3}(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[ \t]{0,3}[-–—:,]?[ \t]{0,3}([A-Za-z][A-Za-z \t.]{0,40}?)[ \t]{0,3}[\])}]/g;
// Without brackets, only as a line of its own, perhaps set off by asterisks or dashes:
// "VIDEO STOPPED AT 12:34", "*** Tape stopped 1:02:03 ***". In running prose "video 12:34" is not a marker.
const OWN_LINE =
  /^[ \t]{0,8}(?:[*#_=~>-][ \t*#_=~>-]{0,7})?([A-Za-z][A-Za-z \t.:@-]{0,40}?)[ \t]{0,3}(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[ \t.*#_=~<-]{0,8}$/gm;

/**
 * Compiles the project's custom marker patterns. Each must be a valid regular expression with a capture group
 * holding the time ("h:mm:ss", "mm:ss" or plain seconds). Matching ignores case, like the built-in markers,
 * and ^ and $ mean the start and end of a line, as a researcher writing a pattern for a transcript expects.
 */
export function compileMarkerPatterns(patterns: readonly string[] | undefined): RegExp[] {
  const out: RegExp[] = [];
  for (const source of patterns ?? []) {
    const problem = markerPatternProblem(source);
    if (problem?.kind === 'syntax') {
      throw new DyadError('invalid-input', `The marker pattern "${source}" is not a valid regular expression: ${problem.message}`);
    }
    if (problem?.kind === 'no-group') {
      throw new DyadError(
        'invalid-input',
        `The marker pattern "${source}" has no capture group: put the time in parentheses, e.g. \\[cam (\\d+:\\d\\d)\\]`,
      );
    }
    out.push(new RegExp(source, 'gim'));
  }
  return out;
}

/**
 * Why `source` cannot be a marker pattern: not a regular expression (with the engine's message), or no capture
 * group for the time; null when it can. The core refuses such a pattern on saving, the Settings dialog as it is typed.
 */
export function markerPatternProblem(source: string): { kind: 'syntax'; message: string } | { kind: 'no-group' } | null {
  try {
    new RegExp(source, 'gim');
  } catch (e) {
    return { kind: 'syntax', message: e instanceof Error ? e.message : String(e) };
  }
  // An alternation with the empty pattern always matches "", which reveals how many groups the pattern has.
  const groups = new RegExp(`${source}|`, 'i').exec('')!.length - 1;
  return groups < 1 ? { kind: 'no-group' } : null;
}

/**
 * Finds every session-time marker in `text`, built-in and custom, sorted by offset, none overlapping
 * (where two overlap, the one starting first — or the longer, at the same start — wins).
 * Markers whose time cannot be read are reported in `warnings` and skipped.
 */
export function findSessionMarkers(text: string, custom: readonly RegExp[], warnings: string[]): MarkerMatch[] {
  const found: MarkerMatch[] = [];
  const unreadable: string[] = [];

  const builtIn = (re: RegExp, wordsAt: 1 | 2, bracketed: boolean) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let label = m[0];
      let offset = m.index;
      if (bracketed) {
        if (CLOSER[label[0]!] !== label[label.length - 1]) continue;
      } else {
        // The marker is the line without its indentation and trailing blanks.
        const lead = label.length - label.trimStart().length;
        offset += lead;
        label = label.trim();
      }
      if (!hasPlaybackWord(m[wordsAt]!)) continue;
      // "P: video 12:34" is a turn that says so, not a marker line; "Video: 12:34" is a marker.
      const labelled = bracketed ? null : /^([A-Za-z][\w.'-]*)[ \t]*:/.exec(m[1]!);
      if (labelled && !PLAYBACK_WORDS.has(labelled[1]!.toLowerCase())) continue;
      // "Heavy. Video stopped at 5:40" ends a sentence of prose: not a line of its own.
      if (!bracketed && /[.!?][ \t]/.test(m[1]!)) continue;
      const t = parseTime(m[wordsAt === 1 ? 2 : 1]!);
      if (t === null) {
        unreadable.push(label);
        continue;
      }
      found.push({ sessionTime: t, offset, end: offset + label.length, label });
    }
  };
  builtIn(BUILT_IN, 1, true);
  builtIn(CLOCK_FIRST, 2, true);
  builtIn(OWN_LINE, 1, false);

  for (const pattern of custom) {
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const t = m[1] === undefined ? null : parseTime(m[1]);
      if (t === null) {
        unreadable.push(m[0]);
        continue;
      }
      found.push({ sessionTime: t, offset: m.index, end: m.index + m[0].length, label: m[0] });
    }
  }

  if (unreadable.length) {
    const shown = unreadable.slice(0, 3).map((l) => `"${l}"`).join(', ');
    const more = unreadable.length > 3 ? ` and ${unreadable.length - 3} more` : '';
    warnings.push(`Session-time markers with a time that cannot be read were skipped: ${shown}${more}.`);
  }

  found.sort((a, b) => a.offset - b.offset || b.end - a.end);
  const kept: MarkerMatch[] = [];
  let reach = -1;
  for (const f of found) {
    if (f.offset < reach) continue;
    kept.push(f);
    reach = f.end;
  }
  return kept;
}

function hasPlaybackWord(prefix: string): boolean {
  const words = prefix.toLowerCase().split(/[^a-z]+/);
  let n = 0;
  let playback = false;
  for (const w of words) {
    if (!w) continue;
    n++;
    if (PLAYBACK_WORDS.has(w)) playback = true;
  }
  return playback && n <= 5;
}
