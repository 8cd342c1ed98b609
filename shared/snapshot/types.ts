/**
 * A whole project as plain data: what a `.dyad` file or a REFI-QDA `.qdpx` is read into before it is merged,
 * imported or exported. Ids are Dyad's lower-case UUIDs (REFI GUIDs are normalised on the way in).
 * Offsets are UTF-16 code units into `text` (shared/text/offsets.ts); REFI's code points are converted at the
 * REFI boundary.
 */
import type { Role, SpeakerRole } from '../domain/types';

export interface SnapshotCoder {
  id: string;
  name: string;
}

export interface SnapshotCode {
  id: string;
  codebookId: string;
  parentId: string | null;
  name: string;
  color: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  shortcut: string | null;
  position: number;
}

export interface SnapshotCodebook {
  id: string;
  name: string;
}

export interface SnapshotInterview {
  id: string;
  /** Dyad, session and role when known (REFI sources arrive without them until the researcher assigns them). */
  dyad: string | null;
  session: number | null;
  role: Role | null;
  sourceName: string;
  text: string;
  turns: { id: string; seq: number; speaker: string; speakerRole: SpeakerRole; start: number; end: number; interviewTime: number | null }[];
  moments: { id: string; sessionTime: number; offset: number; label: string }[];
}

export interface SnapshotCoding {
  id: string;
  interviewId: string;
  codeId: string;
  coderId: string;
  start: number;
  end: number;
  createdAt: string;
}

export interface SnapshotMemo {
  id: string;
  targetKind: 'project' | 'code' | 'coding' | 'interview' | 'session' | 'dyad';
  /** For 'dyad' targets the dyad's name is kept in `targetName` too, since ids differ between copies. */
  targetId: string;
  targetName?: string;
  coderId: string | null;
  title: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A decision the researcher drew in a session's side-by-side view: a 'link' pairs a client unit with a therapist
 * unit, an 'unlink' forbids their automatic pairing (shared/align/decisions.ts replays them in `createdAt` order).
 * A unit is a recall moment's id, a speaker turn's id (on a side that marks no session times), or
 * `open:<interviewId>` for the stretch before an interview's first recall moment (electron/core/alignment.ts).
 */
export interface SnapshotLink {
  id: string;
  clientUnitId: string;
  therapistUnitId: string;
  kind: 'link' | 'unlink';
  createdAt: string;
}

export interface SnapshotSession {
  id: string;
  number: number;
  date: string | null;
  /** Absent where the source has no such thing (REFI-QDA); null or '' when none was set. */
  recordingPath?: string | null;
  /** In the order they were drawn. Absent where the source has none (REFI-QDA). */
  links?: SnapshotLink[];
}

export interface SnapshotDyad {
  id: string;
  name: string;
  attributes: Record<string, string>;
  sessions: SnapshotSession[];
}

export interface ProjectSnapshot {
  name: string;
  coders: SnapshotCoder[];
  codebooks: SnapshotCodebook[];
  codes: SnapshotCode[];
  dyads: SnapshotDyad[];
  interviews: SnapshotInterview[];
  codings: SnapshotCoding[];
  memos: SnapshotMemo[];
}
