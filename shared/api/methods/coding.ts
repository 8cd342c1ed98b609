/**
 * Coding calls: coders, codebooks and their codes, codings, memos, undo/redo, transcript corrections.
 * Every call that changes something is one undoable step (except coders.setCurrent, which says who is working)
 * and is followed by a 'changed' event naming what changed: 'codebooks', 'codings', 'memos', 'coders',
 * 'interviews', 'undo'. Offsets are UTF-16 code units (shared/text/offsets.ts); code paths are described in
 * shared/coding/paths.ts ("Rupture/Withdrawal", a '/' in a name written '\/').
 */
import { z } from 'zod';
import {
  code,
  codebook,
  codebookTree,
  codeName,
  coder,
  coderSummary,
  codingView,
  color,
  longText,
  memo,
  memoTargetKind,
  offset,
  shortcut,
  undoState,
} from '../../coding/schemas';
import { method } from '../define';
import { id, role, savedFile, wellFormedText } from '../schemas';

const codeFields = {
  color: color.optional(),
  definition: wellFormedText(longText).optional(),
  inclusion: wellFormedText(longText).optional(),
  exclusion: wellFormedText(longText).optional(),
  example: wellFormedText(longText).optional(),
  /** A key or chord bound to this code in the coding view ("1", "Alt+S"); unique within a codebook; null clears. */
  shortcut: shortcut.optional(),
};

/** Omitted: the project's current coder (coders.setCurrent); the call fails when none is chosen. */
const coderId = id.nullable().optional();

const codingResult = z.object({
  coding: codingView,
  /** False when the same code, coder and passage were already there: the existing coding is returned. */
  created: z.boolean(),
});

export const codeUsage = z.object({
  codingCount: z.number().int(),
  subCodeCount: z.number().int(),
  subCodeCodingCount: z.number().int(),
  memoCount: z.number().int(),
});

const mergeResult = z.object({
  code,
  movedCodings: z.number().int(),
  collapsedDuplicates: z.number().int(),
  movedSubCodes: z.number().int(),
  mergedSubCodes: z.number().int(),
  movedMemos: z.number().int(),
});

const correctionResult = z.object({
  interviewId: id,
  edit: z.object({ start: z.number().int(), end: z.number().int(), replacementLength: z.number().int(), delta: z.number().int() }).nullable(),
  textLength: z.number().int(),
  shiftedCodings: z.number().int(),
  resizedCodings: z.number().int(),
  removedCodings: z.array(
    z.object({
      id,
      codeId: id,
      codeName: z.string(),
      coderName: z.string(),
      text: z.string(),
      reason: z.enum(['deleted-text', 'duplicate']),
    }),
  ),
  deletedMemos: z.number().int(),
  changedTurns: z.number().int(),
  changedMoments: z.number().int(),
});

const codingFilter = { coderId: id.nullable().optional(), codeId: id.nullable().optional() };

export const codingMethods = {
  // Coders
  'coders.list': method({
    summary: 'Every coder of the project, with how many codings each made and which one is current.',
    input: z.object({}),
    output: z.array(coderSummary),
  }),
  'coders.current': method({
    summary: 'Who is coding in this project (null until chosen).',
    input: z.object({}),
    output: coder.nullable(),
  }),
  'coders.ensure': method({
    summary: 'The coder with this name (case-insensitive), added when new; does not change who is current.',
    input: z.object({ name: z.string().trim().min(1).max(100) }),
    output: coder,
  }),
  'coders.setCurrent': method({
    summary: 'Choose who is coding, by name (a new name adds a coder). Not an undoable step.',
    input: z.object({ name: wellFormedText(z.string().trim().min(1).max(100)) }),
    output: coder,
  }),

  // Codebooks
  'codebooks.list': method({
    summary: "Every codebook with its tree of codes (in order) and coding counts; with coderId, also that coder's counts (coderCounts, coderCodingCount).",
    input: z.object({ coderId: id.nullable().optional() }),
    output: z.array(codebookTree),
  }),
  'codebooks.create': method({
    summary: 'Add a codebook (names unique in the project).',
    input: z.object({ name: wellFormedText(z.string().trim().min(1).max(200)) }),
    output: codebook,
  }),
  'codebooks.rename': method({
    summary: 'Rename a codebook.',
    input: z.object({ codebookId: id, name: wellFormedText(z.string().trim().min(1).max(200)) }),
    output: codebook,
  }),
  'codebooks.delete': method({
    summary: 'Delete a codebook with its codes, their codings and memos (undoable); reports the counts.',
    input: z.object({ codebookId: id }),
    output: z.object({ codebook, deletedCodes: z.number().int(), deletedCodings: z.number().int(), deletedMemos: z.number().int() }),
  }),

  'codebooks.exportDocument': method({
    summary: "Write a codebook as the table papers put in an appendix (code, definition, inclusion, exclusion, example): Word (.docx) or Markdown (.md), by the path's extension, or returned as bytes in the given format when no path is given.",
    input: z
      .object({
        codebookId: id,
        path: z
          .string()
          .min(1)
          .max(4096)
          .refine((p) => /\.(docx|md)$/iu.test(p), 'The codebook document is written as .docx or .md: end the path with one of them.')
          .optional(),
        /** Without a path: which document to return. */
        format: z.enum(['docx', 'md']).optional(),
      })
      .refine((x) => x.path !== undefined || x.format !== undefined, { message: 'give the path to write, or the format (docx or md) to return' }),
    output: z.object({ ...savedFile, codes: z.number().int() }),
  }),

  // Codes
  'codes.get': method({
    summary: 'One code with its path.',
    input: z.object({ codeId: id }),
    output: code,
  }),
  'codes.find': method({
    summary: 'The code at a path such as "Rupture/Withdrawal" (case-insensitive), or null. Null codebook: the first.',
    input: z.object({ codebookId: id.nullable().optional(), path: z.string().min(1).max(2000) }),
    output: code.nullable(),
  }),
  'codes.resolvePath': method({
    summary:
      'The code at a path such as "Rupture/Withdrawal" in a codebook (null: the first). With create, the missing codes on the ' +
      'path are made (one undoable step); without, a missing one is a not-found error naming it.',
    input: z.object({ codebookId: id.nullable().optional(), path: z.string().min(1).max(2000), create: z.boolean().default(false) }),
    output: z.object({ code, created: z.boolean() }),
  }),
  'codes.usage': method({
    summary: 'What deleting a code would take with it: its codings, sub-codes, their codings and memos.',
    input: z.object({ codeId: id }),
    output: codeUsage,
  }),
  'codes.create': method({
    summary: 'Add a code (in the first codebook, made if needed, when codebookId is omitted); names unique among siblings.',
    input: z.object({
      codebookId: id.nullable().optional(),
      parentId: id.nullable().optional(),
      name: wellFormedText(codeName),
      /** Index among its siblings; omitted: last. */
      position: z.number().int().min(0).optional(),
      ...codeFields,
    }),
    output: code,
  }),
  'codes.update': method({
    summary: "Rename a code or change its colour, definition, inclusion/exclusion criteria, example or shortcut.",
    input: z.object({ codeId: id, name: wellFormedText(codeName).optional(), ...codeFields }),
    output: code,
  }),
  'codes.move': method({
    summary: 'Move a code (with its sub-codes) under another parent (null: top level) and/or to a position among its siblings.',
    input: z.object({ codeId: id, parentId: id.nullable(), position: z.number().int().min(0).optional() }),
    output: code,
  }),
  'codes.merge': method({
    summary: 'Merge a code into another: codings, sub-codes and memos move; duplicate codings collapse (counted).',
    input: z.object({ sourceId: id, targetId: id }),
    output: mergeResult,
  }),
  'codes.split': method({
    summary: 'Move chosen codings of a code to a new code (beside it unless parentId is given).',
    input: z.object({
      codeId: id,
      codingIds: z.array(id).min(1).max(100_000),
      name: wellFormedText(codeName),
      parentId: id.nullable().optional(),
      ...codeFields,
    }),
    output: z.object({ code, movedCodings: z.number().int() }),
  }),
  'codes.delete': method({
    summary: 'Delete a code with its sub-codes, their codings and memos (undoable); reports the counts.',
    input: z.object({ codeId: id }),
    output: z.object({
      code,
      deletedCodings: z.number().int(),
      deletedSubCodes: z.number().int(),
      deletedSubCodeCodings: z.number().int(),
      deletedMemos: z.number().int(),
    }),
  }),

  // Codings
  'codings.add': method({
    summary: 'Code text[start, end) of an interview; the same code, coder and passage again returns the existing coding.',
    input: z.object({ interviewId: id, start: offset, end: offset, codeId: id, coderId }),
    output: codingResult,
  }),
  'codings.remove': method({
    summary: 'Remove a coding and the memos on it.',
    input: z.object({ codingId: id }),
    output: z.object({ coding: codingView, deletedMemos: z.number().int() }),
  }),
  'codings.update': method({
    summary: "Change a coding's passage or its code (keeps its coder and memos).",
    input: z.object({ codingId: id, start: offset.optional(), end: offset.optional(), codeId: id.optional() }),
    output: codingView,
  }),
  'codings.get': method({
    summary: 'One coding, with its code name, path and colour and its coder.',
    input: z.object({ codingId: id }),
    output: codingView,
  }),
  'codings.forInterview': method({
    summary: "An interview's codings in text order, with code name, path and colour; optionally of one coder or code.",
    input: z.object({ interviewId: id, ...codingFilter }),
    output: z.array(codingView),
  }),
  'codings.forSession': method({
    summary: "The codings of each interview of a session (client and therapist).",
    input: z.object({ sessionId: id, ...codingFilter }),
    output: z.object({ interviews: z.array(z.object({ interviewId: id, role, codings: z.array(codingView) })) }),
  }),
  'codings.codeTurn': method({
    summary: 'Code a whole speaker turn.',
    input: z.object({ turnId: id, codeId: id, coderId }),
    output: codingResult,
  }),
  'codings.codeMoment': method({
    summary: 'Code a whole recall moment (from its marker to the next one).',
    input: z.object({ momentId: id, codeId: id, coderId }),
    output: codingResult,
  }),

  // Memos
  'memos.create': method({
    summary: 'Write a memo on the project, a code, a coding, an interview, a session or a dyad.',
    input: z.object({
      targetKind: memoTargetKind,
      /** Omitted or null for the project. */
      targetId: id.nullable().optional(),
      title: wellFormedText(z.string().max(500)).optional(),
      text: wellFormedText(z.string().max(200_000)),
      /** Omitted: the current coder, if one is chosen. */
      coderId: id.nullable().optional(),
    }),
    output: memo,
  }),
  'memos.update': method({
    summary: "Change a memo's title or text.",
    input: z.object({ memoId: id, title: wellFormedText(z.string().max(500)).optional(), text: wellFormedText(z.string().max(200_000)).optional() }),
    output: memo,
  }),
  'memos.delete': method({
    summary: 'Delete a memo.',
    input: z.object({ memoId: id }),
    output: memo,
  }),
  'memos.get': method({
    summary: 'One memo.',
    input: z.object({ memoId: id }),
    output: memo,
  }),
  'memos.list': method({
    summary: 'Memos, newest first, optionally of one kind of target or one target.',
    input: z.object({ targetKind: memoTargetKind.nullable().optional(), targetId: id.nullable().optional() }),
    output: z.array(memo),
  }),
  'memos.search': method({
    summary: 'Memos whose title or text contains every word of the query (case and accents ignored).',
    input: z.object({ query: z.string().max(500), targetKind: memoTargetKind.nullable().optional() }),
    output: z.array(memo),
  }),

  // Undo
  'undo.state': method({
    summary: 'Whether Undo and Redo are possible, and what they would undo or redo.',
    input: z.object({}),
    output: undoState,
  }),
  'undo.undo': method({
    summary: 'Undo the latest coding, codebook, memo or correction step. Kept in the file: works after reopening.',
    input: z.object({}),
    output: z.object({ undone: z.string().nullable(), state: undoState }),
  }),
  'undo.redo': method({
    summary: 'Redo the latest undone step.',
    input: z.object({}),
    output: z.object({ redone: z.string().nullable(), state: undoState }),
  }),

  // Corrections
  'interviews.correct': method({
    summary: "Correct an interview's text: replace text[start, end); codings, turns and moments follow (undoable).",
    input: z.object({ interviewId: id, start: offset, end: offset, replacement: wellFormedText(z.string().max(1_000_000)) }),
    output: correctionResult,
  }),
};
