/**
 * The line layouts: plain transcripts ("I: …", "Client: …", "Dr Okafor: …", from .txt or .docx) and the text
 * exports of transcription services, whose turn headers carry the interview clock:
 *   Otter:        "Jane Doe  0:12" on its own line, the turn's text on the lines below
 *   bracketed:    "[Jane Doe] 00:12:34 text"      "[00:12:34] Jane Doe: text"
 *   clock first:  "00:12:34 Jane Doe: text"       name first: "Jane Doe (00:12:34): text"
 *   clock after the label: "Jane Doe: (00:12)" or "Jane Doe: [00:12:34] text"
 *   Word's Transcribe and others: "00:12:34 Speaker 1" or "[00:12:34] - Jane Doe" on its own line, words below
 *   f4/f5transkript and MAXQDA: "I: text #00:12:34-5#", the stamp ending each paragraph; it is the time the turn
 *     ended, so it becomes the next turn's interview time and stays outside the turn's words.
 *   a clock alone on a line: the interview time of the next turn.
 * and, in typed transcripts, a tab instead of the colon: "I<Tab>So what…", or the label alone on its line above the
 * words, script-style ("INTERVIEWER", "Client"): only a role word or a name in capitals, and only when it recurs.
 * Those clocks are interview time. Session-time markers are found before this runs and are skipped at a line's
 * start ("[video 12:34] I: …"), so neither kind of time is ever read as the other.
 *
 * Whether "Word:" at a line's start is a speaker is decided from the whole file: a label with a timestamp is a
 * speaker; a plain label must occur often enough against the two most frequent labels (see `threshold`), and
 * note-like words ("Note:", "Date:") never are. A rejected label's line stays in the turn before it.
 */
import { CLOCK, NAME, labelKey, mayBeSpeaker } from './labels';
import type { MarkerMatch } from './markers';
import { isKnownSpeakerLabel, labelBase } from './speakers';
import { parseTime } from './time';
import type { ParsedTurn } from './types';

type HeaderKind = 'plain' | 'stamped' | 'otter' | 'clock' | 'alone';

interface Header {
  kind: HeaderKind;
  name: string;
  time: number | null;
  /** Offset in the whole text where the turn's words may begin on this line. */
  textStart: number;
  /** For "Name: (00:12) …": where the words begin when that clock turns out to be a session marker. */
  plainStart?: number;
}

// French typography puts a no-break space before the colon ("Client\u00a0: …").
const SP = '[ \\t\\u00a0\\u202f]*';
/** f4/f5transkript's and MAXQDA's stamp: "#00:12:34-5#" (tenths after the dash). */
const F4_STAMP = String.raw`#(\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?)#`;
/** A name in capitals, as scripts set speakers above their lines: "JANE DOE", "DR OKAFOR". */
const CAPITALS = /^\p{Lu}[\p{Lu}\p{M}.'’-]+(?: [\p{Lu}\p{M}.'’-]+){0,3}$/u;
const F4_AT_END = new RegExp(`${F4_STAMP}[ \\t]*$`);
const BOLD = '(?:\\*\\*|__)?';
const RE = {
  // "**I:** text" and "**I**: text" come from Markdown exports.
  plain: new RegExp(`${BOLD}(${NAME})${BOLD}${SP}:(?!//)${BOLD}${SP}`, 'uy'),
  // "I<Tab>So what…": transcripts typed in Word with a tab after the label instead of a colon.
  tabbed: new RegExp(`${BOLD}(${NAME})${BOLD}:?\\t+${SP}`, 'uy'),
  labelThenClock: new RegExp(`[[(](${CLOCK})[\\])]${SP}[:\\-–]?${SP}`, 'uy'),
  clockThenName: new RegExp(`\\[(${CLOCK})\\]${SP}[-–]?${SP}(${NAME})${SP}:${SP}`, 'uy'),
  bracketNameClock: new RegExp(`\\[(${NAME})\\]${SP}[[(]?(${CLOCK})[\\])]?${SP}[:\\-–]?${SP}`, 'uy'),
  nameThenClock: new RegExp(`(${NAME})${SP}[[(](${CLOCK})[\\])]${SP}:?${SP}`, 'uy'),
  bareClockName: new RegExp(`(${CLOCK})[ \\t]+[-–]?${SP}(${NAME})${SP}:${SP}`, 'uy'),
  otter: new RegExp(`(${NAME})[ \\t]+(${CLOCK})$`, 'uy'),
  clockThenNameLine: new RegExp(`[[(]?(${CLOCK})[\\])]?[ \\t]+(?:[-–][ \\t]*)?(${NAME})$`, 'uy'),
  alone: new RegExp(`${BOLD}(${NAME})${BOLD}$`, 'uy'),
  clock: new RegExp(`(?:[[(]?(${CLOCK})[\\])]?|${F4_STAMP})$`, 'uy'),
};

interface LineParse {
  turns: ParsedTurn[];
  /** Labels that looked like speakers but do not make the text read as a transcript ("Abstract:", "RQ1:"). */
  headings: string[];
  /** True when most turns carry an interview clock: a transcription service's export. */
  timestamped: boolean;
  warnings: string[];
}

/**
 * `boilerplate`: line numbers (0-based) of lines a service or word processor added (boilerplate.ts); they belong to
 * no turn, and the words after one continue the turn it interrupted, as a turn of its own.
 */
export function parseLines(
  text: string,
  markers: readonly MarkerMatch[],
  certain: readonly string[] = [],
  boilerplate: ReadonlySet<number> = new Set(),
): LineParse {
  const markerEnd = new Map<number, number>();
  const covered = new Uint8Array(text.length + 1);
  for (const m of markers) {
    markerEnd.set(m.offset, m.end);
    covered.fill(1, m.offset, m.end);
  }
  const touchesMarker = (a: number, b: number): boolean => {
    for (let i = a; i < b; i++) if (covered[i]) return true;
    return false;
  };
  /** First offset at or after `i` (up to `end`) that is neither white space nor part of a leading marker. */
  const skipSpaceAndMarkers = (i: number, end: number): number => {
    for (;;) {
      while (i < end && isBlank(text.charCodeAt(i))) i++;
      const e = markerEnd.get(i);
      if (e === undefined || e > end) return i;
      i = e;
    }
  };

  // Pass 1: every line's extent and the header it would have if its label were a speaker.
  const lineStart: number[] = [];
  const lineEnd: number[] = [];
  const headers: (Header | null)[] = [];
  let otterLines = 0;
  let aloneLines = 0;
  let labelledLines = 0;
  for (let s = 0; s <= text.length; ) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const p = skipSpaceAndMarkers(s, e);
    let h: Header | null = null;
    if (p < e && !boilerplate.has(lineStart.length)) {
      h = readHeader(text.slice(p, e), p);
      if (h && h.kind !== 'plain' && touchesMarker(p, h.textStart)) {
        // "I: [12:34] …" where a project pattern makes "[12:34]" a session marker: a plain label after all.
        h = h.plainStart === undefined ? null : { kind: 'plain', name: h.name, time: null, textStart: h.plainStart };
      }
      if (h && h.kind === 'otter') otterLines++;
      if (h && h.kind === 'alone') aloneLines++;
      else if (h && h.kind !== 'clock') labelledLines++;
    }
    lineStart.push(s);
    lineEnd.push(e);
    headers.push(h);
    s = e + 1;
  }

  // A label alone on its line heads a turn only in a script-style file, not in one whose turns carry "Name:" or a
  // clock, where a line "I" or "CLIENT" is words.
  const scriptStyle = aloneLines >= 2 && aloneLines > labelledLines;

  // Pass 2: which labels are speakers.
  const counts = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  const stampedKeys = new Set<string>();
  for (const h of headers) {
    if (!h || h.kind === 'clock') continue;
    if (h.kind === 'otter' && otterLines < 2) continue;
    if (h.kind === 'alone' && !scriptStyle) continue;
    if (!mayBeSpeaker(h.name)) continue;
    const key = labelKey(h.name);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const f = forms.get(key) ?? new Map<string, number>();
    f.set(h.name, (f.get(h.name) ?? 0) + 1);
    forms.set(key, f);
    if (h.kind !== 'plain' && h.kind !== 'alone') stampedKeys.add(key);
  }
  const { general, known } = threshold([...counts.values()]);
  const certainKeys = new Set(certain.map(labelKey));
  const speakerOf = new Map<string, string>();
  const enumerated = enumerations(counts, forms);
  for (const [key, n] of counts) {
    const written = mostFrequent(forms.get(key)!);
    const needed = isKnownSpeakerLabel(written) ? known : general;
    if (stampedKeys.has(key) || certainKeys.has(key) || (n >= needed && !enumerated.has(key))) speakerOf.set(key, written);
  }
  // Speakers of the file's pattern: "Interviewee2" who speaks once, beside "Interviewee1" who speaks often.
  const stems = new Set([...speakerOf.values()].map(labelBase));
  for (const key of counts.keys()) {
    const written = mostFrequent(forms.get(key)!);
    if (!speakerOf.has(key) && /\d$/.test(written) && stems.has(labelBase(written))) speakerOf.set(key, written);
  }
  const headings: string[] = [];
  if (!readsAsTranscript()) {
    headings.push(...speakerOf.values());
    speakerOf.clear();
  }

  /**
   * Labels make a transcript when the file says so (clocks, a Word table's speaker column, a script layout), when
   * two speakers take turns, or when labelled lines start a good share of its paragraphs. A paper's "Abstract:",
   * "RQ1:" and "Methods:", or field notes' recurring "Reflection:", do none of these.
   */
  function readsAsTranscript(): boolean {
    if (speakerOf.size === 0 || stampedKeys.size || scriptStyle) return true;
    if ([...speakerOf.keys()].some((k) => certainKeys.has(k))) return true;
    const recurring = [...speakerOf.keys()].filter((k) => counts.get(k)! >= 2).length;
    if (recurring >= 2) return true;
    let paragraphs = 0;
    let labelled = 0;
    const dense = !/\n[ \t]*\n/.test(text);
    for (let i = 0; i < headers.length; i++) {
      const blank = lineStart[i] === lineEnd[i] || !text.slice(lineStart[i], lineEnd[i]).trim();
      if (blank) continue;
      const h = headers[i];
      const isTurn = !!h && h.kind !== 'clock' && speakerOf.has(labelKey(h.name));
      const afterBlank = i === 0 || !text.slice(lineStart[i - 1], lineEnd[i - 1]).trim();
      if (isTurn || afterBlank || dense) paragraphs++;
      if (isTurn) labelled++;
    }
    return labelled >= 1 && labelled * 3 >= paragraphs;
  }

  // Pass 3: turns. A turn runs from the first words after its label to the end of its last line of words.
  const turns: ParsedTurn[] = [];
  let cur: { speaker: string; time: number | null; start: number; end: number; pendingStart: number } | null = null;
  let pendingTime: number | null = null;
  let stampedTurns = 0;
  // Labels that looked like speakers but were too rare, and so were read as words inside a turn.
  const rejected = new Map<string, number>();
  const close = () => {
    if (cur && cur.start >= 0) {
      let end = cur.end;
      const tailFrom = Math.max(cur.start, end - 32);
      const f4 = F4_AT_END.exec(text.slice(tailFrom, end));
      if (f4) {
        end = tailFrom + f4.index;
        while (end > cur.start && isSpace(text.charCodeAt(end - 1))) end--;
        pendingTime ??= f4Time(f4[1]!);
      }
      if (end > cur.start) {
        turns.push({ speaker: cur.speaker, start: cur.start, end, interviewTime: cur.time });
        if (cur.time !== null) stampedTurns++;
      }
    }
    cur = null;
  };
  const addWords = (from: number, to: number) => {
    if (!cur) return;
    const first = firstNonBlank(text, from, to);
    if (first >= to) return;
    if (skipSpaceAndMarkers(first, to) >= to) {
      // Only a marker here: it belongs to this turn if words follow, not otherwise.
      if (cur.start < 0 && cur.pendingStart < 0) cur.pendingStart = first;
      return;
    }
    if (cur.start < 0) cur.start = cur.pendingStart >= 0 ? cur.pendingStart : first;
    cur.end = to;
  };

  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const s = lineStart[i]!;
    const e = lineEnd[i]!;
    if (boilerplate.has(i)) {
      // Out of the turn; what follows is the same speaker going on.
      const going = cur as { speaker: string } | null;
      close();
      if (going) cur = { speaker: going.speaker, time: null, start: -1, end: -1, pendingStart: -1 };
      continue;
    }
    if (h && h.kind === 'clock') {
      pendingTime = h.time;
      continue;
    }
    const counted = h && (h.kind === 'otter' ? otterLines >= 2 : h.kind === 'alone' ? scriptStyle : true);
    const speaker = h && counted ? speakerOf.get(labelKey(h.name)) : undefined;
    if (h && speaker !== undefined) {
      close();
      cur = { speaker, time: h.time ?? pendingTime, start: -1, end: -1, pendingStart: -1 };
      pendingTime = null;
      addWords(h.textStart, e);
    } else {
      if (h && cur && h.kind === 'plain' && mayBeSpeaker(h.name)) {
        rejected.set(h.name, (rejected.get(h.name) ?? 0) + 1);
      }
      addWords(s, e);
    }
  }
  close();

  const warnings: string[] = [];
  if (rejected.size && turns.length) {
    const list = [...rejected].map(([name, n]) => `"${name}:"${n > 1 ? ` (${n}×)` : ''}`);
    const more = list.length > 3 ? ` and ${list.length - 3} more` : '';
    warnings.push(
      `Lines starting with ${list.slice(0, 3).join(', ')}${more} were kept in the turn before them: ` +
        'too rare in this file to be speaker labels.',
    );
  }
  return { turns, headings, timestamped: turns.length > 0 && stampedTurns * 2 >= turns.length, warnings };
}

/**
 * How many times a plain label must occur to count as a speaker, judged against the second most frequent label
 * (the other side of the conversation): at least 5% of its count, and at least twice once that side has four
 * turns or more — a label seen once in a real conversation is a heading or a note. Known role words ("I",
 * "Client", "Interpreter") never need more than two.
 */
export function threshold(counts: number[]): { general: number; known: number } {
  const sorted = counts.sort((a, b) => b - a);
  const ref = sorted[1] ?? sorted[0] ?? 0;
  const base = ref >= 4 ? 2 : 1;
  const general = Math.max(base, Math.ceil(ref * 0.05));
  return { general, known: Math.max(base, Math.min(general, 2)) };
}

/**
 * Numbered labels that count things rather than people: "RQ1:", "RQ2:", "H3:", each once, with a stem that is no
 * role word. "Speaker 1" and "P2" are role words, and a number that recurs is someone speaking again.
 */
function enumerations(counts: Map<string, number>, forms: Map<string, Map<string, number>>): Set<string> {
  const byStem = new Map<string, string[]>();
  for (const key of counts.keys()) {
    const written = mostFrequent(forms.get(key)!);
    if (!/\d$/.test(written) || isKnownSpeakerLabel(written)) continue;
    const stem = labelBase(written);
    byStem.set(stem, [...(byStem.get(stem) ?? []), key]);
  }
  const out = new Set<string>();
  for (const keys of byStem.values()) if (keys.length >= 2 && keys.every((k) => counts.get(k) === 1)) keys.forEach((k) => out.add(k));
  return out;
}

function readHeader(line: string, at: number): Header | null {
  let m: RegExpExecArray | null;
  const c0 = line.charCodeAt(0);
  const isDigit = c0 >= 48 && c0 <= 57;
  if (c0 === 91 /* [ */) {
    if ((m = exec(RE.clockThenName, line))) return stamped(m[2]!, m[1]!, at + m[0].length);
    if ((m = exec(RE.bracketNameClock, line))) return stamped(m[1]!, m[2]!, at + m[0].length);
  }
  if (isDigit && (m = exec(RE.bareClockName, line))) return stamped(m[2]!, m[1]!, at + m[0].length);
  if ((m = exec(RE.clock, line))) {
    const t = m[1] !== undefined ? parseTime(m[1]) : f4Time(m[2]!);
    return t === null ? null : { kind: 'clock', name: '', time: t, textStart: at + line.length };
  }
  if ((c0 === 91 || c0 === 40 || isDigit) && (m = exec(RE.clockThenNameLine, line))) {
    const h = stamped(m[2]!, m[1]!, at + line.length);
    return h && { ...h, kind: 'otter' };
  }
  if (isDigit) return null;
  if ((m = exec(RE.nameThenClock, line))) return stamped(m[1]!, m[2]!, at + m[0].length);
  if ((m = exec(RE.otter, line))) {
    const h = stamped(m[1]!, m[2]!, at + line.length);
    return h && { ...h, kind: 'otter' };
  }
  if ((m = exec(RE.plain, line))) {
    const name = m[1]!;
    const after = line.charCodeAt(m[0].length);
    // "At 12:34 she…" is a time of day, not a speaker "At 12".
    if (/\d$/.test(name) && after >= 48 && after <= 57) return null;
    const plainStart = at + m[0].length;
    RE.labelThenClock.lastIndex = m[0].length;
    const c = RE.labelThenClock.exec(line);
    const h = c && stamped(name, c[1]!, at + m[0].length + c[0].length);
    return h ? { ...h, plainStart } : { kind: 'plain', name, time: null, textStart: plainStart };
  }
  if ((m = exec(RE.tabbed, line)) && m[0].length < line.length) {
    return { kind: 'plain', name: m[1]!, time: null, textStart: at + m[0].length };
  }
  if ((m = exec(RE.alone, line)) && (isKnownSpeakerLabel(m[1]!) || CAPITALS.test(m[1]!))) {
    return { kind: 'alone', name: m[1]!, time: null, textStart: at + line.length };
  }
  return null;
}

/** The interview time of a line that is nothing but a clock ("00:01:30", "[01:30]", "#00:01:30-2#"); else null. */
export function clockAlone(line: string): number | null {
  const m = exec(RE.clock, line);
  if (!m) return null;
  return m[1] !== undefined ? parseTime(m[1]) : f4Time(m[2]!);
}

function stamped(name: string, clock: string, textStart: number): Header | null {
  const time = parseTime(clock);
  return time === null ? null : { kind: 'stamped', name, time, textStart };
}

function exec(re: RegExp, line: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(line);
}

function mostFrequent(forms: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [f, c] of forms) if (c > n) [best, n] = [f, c];
  return best;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
}

/** "00:12:34-5" is 12 min 34.5 s: f4 writes tenths after a dash. */
function f4Time(stamp: string): number | null {
  return parseTime(stamp.replace('-', '.'));
}

function isSpace(c: number): boolean {
  return isBlank(c) || c === 10 || c === 13;
}

function firstNonBlank(text: string, from: number, to: number): number {
  while (from < to && isBlank(text.charCodeAt(from))) from++;
  return from;
}
