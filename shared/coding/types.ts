/** The coding vocabulary as types: coders, codebooks, codes, codings, memos, undo. Offsets: UTF-16 code units. */

export interface Coder {
  id: string;
  name: string;
  createdAt: string;
}

export interface Codebook {
  id: string;
  name: string;
  createdAt: string;
}

export interface Code {
  id: string;
  codebookId: string;
  /** null for a top-level code. */
  parentId: string | null;
  name: string;
  /** #RRGGBB, upper-case. */
  color: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  /** A key or chord the coding view binds to this code, e.g. "1" or "Alt+S"; unique within a codebook. */
  shortcut: string | null;
  /** Order among siblings, 0-based. */
  position: number;
  /** Ancestry as a code path, e.g. "Rupture/Withdrawal" (shared/coding/paths.ts). */
  path: string;
  createdAt: string;
  updatedAt: string;
}

/** A code in the codebook tree, with how much it is used. */
export interface CodeNode extends Code {
  /** Codings of this code itself. */
  codingCount: number;
  /** Codings of this code and all its sub-codes. */
  totalCodingCount: number;
  /** The same two counts for one coder's codings, when the list was asked for with a coder. */
  coderCounts?: { codingCount: number; totalCodingCount: number };
  children: CodeNode[];
}

export interface CodebookTree extends Codebook {
  codeCount: number;
  codingCount: number;
  /** That coder's codings in the book, when the list was asked for with a coder. */
  coderCodingCount?: number;
  /** Top-level codes in order, each with its sub-codes. */
  codes: CodeNode[];
}

/** A coded passage: text[start, end) of an interview tagged with a code by a coder. */
export interface Coding {
  id: string;
  interviewId: string;
  codeId: string;
  coderId: string;
  start: number;
  end: number;
  createdAt: string;
}

/** A coding with what the transcript view needs to draw it. */
export interface CodingView extends Coding {
  codeName: string;
  codePath: string;
  color: string;
  coderName: string;
}

export type MemoTargetKind = 'project' | 'code' | 'coding' | 'interview' | 'session' | 'dyad';
export const MEMO_TARGET_KINDS: readonly MemoTargetKind[] = ['project', 'code', 'coding', 'interview', 'session', 'dyad'];

export interface Memo {
  id: string;
  targetKind: MemoTargetKind;
  /** null for a memo on the project. */
  targetId: string | null;
  /** What the memo is about, in words: a code path, an interview's file name, "dyad 4, session 1"… */
  targetLabel: string;
  coderId: string | null;
  coderName: string | null;
  title: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  /** What Undo would undo, e.g. "Merge 'Shame' into 'Embarrassment'". */
  undoLabel: string | null;
  redoLabel: string | null;
}
