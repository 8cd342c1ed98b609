/**
 * One transcript's text → turns and recall moments, whatever its layout (see lines.ts and cues.ts). Pure: the
 * file reading, encodings and Word documents are electron/import's job.
 */
import { DyadError } from '../domain/errors';
import { lostWords, lostWordsWarning } from './accounting';
import { boilerplateWarning, findBoilerplateLines } from './boilerplate';
import { countFromFirstStamp } from './clockOfDay';
import { cueSourceLines, parseCues } from './cues';
import { parseLines } from './lines';
import { compileMarkerPatterns, findSessionMarkers } from './markers';
import { normaliseText } from './normalise';
import { paragraphTurns } from './paragraphs';
import { UNNAMED_SPEAKER, type ParsedTranscript, type TranscriptFormat } from './types';

export interface ParseTranscriptOptions {
  /** Named in every error and warning. */
  fileName: string;
  /** The file's type when known ('docx' is kept as the result's format); otherwise the layout is detected. */
  format?: TranscriptFormat;
  /** The project's extra session-time marker patterns (regular expression sources; group 1 is the time). */
  customMarkerPatterns?: readonly string[];
  /**
   * Labels known to be speakers whatever their count, such as the names in a Word table's speaker column; other
   * labels must be frequent enough to count (see lines.ts).
   */
  speakers?: readonly string[];
}

export function parseTranscript(raw: string, opts: ParseTranscriptOptions): ParsedTranscript {
  const custom = compileMarkerPatterns(opts.customMarkerPatterns);
  const normal = normaliseText(raw);
  if (!normal.trim()) throw new DyadError('bad-file', `${opts.fileName} is empty`);

  const warnings: string[] = [];
  let text = normal;
  let format: TranscriptFormat;
  let turns: ParsedTranscript['turns'];
  let moments: ParsedTranscript['moments'];
  let noSpeakerLabels = false;

  const layout = opts.format === 'docx' || opts.format === 'timestamped' ? 'lines' : detectLayout(normal, opts.format);
  const cues = layout === 'lines' ? null : parseCues(normal);
  if (cues && cues.hasCues) {
    text = cues.text;
    format = layout === 'srt' ? 'srt' : 'vtt';
    turns = cues.turns;
    noSpeakerLabels = cues.noSpeakerLabels;
    warnings.push(...cues.warnings);
    // The text was rebuilt from the cues: check that every word of theirs made it.
    const lost = lostWordsWarning(lostWords(cueSourceLines(normal), text));
    if (lost) warnings.push(lost);
    moments = findSessionMarkers(text, custom, warnings).map(({ sessionTime, offset, label }) => ({ sessionTime, offset, label }));
  } else {
    if (cues) warnings.push(`${opts.fileName} has no subtitle cues; it was read as a plain transcript.`);
    // Here the stored text is the file's own text, so no word can be lost; what matters is which words are turns.
    const markers = findSessionMarkers(text, custom, warnings);
    const boilerplate = findBoilerplateLines(text);
    const skip = new Set(boilerplate.map((b) => b.line));
    const lines = parseLines(text, markers, opts.speakers, skip);
    warnings.push(...lines.warnings);
    turns = lines.turns;
    format = opts.format === 'docx' ? 'docx' : lines.timestamped || opts.format === 'timestamped' ? 'timestamped' : 'txt';
    if (turns.length === 0) {
      turns = paragraphTurns(text, markers, skip, opts.format === 'docx');
      noSpeakerLabels = turns.length > 0;
      if (noSpeakerLabels) warnings.push(unlabelledWarning(turns.length, lines.headings));
    } else {
      const note = countFromFirstStamp(turns);
      if (note) warnings.push(note);
    }
    const bp = boilerplateWarning(boilerplate);
    if (bp) warnings.push(bp);
    moments = markers.map(({ sessionTime, offset, label }) => ({ sessionTime, offset, label }));
  }

  if (turns.length === 0) {
    throw new DyadError(
      'bad-file',
      `${opts.fileName}: no words to import — the file holds only timings, markers or notes, no speaker turns or paragraphs`,
    );
  }
  const parsed: ParsedTranscript = { text, format, turns, moments, warnings: warnings.map((w) => `${opts.fileName}: ${w}`) };
  if (noSpeakerLabels) parsed.noSpeakerLabels = true;
  return parsed;
}

function unlabelledWarning(paragraphs: number, headings: readonly string[]): string {
  const shown = headings.slice(0, 4).map((h) => `"${h}:"`);
  const why = headings.length
    ? ` (lines starting ${shown.join(', ')}${headings.length > 4 ? ' …' : ''} read as headings: the text does not read as a conversation)`
    : '';
  return (
    `No speaker labels found${why}: imported as one speaker ("${UNNAMED_SPEAKER}"), ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'} as turns. ` +
    'Name the speaker and set their role in the preview.'
  );
}

/** Subtitles announce themselves: a WEBVTT header, or a cue number followed by a timing line. */
function detectLayout(text: string, hint: TranscriptFormat | undefined): 'vtt' | 'srt' | 'lines' {
  if (hint === 'vtt') return 'vtt';
  if (hint === 'srt') return 'srt';
  if (/^WEBVTT(?:[ \t\n]|$)/.test(text)) return 'vtt';
  const head = text.slice(0, 400).split('\n', 3);
  // Hours optional, one or two digits a field ("0:0:0.0 --> 0:0:0.570"), as players accept them.
  const timing = /^[ \t]*(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?[ \t]*-->[ \t]*\d/;
  if (timing.test(head[0] ?? '') || (/^\d+$/.test((head[0] ?? '').trim()) && timing.test(head[1] ?? ''))) return 'srt';
  return 'lines';
}
