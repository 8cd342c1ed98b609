/**
 * The researcher's vocabulary as types. Offsets: see shared/text/offsets.ts (UTF-16 code units).
 * Times are seconds (number). "Session time" is a position in the session recording; "interview time" is the
 * IPR interview's own clock. They are never mixed.
 */

export type Role = 'client' | 'therapist' | 'other';
export const ROLES: readonly Role[] = ['client', 'therapist', 'other'];

/** Who speaks in an IPR interview: the interviewer who stops the tape, or the participant recalling. */
export type SpeakerRole = 'interviewer' | 'participant' | 'unknown';

export interface Dyad {
  id: string;
  name: string;
  attributes: Record<string, string>;
}

export interface Session {
  id: string;
  dyadId: string;
  number: number;
  date: string | null;
  recordingPath: string | null;
}

export interface InterviewSummary {
  id: string;
  sessionId: string;
  role: Role;
  sourceName: string;
  wordCount: number;
  turnCount: number;
  momentCount: number;
  /** The interview's own recording: relative to the project file when beside it (see electron/core/media.ts). */
  audioPath: string | null;
}

export interface Turn {
  id: string;
  seq: number;
  speaker: string;
  speakerRole: SpeakerRole;
  /** Offsets of the spoken text (without the speaker label) in the interview's text. */
  start: number;
  end: number;
  /** Interview clock, when the transcript marks it. */
  interviewTime: number | null;
  /**
   * Finer interview times inside the turn (each subtitle cue of a long turn): where in the interview's text that
   * stretch begins, and its interview time. Absent when the turn has only its own time.
   */
  timePoints?: { offset: number; interviewTime: number }[];
}

/** A point where playback was stopped, with the session-recording time the transcript marks. */
export interface RecallMoment {
  id: string;
  /** Seconds into the session recording. */
  sessionTime: number;
  /** Offset of the marker in the interview text; the moment's passage runs to the next moment. */
  offset: number;
  /** The marker as written, e.g. "[video 00:12:34]". */
  label: string;
}

export interface Interview extends InterviewSummary {
  text: string;
  turns: Turn[];
  moments: RecallMoment[];
}

/** A hand-drawn decision about which client unit and therapist unit belong to the same moment. */
export interface MomentLink {
  id: string;
  sessionId: string;
  /** A recall moment id, or a turn id when that side has no session-time markers. */
  clientUnitId: string;
  therapistUnitId: string;
  /** 'link' pairs the two; 'unlink' forbids the automatic pairing of the two. */
  kind: 'link' | 'unlink';
}

export interface ProjectSettings {
  /** Client and therapist moments within this many seconds share a row. */
  alignToleranceSeconds: number;
  /** Extra session-time marker patterns (regular expression source; the first capture group is the time). */
  customMarkerPatterns: string[];
  /** File-name pattern for folder imports, with {dyad}, {session} and {role} placeholders. */
  fileNamePattern: string;
}

export const DEFAULT_SETTINGS: ProjectSettings = {
  alignToleranceSeconds: 15,
  customMarkerPatterns: [],
  fileNamePattern: 'D{dyad}_S{session}_{role}',
};
