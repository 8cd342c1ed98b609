/** A side's unit of alignment: a recall moment when the interview marks session times, else a speaker turn. */
export interface AlignUnit {
  id: string;
  /** Session time in seconds; null for turns (no marker). */
  time: number | null;
}

export interface ManualDecision {
  clientUnitId: string;
  therapistUnitId: string;
  kind: 'link' | 'unlink';
}

/** One row of the side-by-side view. At most one unit per side. */
export interface AlignmentRow {
  /** The row's session time: the client's and therapist's mean when both have one. */
  sessionTime: number | null;
  client: string | null;
  therapist: string | null;
  /** How the two units came to share the row. 'none' when one side is empty. */
  match: 'auto' | 'manual' | 'none';
  /** |client time − therapist time| when both are timed. */
  delta: number | null;
}
