/**
 * Subtitle layouts: WebVTT (Zoom writes "Name: text" cues, Teams writes "<v Name>text</v>") and SRT.
 *
 * Cue numbers, ids, timing lines, NOTE/STYLE/REGION blocks and markup are dropped; what remains is rebuilt as
 * a text a researcher can read and quote: one paragraph per turn, "Speaker: words", paragraphs separated by a
 * blank line. Consecutive cues of one speaker (and cues with no speaker of their own) make one turn, whose
 * interview time is its first cue's start. Session-time markers inside cue text are kept in the words.
 */
import { labelKey, mayBeSpeaker } from './labels';
import { isKnownSpeakerLabel } from './speakers';
import { threshold } from './lines';
import { parseTime } from './time';
import type { ParsedTurn } from './types';

interface CuePart {
  time: number | null;
  speaker: string | null;
  text: string;
}

export interface CueParse {
  /** False when the text has no timing lines at all: it is not a subtitle file. */
  hasCues: boolean;
  text: string;
  turns: ParsedTurn[];
  warnings: string[];
}

const TIMING = /^[ \t]*((?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)[ \t]+-->[ \t]+\S+/;
const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/g;
const TAG = /<[^>\n]*>/g;
// Video-call display names are free text ("Jane Doe (she/her)", "jdoe@clinic.org"), so cue labels are looser
// than plain-text ones: up to 60 characters before ": ", not starting like a marker; frequency decides the rest.
const ZOOM_LABEL = /(?:>>|-)?[ \t]*([^\s:[({][^:\n]{0,59}?)[ \t]*:(?!\/\/)[ \t]+/y;

export function parseCues(text: string): CueParse {
  const warnings: string[] = [];
  const raw: CuePart[] = [];
  let cues = 0;
  let badTimings = 0;

  const lines = text.split('\n');
  let lastStart: number | null = null;
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
      if (lastStart !== null && !/^WEBVTT(?:[ \t]|$)/.test(block[0]!)) {
        for (const seg of payloadSegments(block.map((l) => l.trim()))) for (const part of splitVoices(seg)) raw.push({ ...part, time: lastStart });
      }
      continue;
    }
    // Files with a missing blank line run two cues into one block: every timing line starts a cue.
    let start: number | null = null;
    let payload: string[] | null = null;
    const emit = () => {
      if (!payload || start === null) return;
      cues++;
      lastStart = start;
      for (const seg of payloadSegments(payload)) for (const part of splitVoices(seg)) raw.push({ ...part, time: start });
    };
    for (let x = k; x < block.length; x++) {
      const line = block[x]!.trim();
      const timing = line.includes('-->') ? TIMING.exec(line) : null;
      if (timing || x === k) {
        if (payload && payload.length && /^\d+$/.test(payload[payload.length - 1]!)) payload.pop();
        emit();
        start = timing ? parseTime(timing[1]!) : null;
        payload = start === null ? null : [];
        if (start === null) badTimings++;
      } else if (payload) payload.push(line);
    }
    emit();
  }
  if (badTimings) warnings.push(`${badTimings} subtitle cue(s) with an unreadable timing line were skipped.`);
  if (cues === 0) return { hasCues: false, text: '', turns: [], warnings };

  assignZoomSpeakers(raw);
  return { hasCues: true, ...assemble(raw), warnings };
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
 * Zoom and many SRT files put "Name: " before each cue's words. As in plain text, a label counts only when it is
 * frequent enough in the file, so a cue that happens to start with "Note:" stays words.
 */
function assignZoomSpeakers(parts: CuePart[]): void {
  const found: ({ name: string; rest: string } | null)[] = parts.map((p) => {
    if (p.speaker !== null) return null;
    ZOOM_LABEL.lastIndex = 0;
    const m = ZOOM_LABEL.exec(p.text);
    return m && mayBeSpeaker(m[1]!, true) ? { name: m[1]!, rest: p.text.slice(m[0].length) } : null;
  });
  const counts = new Map<string, number>();
  for (const f of found) if (f) counts.set(labelKey(f.name), (counts.get(labelKey(f.name)) ?? 0) + 1);
  const { general, known } = threshold([...counts.values()]);
  parts.forEach((p, i) => {
    const f = found[i];
    if (!f) return;
    const n = counts.get(labelKey(f.name))!;
    if (n >= (isKnownSpeakerLabel(f.name) ? known : general)) {
      p.speaker = f.name;
      p.text = f.rest;
    }
  });
}

function assemble(parts: CuePart[]): { text: string; turns: ParsedTurn[] } {
  const paragraphs: string[] = [];
  const turns: ParsedTurn[] = [];
  let length = 0;
  let current = null as { speaker: string | null; time: number | null; words: string[] } | null;
  const flush = () => {
    if (!current || current.words.length === 0) return;
    const words = current.words.join(' ');
    const sep = paragraphs.length ? 2 : 0;
    if (current.speaker === null) {
      paragraphs.push(words);
      length += sep + words.length;
    } else {
      const head = `${current.speaker}: `;
      const start = length + sep + head.length;
      paragraphs.push(head + words);
      turns.push({ speaker: current.speaker, start, end: start + words.length, interviewTime: current.time });
      length += sep + head.length + words.length;
    }
  };
  for (const p of parts) {
    // A cue without a speaker of its own continues whoever spoke last.
    const speaker: string | null = p.speaker ?? current?.speaker ?? null;
    if (!current || speaker !== current.speaker) {
      flush();
      current = { speaker, time: p.time, words: [] };
    }
    if (p.text) current.words.push(p.text);
  }
  flush();
  return { text: paragraphs.join('\n\n'), turns };
}
