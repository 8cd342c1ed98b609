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

/** Why a manual decision has no effect on the rows. */
export type IgnoredReason =
  /** It names a unit that is not on its side (e.g. a moment that a re-import removed). */
  | 'unknown-unit'
  /** A link that would cross a link accepted earlier: rows cannot keep both in reading order. */
  | 'crosses-earlier-link'
  /** A later link took one of its two units: a unit sits in at most one link. */
  | 'replaced-by-later-link'
  /** A later decision about the same two units (link after unlink, unlink after link, or a repeat). */
  | 'superseded';

export interface IgnoredDecision {
  decision: ManualDecision;
  /** Its position in the decisions passed in (creation order). */
  index: number;
  reason: IgnoredReason;
  /** Position of the decision that overrode it or that it would cross; null for 'unknown-unit'. */
  because: number | null;
}

export interface AlignmentReport {
  rows: AlignmentRow[];
  /** Decisions without effect, in creation order, so the view can tell the researcher which and why. */
  ignored: IgnoredDecision[];
}
