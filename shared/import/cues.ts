/**
 * Subtitle layouts: WebVTT (Zoom writes "Name: text" cues, Teams writes "<v Name>text</v>") and SRT.
 *
 * Cue numbers, ids, timing lines, NOTE/STYLE/REGION blocks and markup are dropped; what remains is rebuilt as
 * a text a researcher can read and quote: one paragraph per turn, "Speaker: words", paragraphs separated by a
 * blank line. Consecutive cues of one speaker (and cues with no speaker of their own) make one turn, whose
 * interview time is its first cue's start; every later cue's start is kept as a time point inside the turn, so
 * that playback can reach any sentence. Session-time markers inside cue text are kept in the words.
 *
 * Timings are read as players read them, not only as the spec writes them: hours optional, one or two digits per
 * field, one to three fraction digits ("0:0:0.0 --> 0:0:0.570"). A cue whose time is impossible ("00:00:60.000")
 * or unreadable keeps its words, without a time, and is counted in a warning. Subtitles that name no speaker at
 * all (a dictated monologue) become turns of one unnamed speaker, parted at pauses.
 */
import { boilerplateWarning, isBoilerplate } from './boilerplate';
import { NAME, labelKey, mayBeSpeaker } from './labels';
import type { SourceLine } from './accounting';
import { isKnownSpeakerLabel, labelBase } from './speakers';
import { threshold } from './lines';
import { UNNAMED_SPEAKER, type ParsedTurn, type TimePoint } from './types';

interface CuePart {
  time: number | null;
  /** The cue's end, for telling pauses in a monologue. */
  endTime: number | null;
  speaker: string | null;
  text: string;
  /** 1-based number of the cue in the file, for warnings. */
  cue: number;
  boilerplate?: boolean;
}

interface CueParse {
  /** False when the text has no timing lines at all: it is not a subtitle file. */
  hasCues: boolean;
  text: string;
  turns: ParsedTurn[];
  warnings: string[];
  /** True when no cue names its speaker: the turns are an unnamed speaker's. */
  noSpeakerLabels: boolean;
}

const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/g;
const TAG = /<[^>\n]*>/g;
// Video-call display names are free text ("Jane Doe (she/her)", "jdoe@clinic.org"), so cue labels are looser
// than plain-text ones: up to 60 characters before ": ", not starting like a marker; frequency decides the rest.
const ZOOM_LABEL = /(?:>>|-)?[ \t]*([^\s:[({][^:\n]{0,59}?)[ \t\u00a0\u202f]*:(?!\/\/)[ \t]+/y;
const LEADING_LABEL = /^(?:>>|-)?[ \t]*[^\s:[({][^:\n]{0,59}?[ \t\u00a0\u202f]*:(?!\/\/)[ \t]+/;
/** A timing line's start and end, each a clock of some shape; what the clock says is checked by cueTime. */
const TIMING = /^[ \t]*(\S*?)[ \t]*-->[ \t]*(\S*)/;
const CUE_CLOCK = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/;
/** A pause this long (seconds) between cues of a monologue starts a new paragraph. */
const PARAGRAPH_PAUSE = 2;

/**
 * A cue clock in seconds: "00:01:02.500", "01:02.500", "0:0:0.57", "00:00:01,5". 'impossible' for a clock whose
 * minutes or seconds are 60 or more, null for what is no clock at all.
 */
export function cueTime(s: string): number | 'impossible' | null {
  const m = CUE_CLOCK.exec(s.trim());
  if (!m) return null;
  const [, h, min, sec, frac] = m;
  if (Number(min) > 59 || Number(sec) > 59) return 'impossible';
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(sec) + (frac ? Number(`0.${frac}`) : 0);
}

export function parseCues(text: string): CueParse {
  const warnings: string[] = [];
  const raw: CuePart[] = [];
  let cues = 0;
  const badTimings: { cue: number; timing: string }[] = [];

  const lines = text.split('\n');
  type CueTimes = { start: number | null; end: number | null; cue: number };
  // The cue read last (assigned inside emit, so kept in an object the compiler does not narrow).
  const seen: { last: CueTimes | null } = { last: null };
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.trim()) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.trim()) j++;
    // A block is a run of non-blank lines: [id] timing payload…, or a header/NOTE/STYLE/REGION block.
    const block = lines.slice(i, j);
    i = j;
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0]!)) continue;
    const k = block[0]!.includes('-->') ? 0 : block.length > 1 && block[1]!.includes('-->') ? 1 : -1;
    if (k < 0) {
      // Words after a cue, parted from it by a blank line (a line of spaces, which the spec keeps in the cue but
      // editors trim): more of that cue, not something to drop. The WEBVTT header block is not.
      if (seen.last !== null && !/^WEBVTT(?:[ \t]|$)/.test(block[0]!)) {
        const at = seen.last;
        for (const seg of payloadSegments(block.map((l) => l.trim()))) {
          for (const part of splitVoices(seg)) raw.push({ speaker: part.speaker, text: part.text, time: at.start, endTime: at.end, cue: at.cue });
        }
      }
      continue;
    }
    // Files with a missing blank line run two cues into one block: every timing line starts a cue.
    let cue: CueTimes | null = null;
    let payload: string[] = [];
    const emit = () => {
      if (!cue) return;
      seen.last = cue;
      const at = cue;
      for (const seg of payloadSegments(payload)) for (const part of splitVoices(seg)) raw.push({ speaker: part.speaker, text: part.text, time: at.start, endTime: at.end, cue: at.cue });
    };
    for (let x = k; x < block.length; x++) {
      const line = block[x]!.trim();
      const timing = line.includes('-->') ? TIMING.exec(line) : null;
      if (timing) {
        if (payload.length && /^\d+$/.test(payload[payload.length - 1]!)) payload.pop();
        emit();
        cues++;
        const start = cueTime(timing[1]!);
        const end = cueTime(timing[2]!);
        if (typeof start !== 'number') badTimings.push({ cue: cues, timing: line });
        cue = { start: typeof start === 'number' ? start : null, end: typeof end === 'number' ? end : null, cue: cues };
        payload = [];
      } else payload.push(line);
    }
    emit();
  }
  if (cues === 0) return { hasCues: false, text: '', turns: [], warnings, noSpeakerLabels: false };
  if (badTimings.length) {
    const first = badTimings[0]!;
    warnings.push(
      `${badTimings.length} subtitle cue${badTimings.length === 1 ? ' has an impossible or unreadable start time' : 's have impossible or unreadable start times'} ` +
        `(first: cue ${first.cue}, "${first.timing.length > 40 ? `${first.timing.slice(0, 39)}…` : first.timing}"); ` +
        `${badTimings.length === 1 ? 'its words were' : 'their words were'} kept, without an interview time.`,
    );
  }

  const dropped: { text: string; line?: number }[] = [];
  for (const p of raw) {
    if (p.speaker === null && isBoilerplate(p.text)) {
      p.boilerplate = true;
      dropped.push({ text: p.text, line: p.cue - 1 });
    }
  }
  const named = assignZoomSpeakers(raw);
  const built = assemble(raw, named);
  warnings.push(...built.warnings);
  const bp = boilerplateWarning(dropped, 'cue');
  if (bp) warnings.push(bp);
  return { hasCues: true, text: built.text, turns: built.turns, warnings, noSpeakerLabels: !named };
}

/**
 * The lines of a subtitle file whose words must all reach the stored text: everything but the WEBVTT header,
 * NOTE/STYLE/REGION blocks, cue numbers and ids, timing lines, markup and character references. The input of the
 * lost-words check (accounting.ts), kept apart from the parser so that it checks the parser rather than repeats it.
 */
export function cueSourceLines(text: string): SourceLine[] {
  const lines = text.split('\n');
  const out: SourceLine[] = [];
  let skipBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const blockStart = i === 0 || !lines[i - 1]!.trim();
    if (!line.trim()) {
      skipBlock = false;
      continue;
    }
    if (blockStart) skipBlock = /^(?:NOTE|STYLE|REGION|WEBVTT)(?:[ \t]|$)/.test(line);
    if (skipBlock || line.includes('-->') || /^\s*\d+\s*$/.test(line)) continue;
    if (lines[i + 1]?.includes('-->')) continue; // a cue id
    // A speaker's "Name:" is written once per turn, not once per cue: it may legitimately go.
    out.push({ number: i + 1, text: line.replace(LEADING_LABEL, '').replace(TAG, ' ').replace(/\{\\[^}\n]*\}/g, ' ').replace(/&(?:#x?[0-9a-f]{1,6}|[a-z]{2,6});/gi, ' ') });
  }
  return out;
}

/**
 * A cue's lines as texts, one per speaker. Some tools put the speaker on a line of its own, in brackets ("(Jane Doe)" or
 * "[Jane Doe]"), and part two speakers in one cue with a "-" line: such a name becomes the "Name: " of the words
 * after it, to be counted like any other label (see assignZoomSpeakers), so "(laughs)" alone stays words.
 */
function payloadSegments(lines: string[]): string[] {
  const segments: string[][] = [[]];
  let label: string | null = null;
  for (const line of lines) {
    if (line === '-' || line === '–') continue;
    const named = NAME_LINE.exec(line);
    if (named && mayBeSpeaker(named[1]!.trim(), true)) {
      if (label !== null) segments[segments.length - 1]!.push(`(${label})`);
      label = named[1]!.trim();
      continue;
    }
    if (label !== null) {
      segments.push([`${label}: ${line}`]);
      label = null;
    } else segments[segments.length - 1]!.push(line);
  }
  if (label !== null) segments[segments.length - 1]!.push(`(${label})`);
  return segments.filter((s) => s.length).map((s) => s.join(' '));
}
const NAME_LINE = /^[([]([^()[\]<>:\n]{1,60})[)\]]$/;

/** Splits a cue's payload at Teams voice tags; the text of each voice without markup. */
function splitVoices(payload: string): { speaker: string | null; text: string }[] {
  const parts: { speaker: string | null; text: string }[] = [];
  let speaker: string | null = null;
  let from = 0;
  VOICE.lastIndex = 0;
  for (let m = VOICE.exec(payload); m; m = VOICE.exec(payload)) {
    parts.push({ speaker, text: cleanPayload(payload.slice(from, m.index)) });
    speaker = m[1]?.trim() || null;
    from = m.index + m[0].length;
  }
  parts.push({ speaker, text: cleanPayload(payload.slice(from)) });
  return parts.filter((p) => p.text);
}

function cleanPayload(s: string): string {
  // "{\an8}" and other ASS override tags are positioning that SRT files carry over from subtitle editors.
  return decodeEntities(s.replace(TAG, '').replace(/\{\\[^}\n]*\}/g, '')).replace(/[ \t]{2,}/g, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', lrm: '', rlm: '' };
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[body.toLowerCase()] ?? all;
  });
}

/**
 * Zoom and many SRT files put "Name: " before each cue's words. As in plain text, a label counts when it is
 * frequent enough in the file, so a cue that happens to start with "Note:" stays words. Once the file is seen to
 * name its speakers so, a rarer label counts too when it reads as a name ("Dr Lind", "Speaker 3", a role word, an
 * address), however rarely that person speaks: a guest who speaks once is still not the previous speaker.
 * Returns whether any cue names its speaker.
 */
function assignZoomSpeakers(parts: CuePart[]): boolean {
  const found: ({ name: string; rest: string } | null)[] = parts.map((p) => {
    if (p.speaker !== null || p.boilerplate) return null;
    ZOOM_LABEL.lastIndex = 0;
    const m = ZOOM_LABEL.exec(p.text);
    return m && mayBeSpeaker(m[1]!, true) ? { name: m[1]!, rest: p.text.slice(m[0].length) } : null;
  });
  const counts = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const f of found) {
    if (!f) continue;
    let key = keys.get(f.name);
    if (key === undefined) keys.set(f.name, (key = labelKey(f.name)));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const { general, known } = threshold([...counts.values()]);
  // Judged once per label as written, not once per cue: a long file repeats a few names thousands of times.
  const frequent = new Map<string, boolean>();
  for (const f of found) {
    if (f && !frequent.has(f.name)) frequent.set(f.name, counts.get(keys.get(f.name)!)! >= (isKnownSpeakerLabel(f.name) ? known : general));
  }
  const stems = new Set<string>();
  for (const [name, yes] of frequent) if (yes) stems.add(labelBase(name));
  const convention = stems.size > 0 || parts.some((p) => p.speaker !== null);
  const accepted = new Map<string, boolean>();
  for (const [name, yes] of frequent) accepted.set(name, yes || (convention && (stems.has(labelBase(name)) || readsAsName(name))));
  parts.forEach((p, i) => {
    const f = found[i];
    if (f && accepted.get(f.name)) {
      p.speaker = f.name;
      p.text = f.rest;
    }
  });
  return parts.some((p) => p.speaker !== null);
}

const WHOLE_NAME = new RegExp(`^${NAME}$`, 'u');
const ADDRESS = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
/** Words that start a sentence with a colon after them ("Well: …") rather than name someone. */
const NOT_NAMES = new Set(['well', 'so', 'right', 'and', 'but', 'because', 'then', 'now', 'look', 'listen', 'first', 'second', 'also', 'anyway', 'question', 'answer']);

function readsAsName(label: string): boolean {
  if (ADDRESS.test(label)) return true;
  if (!WHOLE_NAME.test(label) || !mayBeSpeaker(label)) return false;
  return isKnownSpeakerLabel(label) || !NOT_NAMES.has(labelKey(label));
}

interface Paragraph {
  speaker: string | null;
  /** The speaker as the file wrote it; false for one Dyad named (no label is written into the text). */
  labelled: boolean;
  words: { text: string; time: number | null }[];
}

function assemble(parts: CuePart[], named: boolean): { text: string; turns: ParsedTurn[]; warnings: string[] } {
  const warnings: string[] = [];
  const paragraphs: string[] = [];
  const turns: ParsedTurn[] = [];
  let length = 0;
  let current: Paragraph | null = null;
  const flush = () => {
    if (!current || current.words.length === 0) return;
    const sep = paragraphs.length ? 2 : 0;
    const head = current.speaker !== null && current.labelled ? `${current.speaker}: ` : '';
    let at = length + sep + head.length;
    const start = at;
    const points: TimePoint[] = [];
    const texts: string[] = [];
    for (const w of current.words) {
      if (w.time !== null && (points.length === 0 || points[points.length - 1]!.time !== w.time)) points.push({ offset: at, time: w.time });
      texts.push(w.text);
      at += w.text.length + 1;
    }
    const words = texts.join(' ');
    paragraphs.push(head + words);
    length += sep + head.length + words.length;
    if (current.speaker !== null) {
      const turn: ParsedTurn = { speaker: current.speaker, start, end: start + words.length, interviewTime: current.words[0]!.time };
      if (points.length > 1) turn.timePoints = points;
      turns.push(turn);
    }
    current = null;
  };

  const followed = new Set<number>();
  const leading = new Set<number>();
  let speaker: string | null = null;
  let prev: CuePart | null = null;
  let paragraphWords = 0;
  for (const p of parts) {
    if (!p.text) continue;
    if (p.boilerplate) {
      flush();
      current = { speaker: null, labelled: false, words: [{ text: p.text, time: p.time }] };
      flush();
      continue;
    }
    let labelled = true;
    let who: string;
    if (!named) {
      who = UNNAMED_SPEAKER;
      labelled = false;
      // A monologue has no speaker changes to part it: a pause, or a long stretch ending a sentence, does.
      const pause = prev && p.time !== null && prev.endTime !== null && p.time - prev.endTime >= PARAGRAPH_PAUSE;
      const long = paragraphWords >= 150 && prev !== null && /[.!?…]["”’)]?$/.test(prev.text);
      if (current && p.cue !== prev?.cue && (pause || long)) flush();
    } else if (p.speaker !== null) {
      who = p.speaker;
    } else if (speaker !== null) {
      // A cue without a speaker of its own continues whoever spoke last.
      who = speaker;
      followed.add(p.cue);
    } else {
      who = UNNAMED_SPEAKER;
      labelled = false;
      leading.add(p.cue);
    }
    if (!current || current.speaker !== who || current.labelled !== labelled) {
      flush();
      current = { speaker: who, labelled, words: [] };
      paragraphWords = 0;
    }
    current.words.push({ text: p.text, time: p.time });
    if (!named) paragraphWords += p.text.split(' ').length;
    if (labelled) speaker = who;
    prev = p;
  }
  flush();

  if (!named && turns.length) {
    warnings.push(
      `No cue names its speaker: the words were imported as one speaker ("${UNNAMED_SPEAKER}"), ${turns.length} paragraph${turns.length === 1 ? '' : 's'} ` +
        'parted at pauses. Name the speaker and set their role in the preview.',
    );
  }
  if (leading.size) {
    warnings.push(
      `The first ${leading.size === 1 ? 'cue names' : `${leading.size} cues name`} no speaker; ${leading.size === 1 ? 'it was' : 'they were'} imported as ` +
        `"${UNNAMED_SPEAKER}". Rename that speaker in the preview if you know who it is.`,
    );
  }
  if (followed.size) {
    const n = followed.size;
    warnings.push(`${n} cue${n === 1 ? '' : 's'} without a speaker name ${n === 1 ? 'was' : 'were'} given to the speaker of the cue before (first: cue ${Math.min(...followed)}).`);
  }
  return { text: paragraphs.join('\n\n'), turns, warnings };
}
