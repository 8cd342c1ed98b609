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
  /**
   * Finer interview times inside the turn, when the file marks them (each subtitle cue of a long turn): the offset in
   * `text` where that stretch of words begins, and its interview time. In order; absent when the turn has one time.
   */
  timePoints?: TimePoint[];
}

export interface TimePoint {
  offset: number;
  time: number;
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
  /**
   * True when the file names no speakers (a monologue, dictated notes, a paper): its paragraphs became turns of one
   * speaker, UNNAMED_SPEAKER, for the researcher to name.
   */
  noSpeakerLabels?: boolean;
}

/** The speaker of turns the file gives no name to. */
export const UNNAMED_SPEAKER = 'Speaker';
