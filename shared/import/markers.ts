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
import { RE2JS } from 're2js';
import { DyadError } from '../domain/errors';
import { parseTime } from './time';

/**
 * A project's own marker pattern, run by RE2 (re2js, a pure-JS port): matching takes time linear in the text
 * whatever the pattern, so a pattern with catastrophic backtracking in JavaScript's engine ("(a+)+$" on a line of
 * 40 letters) cannot hang an import, a rescan or the server. The price: no look-around and no back-references
 * (refused when saved, saying so), and ~50 ms per pattern for a 15,000-word transcript instead of ~0.1 ms.
 */
export interface MarkerPattern {
  source: string;
  re: RE2JS;
}

const RE2_FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.MULTILINE;

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
  // As French, Spanish, Portuguese and German transcribers write them ("[vidéo 12:34]", "[Aufnahme 12:34]").
  'vidéo', 'vídeo', 'aufnahme', 'enregistrement', 'grabación', 'grabacion', 'gravação', 'gravacao',
]);

/**
 * The letters a marker's words are made of: ASCII, the accented Latin letters of Western European spellings
 * ("vidéo", "grabación", "Aufnahme gestoppt"), and combining accents, for a file written decomposed.
 */
const L = 'A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0300-\u036F';

// Opening bracket, a short wordy prefix (no digits, so the lazy run cannot wander into the time), the clock,
// the closing bracket. Bounded repetition keeps it linear on any input.
// A range ("[video 12:34–13:10]") marks where the stretch starts.
const BUILT_IN = new RegExp(
  `[[({][ \\t]{0,3}([${L}][${L} \\t.:@-]{0,40}?)[ \\t]{0,3}(\\d{1,3}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?)(?:[ \\t]{0,3}(?:-|–|—|to)[ \\t]{0,3}\\d{1,3}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?)?[ \\t]{0,3}[\\])}]`,
  'g',
);
// The clock first: "[12:34 video stopped]", "(00:12:34 – tape paused)".
const CLOCK_FIRST = new RegExp(`[[({][ \\t]{0,3}(\\d{1,3}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?)[ \\t]{0,3}[-–—:,]?[ \\t]{0,3}([${L}][${L} \\t.]{0,40}?)[ \\t]{0,3}[\\])}]`, 'g');
// Without brackets, only as a line of its own, perhaps set off by asterisks or dashes:
// "VIDEO STOPPED AT 12:34", "*** Tape stopped 1:02:03 ***". In running prose "video 12:34" is not a marker.
const OWN_LINE = new RegExp(
  `^[ \\t]{0,8}(?:[*#_=~>-][ \\t*#_=~>-]{0,7})?([${L}][${L} \\t.:@-]{0,40}?)[ \\t]{0,3}(\\d{1,3}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?)[ \\t.*#_=~<-]{0,8}$`,
  'gm',
);

/**
 * Compiles the project's custom marker patterns. Each must be a valid regular expression with a capture group
 * holding the time ("h:mm:ss", "mm:ss" or plain seconds). Matching ignores case, like the built-in markers,
 * and ^ and $ mean the start and end of a line, as a researcher writing a pattern for a transcript expects.
 */
export function compileMarkerPatterns(patterns: readonly string[] | undefined): MarkerPattern[] {
  const out: MarkerPattern[] = [];
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
    if (problem?.kind === 'unsupported') {
      throw new DyadError('invalid-input', `The marker pattern "${source}" ${unsupportedReason(problem.message)}`);
    }
    out.push({ source, re: RE2JS.compile(source, RE2_FLAGS) });
  }
  return out;
}

/** Why Dyad's pattern engine refuses a pattern JavaScript accepts, in the researcher's words. */
export function unsupportedReason(message: string): string {
  return (
    'uses something Dyad\'s pattern engine does not do (look-ahead, look-behind or back-references such as \\1); ' +
    `Dyad runs patterns in a way that cannot hang on a long line, which rules these out (${message}).`
  );
}

/**
 * Why `source` cannot be a marker pattern: not a regular expression (with the engine's message), or no capture
 * group for the time; null when it can. The core refuses such a pattern on saving, the Settings dialog as it is typed.
 */
export function markerPatternProblem(
  source: string,
): { kind: 'syntax'; message: string } | { kind: 'unsupported'; message: string } | { kind: 'no-group' } | null {
  // JavaScript's parser first, for the messages researchers find explained on the web; it only compiles, never runs.
  try {
    new RegExp(source, 'gim');
  } catch (e) {
    return { kind: 'syntax', message: e instanceof Error ? e.message : String(e) };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, RE2_FLAGS);
  } catch (e) {
    return { kind: 'unsupported', message: e instanceof Error ? e.message : String(e) };
  }
  return re.groupCount() < 1 ? { kind: 'no-group' } : null;
}

/** Where `pattern` matches `text` starting exactly at `offset`: the end of that match, or null. */
export function markerPatternMatchAt(pattern: MarkerPattern, text: string, offset: number): number | null {
  const m = pattern.re.matcher(text);
  if (!m.find(offset) || m.start() !== offset) return null;
  return m.end();
}

/**
 * Finds every session-time marker in `text`, built-in and custom, sorted by offset, none overlapping
 * (where two overlap, the one starting first — or the longer, at the same start — wins).
 * Markers whose time cannot be read are reported in `warnings` and skipped.
 */
export function findSessionMarkers(text: string, custom: readonly MarkerPattern[], warnings: string[]): MarkerMatch[] {
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
      const labelled = bracketed ? null : LABELLED.exec(m[1]!);
      if (labelled && !PLAYBACK_WORDS.has(labelled[1]!.normalize('NFC').toLowerCase())) continue;
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
    const m = pattern.re.matcher(text);
    while (m.find()) {
      const start = m.start();
      const end = m.end();
      if (end === start) continue; // the matcher itself moves past an empty match
      const label = text.slice(start, end);
      const time = m.group(1);
      const t = time === null ? null : parseTime(time);
      if (t === null) {
        unreadable.push(label);
        continue;
      }
      found.push({ sessionTime: t, offset: start, end, label });
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

/** A speaker's label at the start of a line ("P: video 12:34", "Émile: vidéo 12:34"). */
const LABELLED = new RegExp(`^([${L}][${L}\\d_.'-]*)[ \\t]*:`);
const NOT_A_LETTER = new RegExp(`[^${L}]+`);

function hasPlaybackWord(prefix: string): boolean {
  const words = prefix.normalize('NFC').toLowerCase().split(NOT_A_LETTER);
  let n = 0;
  let playback = false;
  for (const w of words) {
    if (!w) continue;
    n++;
    if (PLAYBACK_WORDS.has(w)) playback = true;
  }
  return playback && n <= 5;
}
