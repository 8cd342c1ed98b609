/**
 * One transcript's text → turns and recall moments, whatever its layout (see lines.ts and cues.ts). Pure: the
 * file reading, encodings and Word documents are electron/import's job.
 */
import { DyadError } from '../api/errors';
import { parseCues } from './cues';
import { parseLines } from './lines';
import { compileMarkerPatterns, findSessionMarkers } from './markers';
import { normaliseText } from './normalise';
import type { ParsedTranscript, TranscriptFormat } from './types';

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

  const layout = opts.format === 'docx' || opts.format === 'timestamped' ? 'lines' : detectLayout(normal, opts.format);
  const cues = layout === 'lines' ? null : parseCues(normal);
  if (cues && cues.hasCues) {
    text = cues.text;
    format = layout === 'srt' ? 'srt' : 'vtt';
    turns = cues.turns;
    warnings.push(...cues.warnings);
    moments = findSessionMarkers(text, custom, warnings).map(({ sessionTime, offset, label }) => ({ sessionTime, offset, label }));
  } else {
    if (cues) warnings.push(`${opts.fileName} has no subtitle cues; it was read as a plain transcript.`);
    const markers = findSessionMarkers(text, custom, warnings);
    const lines = parseLines(text, markers, opts.speakers);
    warnings.push(...lines.warnings);
    turns = lines.turns;
    format = opts.format === 'docx' ? 'docx' : lines.timestamped || opts.format === 'timestamped' ? 'timestamped' : 'txt';
    moments = markers.map(({ sessionTime, offset, label }) => ({ sessionTime, offset, label }));
  }

  if (turns.length === 0) {
    throw new DyadError(
      'bad-file',
      `${opts.fileName}: no speaker turns found — expected lines like "I: …" / "Client: …" at the start of each turn, ` +
        'a transcription export with speaker names, or subtitles with speaker names',
    );
  }
  return { text, format, turns, moments, warnings: warnings.map((w) => `${opts.fileName}: ${w}`) };
}

/** Subtitles announce themselves: a WEBVTT header, or a cue number followed by a timing line. */
function detectLayout(text: string, hint: TranscriptFormat | undefined): 'vtt' | 'srt' | 'lines' {
  if (hint === 'vtt') return 'vtt';
  if (hint === 'srt') return 'srt';
  if (/^WEBVTT(?:[ \t\n]|$)/.test(text)) return 'vtt';
  const head = text.slice(0, 400).split('\n', 3);
  const timing = /^[ \t]*(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[ \t]+-->[ \t]+/;
  if (timing.test(head[0] ?? '') || (/^\d+$/.test((head[0] ?? '').trim()) && timing.test(head[1] ?? ''))) return 'srt';
  return 'lines';
}
