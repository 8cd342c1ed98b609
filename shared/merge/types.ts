/**
 * The merge of one project (or codebook) into another, as data: what the lead reviews (MergeSummary with its
 * conflicts) and what is then written (MergeOperations). Ids in operations are ids in the merged project.
 */
import type { Role } from '../domain/types';
import type { ProjectSnapshot, SnapshotCode, SnapshotCodebook, SnapshotCoder, SnapshotCoding, SnapshotInterview, SnapshotLink, SnapshotMemo } from '../snapshot/types';

export type ConflictKind =
  /** The same code (same id) has another name in the incoming file. */
  | 'code-rename'
  /** The same code sits under another parent in the incoming file. */
  | 'code-parent'
  /** Colour, definition, inclusion or exclusion criteria, or example differ. */
  | 'code-field'
  /** A new code would take the name of a different code already under the same parent. */
  | 'code-name-clash'
  /** The same interview (same id) has a different text: one copy was corrected. */
  | 'interview-text'
  /** A new interview's dyad/session/role already holds another interview. */
  | 'interview-slot'
  /** A new interview has no dyad, session and role (REFI-QDA files from other tools). */
  | 'interview-unplaced'
  /** A dyad attribute has another value in the incoming file. */
  | 'dyad-attribute'
  /** The same memo (same id) was edited differently. */
  | 'memo-text';

export interface ConflictOption {
  id: string;
  label: string;
}

export interface MergeConflict {
  /** Stable across previews of the same files: `kind:subject[:field]`. The lead's choices are keyed by it. */
  id: string;
  kind: ConflictKind;
  /** One sentence for the researcher. */
  description: string;
  options: ConflictOption[];
  /** The option taken when the lead does not choose (never one that drops data). */
  defaultOption: string;
  /** What this project has and what the incoming file has, for showing side by side. */
  mine: string | null;
  theirs: string | null;
  /** The code, interview, dyad or memo of this project the conflict is about (null for something new). */
  subjectId: string | null;
}

/** Conflict id → option id. Conflicts not listed take their default. */
export type MergeChoices = Readonly<Record<string, string>>;

export interface MergeOptions {
  /** The incoming file's name, for messages and for names that must be told apart ("Trust (bea.dyad)"). */
  fromLabel: string;
  /**
   * Codebook import: every code of the incoming file goes into this codebook, matched only against its codes.
   * The codebook is created (with `name`) when the project does not have it.
   */
  codebook?: { id: string; name: string };
}

export interface CodeUpdate {
  name?: string;
  parentId?: string | null;
  position?: number;
  color?: string;
  definition?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  shortcut?: string;
}

export interface InterviewToAdd extends Omit<SnapshotInterview, 'dyad' | 'session' | 'role'> {
  sessionId: string;
  role: Role;
}

/** A moment link for a session of the merged project, its units named as they are there. */
export interface LinkToAdd extends SnapshotLink {
  sessionId: string;
}

/**
 * The recall moments and speaker turns of some interviews of the project merged into, for a snapshot read without
 * them (electron/snapshot/read.ts): only the interviews whose hand-drawn links are carried over need them.
 * Turns may be left out for an interview that has recall moments (its moments are then the units links name).
 */
export type PartsReader = (interviewIds: readonly string[]) => Map<string, Pick<SnapshotInterview, 'turns' | 'moments'>>;

/** Everything the merge writes, in an order that satisfies every reference. */
export interface MergeOperations {
  coders: SnapshotCoder[];
  codebooks: SnapshotCodebook[];
  /** Parents before children. */
  codesAdded: SnapshotCode[];
  codesUpdated: { id: string; set: CodeUpdate }[];
  dyadsAdded: { id: string; name: string; attributes: Record<string, string> }[];
  /** The dyad's whole attribute object after the merge, and before it (for undoing). */
  dyadsUpdated: { id: string; attributes: Record<string, string>; before: Record<string, string> }[];
  sessionsAdded: { id: string; dyadId: string; number: number; date: string | null; recordingPath: string | null }[];
  /** Sessions here without a recording that take the one the incoming file names (and what they had, for undoing). */
  sessionRecordings: { id: string; recordingPath: string; before: string | null }[];
  /** Interviews here without a recording of their own that take the one the incoming file names, as sessions do. */
  interviewRecordings: { id: string; audioPath: string; before: string | null }[];
  interviewsAdded: InterviewToAdd[];
  codingsAdded: SnapshotCoding[];
  memosAdded: SnapshotMemo[];
  memosUpdated: { id: string; title: string; text: string }[];
  /** After every link this project's sessions have, in the order they were drawn (shared/merge/links.ts). */
  linksAdded: LinkToAdd[];
}

/** Where each thing of the incoming file ended up: its id in the merged project (absent when left out by choice). */
export interface MergeIdMap {
  coders: Map<string, string>;
  codebooks: Map<string, string>;
  codes: Map<string, string>;
  dyads: Map<string, string>;
  sessions: Map<string, string>;
  interviews: Map<string, string>;
  codings: Map<string, string>;
  memos: Map<string, string>;
}

export interface MergeSummary {
  from: string;
  coders: { added: string[]; matched: number };
  codebooks: { added: string[]; matched: number };
  codes: {
    added: { id: string; path: string }[];
    matchedById: number;
    matchedByName: { id: string; path: string }[];
    /** Codes of this project that change: blanks filled in, and the lead's choices. */
    updated: { id: string; path: string; fields: string[] }[];
  };
  dyads: { added: string[]; updated: string[] };
  sessions: {
    added: number;
    /** Sessions here that had no recording and take the incoming file's. */
    recordings: number;
  };
  interviews: {
    added: { id: string; sourceName: string; dyad: string; session: number; role: Role }[];
    matchedById: number;
    matchedByText: number;
    /** Left out by the lead's choice, with their codings. */
    skipped: { id: string; sourceName: string; codings: number }[];
  };
  codings: {
    added: number;
    /** Already in this project (same interview, passage, code and coder). */
    alreadyThere: number;
    byCoder: { coder: string; added: number }[];
    /** Codings of a corrected interview whose passage the kept text no longer has (see TextMap). */
    unplaced: number;
  };
  memos: { added: number; matched: number; updated: number };
  /** Moment links and unlinks drawn by hand (the incoming file's), see shared/merge/links.ts. */
  links: {
    added: number;
    /** The session here already has a link or unlink between the same two units. */
    alreadyThere: number;
    /** Their units have no counterpart here (each session's are named in `warnings`). */
    skipped: number;
  };
  conflicts: MergeConflict[];
  warnings: string[];
  /** Merging would change nothing: the file is already in the project. */
  nothingToDo: boolean;
}

export interface MergePlan {
  summary: MergeSummary;
  operations: MergeOperations;
  ids: MergeIdMap;
  /** The inputs, kept so that `resolveMerge(plan, choices)` can plan again with the lead's choices. */
  inputs: { into: ProjectSnapshot; from: ProjectSnapshot; options: MergeOptions; readParts?: PartsReader | undefined };
}
