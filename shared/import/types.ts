/** What a transcript parser finds in one file, before anything is written. Offsets: UTF-16 (shared/text/offsets.ts). */
export type TranscriptFormat = 'txt' | 'docx' | 'vtt' | 'srt' | 'timestamped';

export interface ParsedTurn {
  /** The speaker label as written ("I", "Client", "Dr Okafor"). */
  speaker: string;
  /** The spoken text of the turn, without its label, in `text`. */
  start: number;
  end: number;
  /** Interview clock (the interview's own elapsed time), when marked; never a session time. */
  interviewTime: number | null;
}

export interface ParsedMoment {
  /** Position in the session recording, seconds. */
  sessionTime: number;
  /** Offset of the marker in `text`. */
  offset: number;
  /** The marker as written, e.g. "[video 00:12:34]". */
  label: string;
}

export interface ParsedTranscript {
  /** The transcript's text as Dyad stores it (line endings normalised to \n). */
  text: string;
  format: TranscriptFormat;
  turns: ParsedTurn[];
  moments: ParsedMoment[];
  warnings: string[];
}
