/**
 * The operations a replica of a team's project exchanges with the lab server (electron/labServer/), and who may
 * push which. Pure: the server enforces the same rules in its schema (electron/labServer/serverSchema.ts), the
 * replica checks them first so that a coder is told before anything is sent.
 *
 * An operation names one row of one table and carries either the whole row as it was when pushed (`put`), its
 * deletion (`delete`), or, for codes, one field (`set`): codings and memos are sets by id, code fields are
 * last-writer-wins in the server's order, field by field. A transcript correction carries the interview's whole new
 * text; each replica turns it into the smallest edit of its own text and moves codings by the offset rules
 * (shared/coding/offsets.ts).
 */

export type OpTarget = 'coders' | 'codebooks' | 'codes' | 'codings' | 'memos' | 'interviews' | 'turns' | 'moments';

/** What a transcript correction changes: the text, and the turns and moments it moved (a lead's alone). */
export const TRANSCRIPT_TARGETS: readonly OpTarget[] = ['interviews', 'turns', 'moments'];

/** The columns of a code that are set one by one (the order of record decides each separately). */
export const CODE_FIELDS = ['parent_id', 'name', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'shortcut', 'position'] as const;
export type CodeField = (typeof CODE_FIELDS)[number];

export type Op =
  | { kind: 'put'; target: Exclude<OpTarget, 'interviews'>; rowId: string; row: Record<string, unknown> }
  /** `seen` (a code's deletion): the server sequence its author had pulled (electron/labServer/deletedCodes.ts). */
  | { kind: 'delete'; target: Exclude<OpTarget, 'interviews'>; rowId: string; owner: string | null; seen?: number }
  /** A lead's removal of an interview: its codings and memos go with it on every replica. */
  | { kind: 'delete'; target: 'interviews'; rowId: string; owner: null; seen?: undefined }
  /** `seen`: the server sequence its author had pulled when making the change (electron/labServer/conflicts.ts). */
  | { kind: 'set'; target: 'codes'; rowId: string; field: CodeField; value: unknown; seen?: number }
  /**
   * `text`: the interview's whole text after the correction. `seen`: the server sequence it is made on: a replica
   * pushes only after pulling everything, and rebases its unpushed corrections on any arriving one first
   * (electron/labServer/rebase.ts), so a correction on the server always applies to the text just before it.
   */
  | { kind: 'text'; target: 'interviews'; rowId: string; text: string; seen?: number }
  /** A new interview (a lead's import after publishing), the whole of it. */
  | { kind: 'put'; target: 'interviews'; rowId: string; row: NewInterview };

/**
 * An interview added after publishing, as one operation: its row and those of its dyad and session (made by the
 * same import when new), its speaker turns and recall moments. Rows as the tables hold them.
 */
export interface NewInterview {
  dyad: Record<string, unknown>;
  session: Record<string, unknown>;
  interview: Record<string, unknown>;
  turns: Record<string, unknown>[];
  moments: Record<string, unknown>[];
}

/** An operation with its stable id, as it is stored on the server, with the server's sequence once recorded. */
export interface StoredOp {
  opId: string;
  seq: number;
  author: string;
  op: Op;
}

/** Whose row an operation touches: the coder id of a coding or memo (null for everything else). */
export function ownerOf(op: Op): string | null {
  if (op.target !== 'codings' && op.target !== 'memos') return null;
  if (op.kind === 'put') return typeof op.row.coder_id === 'string' ? op.row.coder_id : null;
  if (op.kind === 'delete') return op.owner;
  return null;
}

/**
 * What a member who is not a lead may push: their own codings and memos, and their own coder row. The codebook,
 * the transcripts and the project's structure are the leads'. Returns why not, or null when allowed.
 */
export function refusal(op: Op, member: { coderId: string; lead: boolean }): string | null {
  if (member.lead) return null;
  if (op.target === 'codings' || op.target === 'memos') {
    return ownerOf(op) === member.coderId ? null : `only a lead changes another coder's ${op.target === 'codings' ? 'codings' : 'memos'}`;
  }
  if (op.target === 'coders') return op.rowId === member.coderId ? null : 'only a lead adds or changes other coders';
  if (op.target === 'interviews' && op.kind === 'put') return 'only a lead adds interviews';
  if (op.target === 'interviews' && op.kind === 'delete') return 'only a lead removes interviews';
  if (TRANSCRIPT_TARGETS.includes(op.target)) return 'only a lead corrects transcripts';
  return 'only a lead changes the codebook';
}

/** A short description for messages: "a coding", "the name of a code". */
export function describeOp(op: Op): string {
  const noun = { coders: 'a coder', codebooks: 'a codebook', codes: 'a code', codings: 'a coding', memos: 'a memo', interviews: 'a transcript', turns: 'a speaker turn', moments: 'a recall moment' }[op.target];
  if (op.kind === 'set') return `the ${op.field.replace('_id', '')} of ${noun}`;
  if (op.kind === 'text') return `a correction of ${noun}`;
  if (op.kind === 'put' && op.target === 'interviews') return 'a new interview';
  if (op.kind === 'delete' && op.target === 'interviews') return 'the removal of an interview';
  return op.kind === 'delete' ? `the deletion of ${noun}` : noun;
}
