/**
 * A whole project as plain data: what a `.dyad` file or a REFI-QDA `.qdpx` is read into before it is merged,
 * imported or exported. Ids are Dyad's lower-case UUIDs (REFI GUIDs are normalised on the way in).
 * Offsets are UTF-16 code units into `text` (shared/text/offsets.ts); REFI's code points are converted at the
 * REFI boundary.
 */
import type { Code, Codebook, Coder } from '../coding/types';
import type { Role, SpeakerRole } from '../domain/types';

/** A coder as a snapshot keeps one: no creation time (a merge or a REFI file does not carry it). */
export type SnapshotCoder = Pick<Coder, 'id' | 'name'>;

/** A code as a snapshot keeps one: its path is derived from the tree, its times are the file's own. */
export type SnapshotCode = Omit<Code, 'path' | 'createdAt' | 'updatedAt'>;

export type SnapshotCodebook = Pick<Codebook, 'id' | 'name'>;

export interface SnapshotInterview {
  id: string;
  /** Dyad, session and role when known (REFI sources arrive without them until the researcher assigns them). */
  dyad: string | null;
  session: number | null;
  role: Role | null;
  sourceName: string;
  /** The interview's own recording; absent where the source has no such thing (REFI-QDA), null when none is set. */
  audioPath?: string | null;
  text: string;
  turns: SnapshotTurn[];
  moments: { id: string; sessionTime: number; offset: number; label: string }[];
}

interface SnapshotTurn {
  id: string;
  seq: number;
  speaker: string;
  speakerRole: SpeakerRole;
  start: number;
  end: number;
  interviewTime: number | null;
  /**
   * The interview times inside the turn (a subtitle file's cues), as the project stores them: [offset from the
   * turn's start in UTF-16 code units, seconds]. Absent when the turn has only its own time.
   */
  timePoints?: TimePoint[];
}

/** One cue time inside a turn: [offset from the turn's start, interview time in seconds]. */
export type TimePoint = [offset: number, seconds: number];

/** A turn's time points from the `turns.time_points` column (JSON), or nothing when it holds none or is unreadable. */
export function timePointsFromColumn(json: string | null): TimePoint[] | undefined {
  if (!json) return undefined;
  try {
    const points = validTimePoints(JSON.parse(json));
    return points?.length ? points : undefined;
  } catch {
    return undefined;
  }
}

/** The `turns.time_points` column's value for a turn's time points. */
export const timePointsColumn = (points: readonly TimePoint[] | undefined): string | null => (points?.length ? JSON.stringify(points) : null);

/** Time points read from outside (a project's column, a .qdpx's Dyad data): null when they are not [offset, seconds] pairs. */
export function validTimePoints(v: unknown): TimePoint[] | null {
  if (!Array.isArray(v)) return null;
  const out: TimePoint[] = [];
  for (const p of v) {
    if (!Array.isArray(p) || p.length !== 2 || !Number.isSafeInteger(p[0]) || p[0] < 0 || typeof p[1] !== 'number' || !Number.isFinite(p[1]) || p[1] < 0) return null;
    out.push([p[0], p[1]]);
  }
  return out;
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
